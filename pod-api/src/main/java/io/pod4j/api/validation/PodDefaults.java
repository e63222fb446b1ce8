package io.pod4j.api.validation;

import io.pod4j.api.model.Container;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.EnvVarSource;
import io.pod4j.api.model.HTTPGetAction;
import io.pod4j.api.model.Lifecycle;
import io.pod4j.api.model.LifecycleHandler;
import io.pod4j.api.model.ObjectFieldSelector;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodSecurityContext;
import io.pod4j.api.model.PodSpec;
import io.pod4j.api.model.Probe;
import io.pod4j.api.model.ResourceRequirements;
import io.pod4j.api.model.Volume;
import io.pod4j.api.quantity.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The defaults the API server fills into a Pod it stores (pkg/apis/core/v1/defaults.go), so that
 * a Pod read back shows what a cluster would show. Idempotent: defaulting a defaulted Pod changes
 * nothing.
 */
public final class PodDefaults {

    /** The namespace of objects that name none. */
    public static final String DEFAULT_NAMESPACE = "default";

    private static final int DEFAULT_MODE = 0644;

    private PodDefaults() {
    }

    /**
     * @param pod a Pod as written
     * @return the Pod with the API server's defaults filled in
     */
    public static Pod apply(Pod pod) {
        ObjectMeta meta = pod.metadata();
        if (meta.namespace() == null || meta.namespace().isEmpty()) {
            meta = meta.toBuilder().namespace(DEFAULT_NAMESPACE).build();
        }
        PodSpec spec = pod.spec() == null ? PodSpec.builder().build() : pod.spec();
        PodSpec.Builder s = spec.toBuilder();
        if (spec.restartPolicy() == null) {
            s.restartPolicy("Always");
        }
        if (spec.terminationGracePeriodSeconds() == null) {
            s.terminationGracePeriodSeconds(30L);
        }
        if (spec.dnsPolicy() == null) {
            s.dnsPolicy("ClusterFirst");
        }
        if (spec.schedulerName() == null) {
            s.schedulerName("default-scheduler");
        }
        if (spec.enableServiceLinks() == null) {
            s.enableServiceLinks(true);
        }
        if (spec.securityContext() == null) {
            s.securityContext(PodSecurityContext.builder().build());
        }
        if (spec.priority() == null) {
            s.priority(0);
        }
        if (spec.serviceAccountName() == null) {
            s.serviceAccountName("default");
        }
        s.initContainers(spec.initContainers().stream().map(PodDefaults::container).toList());
        s.containers(spec.containers().stream().map(PodDefaults::container).toList());
        s.volumes(spec.volumes().stream().map(PodDefaults::volume).toList());
        return new Pod(pod.apiVersion(), pod.kind(), meta, s.build(), pod.status());
    }

    /**
     * @param image an image reference
     * @return the pull policy the API server picks when none is set: {@code Always} for
     *     {@code :latest} or no tag (and no digest), else {@code IfNotPresent}
     */
    public static String pullPolicyFor(String image) {
        if (image == null) {
            return "IfNotPresent";
        }
        String ref = image;
        boolean digest = false;
        int at = ref.indexOf('@');
        if (at >= 0) {
            digest = true;
            ref = ref.substring(0, at);
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        String tag = colon > slash ? ref.substring(colon + 1) : null;
        if ("latest".equals(tag)) {
            return "Always";
        }
        if (tag == null && !digest) {
            return "Always";
        }
        return "IfNotPresent";
    }

    private static Container container(Container c) {
        Container.Builder b = c.toBuilder();
        if (c.imagePullPolicy() == null) {
            b.imagePullPolicy(pullPolicyFor(c.image()));
        }
        if (c.terminationMessagePath() == null) {
            b.terminationMessagePath("/dev/termination-log");
        }
        if (c.terminationMessagePolicy() == null) {
            b.terminationMessagePolicy("File");
        }
        b.ports(c.ports().stream()
                .map(p -> p.protocol() == null ? p.toBuilder().protocol("TCP").build() : p)
                .toList());
        b.env(c.env().stream().map(PodDefaults::env).toList());
        b.livenessProbe(probe(c.livenessProbe()));
        b.readinessProbe(probe(c.readinessProbe()));
        b.startupProbe(probe(c.startupProbe()));
        if (c.lifecycle() != null) {
            b.lifecycle(Lifecycle.builder()
                    .postStart(handler(c.lifecycle().postStart()))
                    .preStop(handler(c.lifecycle().preStop()))
                    .build());
        }
        if (c.resources() == null) {
            b.resources(ResourceRequirements.builder().build());
        } else if (!c.resources().limits().isEmpty()) {
            // Requests default to limits, resource by resource.
            Map<String, Quantity> requests = new LinkedHashMap<>(c.resources().limits());
            requests.putAll(c.resources().requests());
            b.resources(c.resources().toBuilder().requests(requests).build());
        }
        return b.build();
    }

    private static EnvVar env(EnvVar e) {
        EnvVarSource from = e.valueFrom();
        if (from == null || from.fieldRef() == null || from.fieldRef().apiVersion() != null) {
            return e;
        }
        ObjectFieldSelector ref = from.fieldRef().toBuilder().apiVersion("v1").build();
        return e.toBuilder().valueFrom(from.toBuilder().fieldRef(ref).build()).build();
    }

    private static Probe probe(Probe p) {
        if (p == null) {
            return null;
        }
        Probe.Builder b = p.toBuilder();
        if (p.timeoutSeconds() == null) {
            b.timeoutSeconds(1);
        }
        if (p.periodSeconds() == null) {
            b.periodSeconds(10);
        }
        if (p.successThreshold() == null) {
            b.successThreshold(1);
        }
        if (p.failureThreshold() == null) {
            b.failureThreshold(3);
        }
        b.httpGet(httpGet(p.httpGet()));
        return b.build();
    }

    private static LifecycleHandler handler(LifecycleHandler h) {
        return h == null ? null : h.toBuilder().httpGet(httpGet(h.httpGet())).build();
    }

    private static HTTPGetAction httpGet(HTTPGetAction h) {
        if (h == null) {
            return null;
        }
        HTTPGetAction.Builder b = h.toBuilder();
        if (h.path() == null) {
            b.path("/");
        }
        if (h.scheme() == null) {
            b.scheme("HTTP");
        }
        return b.build();
    }

    private static Volume volume(Volume v) {
        Volume.Builder b = v.toBuilder();
        if (v.configMap() != null && v.configMap().defaultMode() == null) {
            b.configMap(v.configMap().toBuilder().defaultMode(DEFAULT_MODE).build());
        }
        if (v.secret() != null && v.secret().defaultMode() == null) {
            b.secret(v.secret().toBuilder().defaultMode(DEFAULT_MODE).build());
        }
        if (v.downwardAPI() != null && v.downwardAPI().defaultMode() == null) {
            b.downwardAPI(v.downwardAPI().toBuilder().defaultMode(DEFAULT_MODE).build());
        }
        if (v.projected() != null && v.projected().defaultMode() == null) {
            b.projected(v.projected().toBuilder().defaultMode(DEFAULT_MODE).build());
        }
        if (v.hostPath() != null && v.hostPath().type() == null) {
            b.hostPath(v.hostPath().toBuilder().type("").build());
        }
        return b.build();
    }
}

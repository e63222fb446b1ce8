package io.pod4j.api.validation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.pod4j.api.build.Copies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The defaults the API server fills into a Pod it stores (pkg/apis/core/v1/defaults.go), so that
 * a Pod read back shows what a cluster would show. A pure function: the Pod given is not changed.
 * Idempotent: defaulting a defaulted Pod changes nothing.
 */
public final class PodDefaults {

    /** The namespace of objects that name none. */
    public static final String DEFAULT_NAMESPACE = "default";

    private static final int DEFAULT_MODE = 0644;

    private PodDefaults() {
    }

    /**
     * @param pod a Pod as written; not changed
     * @return a copy with the API server's defaults filled in
     */
    public static Pod apply(Pod pod) {
        Pod out = Copies.of(pod);
        if (out.getApiVersion() == null) {
            out.setApiVersion("v1");
        }
        if (out.getKind() == null) {
            out.setKind("Pod");
        }
        if (out.getMetadata() == null) {
            out.setMetadata(new ObjectMeta());
        }
        ObjectMeta meta = out.getMetadata();
        if (meta.getNamespace() == null || meta.getNamespace().isEmpty()) {
            meta.setNamespace(DEFAULT_NAMESPACE);
        }
        if (out.getSpec() == null) {
            out.setSpec(new PodSpec());
        }
        PodSpec s = out.getSpec();
        if (s.getRestartPolicy() == null) {
            s.setRestartPolicy("Always");
        }
        if (s.getTerminationGracePeriodSeconds() == null) {
            s.setTerminationGracePeriodSeconds(30L);
        }
        if (s.getDnsPolicy() == null) {
            s.setDnsPolicy("ClusterFirst");
        }
        if (s.getSchedulerName() == null) {
            s.setSchedulerName("default-scheduler");
        }
        if (s.getEnableServiceLinks() == null) {
            s.setEnableServiceLinks(true);
        }
        if (s.getSecurityContext() == null) {
            s.setSecurityContext(new PodSecurityContext());
        }
        if (s.getServiceAccountName() == null) {
            s.setServiceAccountName("default");
        }
        boolean hostNetwork = Boolean.TRUE.equals(s.getHostNetwork());
        each(s.getInitContainers()).forEach(c -> container(c, hostNetwork));
        each(s.getContainers()).forEach(c -> container(c, hostNetwork));
        each(s.getVolumes()).forEach(PodDefaults::volume);
        return out;
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

    static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void container(Container c, boolean hostNetwork) {
        if (c.getImagePullPolicy() == null) {
            c.setImagePullPolicy(pullPolicyFor(c.getImage()));
        }
        if (c.getTerminationMessagePath() == null) {
            c.setTerminationMessagePath("/dev/termination-log");
        }
        if (c.getTerminationMessagePolicy() == null) {
            c.setTerminationMessagePolicy("File");
        }
        for (ContainerPort p : each(c.getPorts())) {
            if (p.getProtocol() == null) {
                p.setProtocol("TCP");
            }
            if (hostNetwork && p.getHostPort() == null) {
                p.setHostPort(p.getContainerPort());
            }
        }
        for (EnvVar e : each(c.getEnv())) {
            if (e.getValueFrom() != null) {
                fieldRef(e.getValueFrom().getFieldRef());
            }
        }
        probe(c.getLivenessProbe());
        probe(c.getReadinessProbe());
        probe(c.getStartupProbe());
        Lifecycle lifecycle = c.getLifecycle();
        if (lifecycle != null) {
            httpGet(lifecycle.getPostStart() == null ? null : lifecycle.getPostStart().getHttpGet());
            httpGet(lifecycle.getPreStop() == null ? null : lifecycle.getPreStop().getHttpGet());
        }
        if (c.getResources() == null) {
            c.setResources(new ResourceRequirements());
        }
        ResourceRequirements r = c.getResources();
        if (r.getLimits() != null && !r.getLimits().isEmpty()) {
            // Requests default to limits, resource by resource.
            Map<String, Quantity> requests = new LinkedHashMap<>();
            r.getLimits().forEach((k, v) -> requests.put(k, Copies.of(v)));
            if (r.getRequests() != null) {
                requests.putAll(r.getRequests());
            }
            r.setRequests(requests);
        }
    }

    private static void probe(Probe p) {
        if (p == null) {
            return;
        }
        if (p.getTimeoutSeconds() == null) {
            p.setTimeoutSeconds(1);
        }
        if (p.getPeriodSeconds() == null) {
            p.setPeriodSeconds(10);
        }
        if (p.getSuccessThreshold() == null) {
            p.setSuccessThreshold(1);
        }
        if (p.getFailureThreshold() == null) {
            p.setFailureThreshold(3);
        }
        httpGet(p.getHttpGet());
        if (p.getGrpc() != null && p.getGrpc().getService() == null) {
            p.getGrpc().setService("");
        }
    }

    private static void httpGet(HTTPGetAction h) {
        if (h == null) {
            return;
        }
        if (h.getPath() == null) {
            h.setPath("/");
        }
        if (h.getScheme() == null) {
            h.setScheme("HTTP");
        }
    }

    private static void volume(Volume v) {
        if (v.getConfigMap() != null && v.getConfigMap().getDefaultMode() == null) {
            v.getConfigMap().setDefaultMode(DEFAULT_MODE);
        }
        if (v.getSecret() != null && v.getSecret().getDefaultMode() == null) {
            v.getSecret().setDefaultMode(DEFAULT_MODE);
        }
        if (v.getDownwardAPI() != null && v.getDownwardAPI().getDefaultMode() == null) {
            v.getDownwardAPI().setDefaultMode(DEFAULT_MODE);
        }
        if (v.getProjected() != null && v.getProjected().getDefaultMode() == null) {
            v.getProjected().setDefaultMode(DEFAULT_MODE);
        }
        if (v.getHostPath() != null && v.getHostPath().getType() == null) {
            v.getHostPath().setType("");
        }
        if (v.getDownwardAPI() != null) {
            each(v.getDownwardAPI().getItems()).forEach(i -> fieldRef(i.getFieldRef()));
        }
        if (v.getProjected() != null) {
            for (VolumeProjection source : each(v.getProjected().getSources())) {
                if (source.getServiceAccountToken() != null && source.getServiceAccountToken().getExpirationSeconds() == null) {
                    source.getServiceAccountToken().setExpirationSeconds(3600L);
                }
                if (source.getDownwardAPI() != null) {
                    each(source.getDownwardAPI().getItems()).forEach(i -> fieldRef(i.getFieldRef()));
                }
            }
        }
        if (v.getImage() != null && v.getImage().getPullPolicy() == null) {
            v.getImage().setPullPolicy(pullPolicyFor(v.getImage().getReference()));
        }
    }

    private static void fieldRef(ObjectFieldSelector ref) {
        if (ref != null && ref.getApiVersion() == null) {
            ref.setApiVersion("v1");
        }
    }
}

package io.pod4j.api.selector;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields the API server lets a field selector use, per kind, and their values for one object
 * (each kind's {@code ToSelectableFields} in pkg/registry): every kind has {@code metadata.name}
 * (and {@code metadata.namespace} when namespaced); Pods, Events, Nodes, Namespaces and Secrets
 * add their own.
 */
public final class SelectableFields {

    /** The fields the API server accepts in a Pod field selector. */
    public static final Set<String> POD = Set.of(
            "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
            "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
            "status.nominatedNodeName");

    /** The fields the API server accepts in an Event field selector. */
    public static final Set<String> EVENT = Set.of(
            "metadata.name", "metadata.namespace", "involvedObject.kind", "involvedObject.namespace",
            "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source",
            "type");

    private static final Map<String, Set<String>> BY_KIND = Map.of(
            "Pod", POD,
            "Event", EVENT,
            "Node", Set.of("metadata.name", "spec.unschedulable"),
            "Namespace", Set.of("metadata.name", "status.phase"),
            "Secret", Set.of("metadata.name", "metadata.namespace", "type"));

    private static final Set<String> ANY = Set.of("metadata.name", "metadata.namespace");

    private SelectableFields() {
    }

    /**
     * @param kind a kind, such as {@code Pod}
     * @return the field labels the API server accepts for it
     */
    public static Set<String> of(String kind) {
        return BY_KIND.getOrDefault(kind, ANY);
    }

    /**
     * @param object a fabric8 object
     * @return its selectable field values; absent values are the empty string
     */
    public static Map<String, String> valuesOf(HasMetadata object) {
        Map<String, String> fields = new HashMap<>();
        ObjectMeta meta = object.getMetadata();
        fields.put("metadata.name", orEmpty(meta == null ? null : meta.getName()));
        if (!(object instanceof Node) && !(object instanceof Namespace)) {
            fields.put("metadata.namespace", orEmpty(meta == null ? null : meta.getNamespace()));
        }
        if (object instanceof Pod pod) {
            pod(pod, fields);
        } else if (object instanceof Event event) {
            event(event, fields);
        } else if (object instanceof Node node) {
            fields.put("spec.unschedulable", String.valueOf(node.getSpec() != null
                    && Boolean.TRUE.equals(node.getSpec().getUnschedulable())));
        } else if (object instanceof Namespace ns) {
            fields.put("status.phase", orEmpty(ns.getStatus() == null ? null : ns.getStatus().getPhase()));
        } else if (object instanceof Secret secret) {
            fields.put("type", orEmpty(secret.getType()));
        }
        return Map.copyOf(fields);
    }

    private static void pod(Pod pod, Map<String, String> fields) {
        PodSpec spec = pod.getSpec();
        PodStatus status = pod.getStatus();
        fields.put("spec.nodeName", orEmpty(spec == null ? null : spec.getNodeName()));
        fields.put("spec.restartPolicy", orEmpty(spec == null ? null : spec.getRestartPolicy()));
        fields.put("spec.schedulerName", orEmpty(spec == null ? null : spec.getSchedulerName()));
        fields.put("spec.serviceAccountName", orEmpty(spec == null ? null : spec.getServiceAccountName()));
        fields.put("spec.hostNetwork", String.valueOf(spec != null && Boolean.TRUE.equals(spec.getHostNetwork())));
        fields.put("status.phase", orEmpty(status == null ? null : status.getPhase()));
        String podIP = "";
        String podIPs = "";
        if (status != null && status.getPodIPs() != null && !status.getPodIPs().isEmpty()
                && status.getPodIPs().get(0) != null) {
            podIP = orEmpty(status.getPodIPs().get(0).getIp());
            podIPs = podIP;
        } else if (status != null) {
            podIP = orEmpty(status.getPodIP()); // an engine may fill only the singular field
        }
        fields.put("status.podIP", podIP);
        fields.put("status.podIPs", podIPs);
        fields.put("status.nominatedNodeName", orEmpty(status == null ? null : status.getNominatedNodeName()));
    }

    private static void event(Event e, Map<String, String> fields) {
        ObjectReference o = e.getInvolvedObject() == null ? new ObjectReference() : e.getInvolvedObject();
        fields.put("involvedObject.kind", orEmpty(o.getKind()));
        fields.put("involvedObject.namespace", orEmpty(o.getNamespace()));
        fields.put("involvedObject.name", orEmpty(o.getName()));
        fields.put("involvedObject.uid", orEmpty(o.getUid()));
        fields.put("involvedObject.apiVersion", orEmpty(o.getApiVersion()));
        fields.put("involvedObject.resourceVersion", orEmpty(o.getResourceVersion()));
        fields.put("involvedObject.fieldPath", orEmpty(o.getFieldPath()));
        fields.put("reason", orEmpty(e.getReason()));
        fields.put("reportingComponent", orEmpty(e.getReportingComponent()));
        String source = e.getSource() == null ? null : e.getSource().getComponent();
        fields.put("source", orEmpty(source == null || source.isEmpty() ? e.getReportingComponent() : source));
        fields.put("type", orEmpty(e.getType()));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

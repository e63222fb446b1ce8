package io.pod4j.store;

import java.util.Map;

/**
 * The strategic-merge metadata of the kinds the store knows: for each type, the fields that lead
 * to nested types and the lists Kubernetes merges item by item ({@code patchStrategy:"merge"} with
 * a {@code patchMergeKey}, or primitives merged as a set), as core/v1's {@code types.go} tags
 * them. A list that is not here (tolerations, args, command, envFrom, readinessGates, container
 * statuses...) is replaced whole, as in Kubernetes. Public for the API server's OpenAPI documents,
 * which publish the same metadata as {@code x-kubernetes-patch-*} extensions.
 */
public final class PatchSchema {

    /**
     * One field of a type.
     *
     * @param type the field's type (for a list: its items' type), null for a type with nothing to merge
     * @param merge whether a list is merged rather than replaced
     * @param mergeKey the key identifying list items, null for a list of primitives
     * @param retainKeys whether {@code $retainKeys} applies to its items (union types such as volumes)
     */
    public record Field(String type, boolean merge, String mergeKey, boolean retainKeys) {
    }

    private static Field nested(String type) {
        return new Field(type, false, null, false);
    }

    private static Field mergeBy(String key, String type) {
        return new Field(type, true, key, false);
    }

    private static final Field PRIMITIVE_SET = new Field(null, true, null, false);

    private static final Map<String, Map<String, Field>> TYPES = Map.ofEntries(
            Map.entry("Object", Map.of("metadata", nested("ObjectMeta"))),
            Map.entry("ObjectMeta", Map.of("ownerReferences", mergeBy("uid", null), "finalizers", PRIMITIVE_SET)),
            Map.entry("Pod", Map.of("metadata", nested("ObjectMeta"), "spec", nested("PodSpec"), "status", nested("PodStatus"))),
            Map.entry("PodSpec", Map.ofEntries(
                    Map.entry("volumes", new Field(null, true, "name", true)),
                    Map.entry("initContainers", mergeBy("name", "Container")),
                    Map.entry("containers", mergeBy("name", "Container")),
                    Map.entry("ephemeralContainers", mergeBy("name", "Container")),
                    Map.entry("imagePullSecrets", mergeBy("name", null)),
                    Map.entry("hostAliases", mergeBy("ip", null)),
                    Map.entry("topologySpreadConstraints", mergeBy("topologyKey", null)),
                    Map.entry("schedulingGates", mergeBy("name", null)),
                    Map.entry("resourceClaims", new Field(null, true, "name", true)))),
            Map.entry("Container", Map.of(
                    "ports", mergeBy("containerPort", null),
                    "env", mergeBy("name", null),
                    "volumeMounts", mergeBy("mountPath", null),
                    "volumeDevices", mergeBy("devicePath", null))),
            Map.entry("PodStatus", Map.of(
                    "conditions", mergeBy("type", null),
                    "podIPs", mergeBy("ip", null),
                    "hostIPs", mergeBy("ip", null),
                    "resourceClaimStatuses", new Field(null, true, "name", true))),
            Map.entry("Node", Map.of("metadata", nested("ObjectMeta"), "spec", nested("NodeSpec"), "status", nested("NodeStatus"))),
            Map.entry("NodeSpec", Map.of("podCIDRs", PRIMITIVE_SET)),
            Map.entry("NodeStatus", Map.of("conditions", mergeBy("type", null), "addresses", mergeBy("type", null))),
            Map.entry("Service", Map.of("metadata", nested("ObjectMeta"), "spec", nested("ServiceSpec"))),
            Map.entry("ServiceSpec", Map.of("ports", mergeBy("port", null))),
            Map.entry("Namespace", Map.of("metadata", nested("ObjectMeta"), "status", nested("NamespaceStatus"))),
            Map.entry("NamespaceStatus", Map.of("conditions", mergeBy("type", null))),
            Map.entry("PersistentVolumeClaim", Map.of("metadata", nested("ObjectMeta"), "status", nested("PVCStatus"))),
            Map.entry("PVCStatus", Map.of("conditions", mergeBy("type", null))),
            Map.entry("PodTemplateSpec", Map.of("metadata", nested("ObjectMeta"), "spec", nested("PodSpec"))),
            Map.entry("Deployment", workload("DeploymentSpec")),
            Map.entry("DeploymentSpec", Map.of("template", nested("PodTemplateSpec"))),
            Map.entry("ReplicaSet", workload("ReplicaSetSpec")),
            Map.entry("ReplicaSetSpec", Map.of("template", nested("PodTemplateSpec"))),
            Map.entry("StatefulSet", workload("StatefulSetSpec")),
            Map.entry("StatefulSetSpec", Map.of("template", nested("PodTemplateSpec"))),
            Map.entry("DaemonSet", workload("DaemonSetSpec")),
            Map.entry("DaemonSetSpec", Map.of("template", nested("PodTemplateSpec"))),
            Map.entry("Job", workload("JobSpec")),
            Map.entry("JobSpec", Map.of("template", nested("PodTemplateSpec"))),
            Map.entry("CronJob", Map.of("metadata", nested("ObjectMeta"), "spec", nested("CronJobSpec"))),
            Map.entry("CronJobSpec", Map.of("jobTemplate", nested("JobTemplateSpec"))),
            Map.entry("JobTemplateSpec", Map.of("metadata", nested("ObjectMeta"), "spec", nested("JobSpec"))),
            Map.entry("WorkloadStatus", Map.of("conditions", mergeBy("type", null))));

    /** apps/v1 and batch/v1 kinds: a spec with a pod template, a status whose conditions merge by type. */
    private static Map<String, Field> workload(String spec) {
        return Map.of("metadata", nested("ObjectMeta"), "spec", nested(spec), "status", nested("WorkloadStatus"));
    }

    private PatchSchema() {
    }

    /** @return the root type of a kind with strategic-merge metadata; null for kinds served as custom resources */
    public static String rootOf(ResourceType<?> type) {
        if (type.type() == io.fabric8.kubernetes.api.model.GenericKubernetesResource.class) {
            return null;
        }
        return TYPES.containsKey(type.kind()) ? type.kind() : "Object";
    }

    /** @return the field's metadata, or null when it has none (merged as a plain map, or replaced if a list) */
    public static Field field(String type, String name) {
        Map<String, Field> fields = type == null ? null : TYPES.get(type);
        return fields == null ? null : fields.get(name);
    }
}

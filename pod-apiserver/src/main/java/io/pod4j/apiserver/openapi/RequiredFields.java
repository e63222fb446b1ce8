package io.pod4j.apiserver.openapi;

import java.util.List;
import java.util.Map;

/**
 * The fields Kubernetes' types mark as required (those without {@code +optional} in its
 * {@code types.go}), which fabric8's model does not record; {@code kubectl explain} prints them as
 * {@code -required-}. Keyed by definition name without its package.
 */
final class RequiredFields {

    private static final Map<String, List<String>> CORE_V1 = Map.ofEntries(
            Map.entry("AttachedVolume", List.of("name", "devicePath")),
            Map.entry("AWSElasticBlockStoreVolumeSource", List.of("volumeID")),
            Map.entry("AzureDiskVolumeSource", List.of("diskName", "diskURI")),
            Map.entry("AzureFileVolumeSource", List.of("secretName", "shareName")),
            Map.entry("CephFSVolumeSource", List.of("monitors")),
            Map.entry("CinderVolumeSource", List.of("volumeID")),
            Map.entry("ConfigMapNodeConfigSource", List.of("namespace", "name", "kubeletConfigKey")),
            Map.entry("Container", List.of("name")),
            Map.entry("CSIVolumeSource", List.of("driver")),
            Map.entry("FlexVolumeSource", List.of("driver")),
            Map.entry("GCEPersistentDiskVolumeSource", List.of("pdName")),
            Map.entry("GitRepoVolumeSource", List.of("repository")),
            Map.entry("GlusterfsVolumeSource", List.of("endpoints", "path")),
            Map.entry("ISCSIVolumeSource", List.of("targetPortal", "iqn", "lun")),
            Map.entry("PersistentVolumeClaimTemplate", List.of("spec")),
            Map.entry("PhotonPersistentDiskVolumeSource", List.of("pdID")),
            Map.entry("PodOS", List.of("name")),
            Map.entry("PortworxVolumeSource", List.of("volumeID")),
            Map.entry("QuobyteVolumeSource", List.of("registry", "volume")),
            Map.entry("RBDVolumeSource", List.of("monitors", "image")),
            Map.entry("ScaleIOVolumeSource", List.of("gateway", "system", "secretRef")),
            Map.entry("SeccompProfile", List.of("type")),
            Map.entry("TypedLocalObjectReference", List.of("kind", "name")),
            Map.entry("TypedObjectReference", List.of("kind", "name")),
            Map.entry("VsphereVirtualDiskVolumeSource", List.of("volumePath")),
            Map.entry("EphemeralContainer", List.of("name")),
            Map.entry("ContainerPort", List.of("containerPort")),
            Map.entry("ContainerResizePolicy", List.of("resourceName", "restartPolicy")),
            Map.entry("ContainerStateTerminated", List.of("exitCode")),
            Map.entry("ContainerStatus", List.of("name", "ready", "restartCount", "image", "imageID")),
            Map.entry("ConfigMapKeySelector", List.of("key")),
            Map.entry("DaemonEndpoint", List.of("Port")),
            Map.entry("DownwardAPIVolumeFile", List.of("path")),
            Map.entry("EndpointAddress", List.of("ip")),
            Map.entry("EndpointPort", List.of("port")),
            Map.entry("EnvVar", List.of("name")),
            Map.entry("Event", List.of("metadata", "involvedObject")),
            Map.entry("GRPCAction", List.of("port")),
            Map.entry("HostAlias", List.of("ip")),
            Map.entry("HostIP", List.of("ip")),
            Map.entry("HostPathVolumeSource", List.of("path")),
            Map.entry("HTTPGetAction", List.of("port")),
            Map.entry("HTTPHeader", List.of("name", "value")),
            Map.entry("KeyToPath", List.of("key", "path")),
            Map.entry("NamespaceCondition", List.of("type", "status")),
            Map.entry("NFSVolumeSource", List.of("server", "path")),
            Map.entry("NodeAddress", List.of("type", "address")),
            Map.entry("NodeCondition", List.of("type", "status")),
            Map.entry("NodeSelector", List.of("nodeSelectorTerms")),
            Map.entry("NodeSelectorRequirement", List.of("key", "operator")),
            Map.entry("NodeSystemInfo", List.of("machineID", "systemUUID", "bootID", "kernelVersion", "osImage",
                    "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture")),
            Map.entry("ObjectFieldSelector", List.of("fieldPath")),
            Map.entry("PersistentVolumeClaimCondition", List.of("type", "status")),
            Map.entry("PersistentVolumeClaimVolumeSource", List.of("claimName")),
            Map.entry("PodAffinityTerm", List.of("topologyKey")),
            Map.entry("PodCondition", List.of("type", "status")),
            Map.entry("PodIP", List.of("ip")),
            Map.entry("PodReadinessGate", List.of("conditionType")),
            Map.entry("PodResourceClaim", List.of("name")),
            Map.entry("PodSchedulingGate", List.of("name")),
            Map.entry("PodSpec", List.of("containers")),
            Map.entry("PreferredSchedulingTerm", List.of("weight", "preference")),
            Map.entry("ResourceClaim", List.of("name")),
            Map.entry("ResourceFieldSelector", List.of("resource")),
            Map.entry("SecretKeySelector", List.of("key")),
            Map.entry("ServiceAccountTokenProjection", List.of("path")),
            Map.entry("ServicePort", List.of("port")),
            Map.entry("SleepAction", List.of("seconds")),
            Map.entry("Sysctl", List.of("name", "value")),
            Map.entry("Taint", List.of("key", "effect")),
            Map.entry("TCPSocketAction", List.of("port")),
            Map.entry("TopologySpreadConstraint", List.of("maxSkew", "topologyKey", "whenUnsatisfiable")),
            Map.entry("Volume", List.of("name")),
            Map.entry("VolumeDevice", List.of("name", "devicePath")),
            Map.entry("VolumeMount", List.of("name", "mountPath")),
            Map.entry("WeightedPodAffinityTerm", List.of("weight", "podAffinityTerm")));

    private static final Map<String, List<String>> META_V1 = Map.of(
            "OwnerReference", List.of("apiVersion", "kind", "name", "uid"),
            "LabelSelectorRequirement", List.of("key", "operator"),
            "Condition", List.of("type", "status", "lastTransitionTime", "reason", "message"));

    private RequiredFields() {
    }

    /**
     * @param definition a definition's full name, e.g. {@code io.k8s.api.core.v1.Container}
     * @return its required fields, empty when none
     */
    static List<String> of(String definition) {
        String simple = definition.substring(definition.lastIndexOf('.') + 1);
        if (simple.endsWith("List") && definition.startsWith("io.k8s.api.")) {
            return List.of("items"); // every kind's list requires its items
        }
        if (definition.startsWith("io.k8s.api.core.v1.")) {
            return CORE_V1.getOrDefault(simple, List.of());
        }
        if (definition.startsWith("io.k8s.apimachinery.pkg.apis.meta.v1.")) {
            return META_V1.getOrDefault(simple, List.of());
        }
        return List.of();
    }
}

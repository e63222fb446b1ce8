package io.pod4j.apiserver.discovery;

import io.pod4j.apiserver.discovery.ServedResource.Subresource;
import io.pod4j.apiserver.conversion.EventsV1Conversion;
import io.pod4j.store.ResourceType;
import io.pod4j.store.ResourceTypes;
import java.util.List;
import java.util.Optional;

/**
 * The resources this server serves: core/v1 pods (with status, binding, log and the streaming
 * subresources), configmaps, secrets, namespaces, nodes, events, services and endpoints,
 * events.k8s.io/v1 events (the same Events, converted), the apps/v1 and batch/v1 workloads and
 * discovery.k8s.io/v1 endpointslices, coordination.k8s.io/v1 leases, with the verbs, short names and categories a Kubernetes 1.32 API
 * server gives them.
 */
public final class ServedResources {

    /** {@code events.k8s.io/v1} Events: the core/v1 Events of the store, converted. */
    public static final ResourceType<io.fabric8.kubernetes.api.model.events.v1.Event> EVENTS_V1 = new ResourceType<>(
            "events.k8s.io", "v1", "Event", "events", true, false, false, io.fabric8.kubernetes.api.model.events.v1.Event.class);

    private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");
    private static final List<String> STREAM_VERBS = List.of("create", "get");

    private static final List<ServedResource> ALL = List.of(
            new ServedResource(ResourceTypes.PODS, "pod", ServedResource.ALL_VERBS, List.of("po"), List.of("all"), List.of(
                    new Subresource("attach", "PodAttachOptions", STREAM_VERBS),
                    new Subresource("binding", "Binding", List.of("create")),
                    new Subresource("ephemeralcontainers", "Pod", STATUS_VERBS),
                    new Subresource("exec", "PodExecOptions", STREAM_VERBS),
                    new Subresource("log", "Pod", List.of("get")),
                    new Subresource("portforward", "PodPortForwardOptions", STREAM_VERBS),
                    new Subresource("status", "Pod", STATUS_VERBS))),
            new ServedResource(ResourceTypes.CONFIG_MAPS, "configmap", ServedResource.ALL_VERBS, List.of("cm"), List.of(),
                    List.of()),
            new ServedResource(ResourceTypes.SECRETS, "secret", ServedResource.ALL_VERBS, List.of(), List.of(), List.of()),
            new ServedResource(ResourceTypes.NAMESPACES, "namespace",
                    List.of("create", "delete", "get", "list", "patch", "update", "watch"), List.of("ns"), List.of(),
                    List.of(new Subresource("finalize", "Namespace", List.of("update")),
                            new Subresource("status", "Namespace", STATUS_VERBS))),
            new ServedResource(ResourceTypes.NODES, "node", ServedResource.ALL_VERBS, List.of("no"), List.of(),
                    List.of(new Subresource("status", "Node", STATUS_VERBS))),
            new ServedResource(ResourceTypes.EVENTS, "event", ServedResource.ALL_VERBS, List.of("ev"), List.of(), List.of()),
            new ServedResource(ServedResources.EVENTS_V1, "event", ServedResource.ALL_VERBS, List.of("ev"), List.of(), List.of(),
                    new EventsV1Conversion(ServedResources.EVENTS_V1)),
            new ServedResource(ResourceTypes.DAEMON_SETS, "daemonset", ServedResource.ALL_VERBS, List.of("ds"), List.of("all"),
                    List.of(new Subresource("status", "DaemonSet", STATUS_VERBS))),
            new ServedResource(ResourceTypes.DEPLOYMENTS, "deployment", ServedResource.ALL_VERBS, List.of("deploy"),
                    List.of("all"), List.of(new Subresource("scale", "Scale", STATUS_VERBS),
                            new Subresource("status", "Deployment", STATUS_VERBS))),
            new ServedResource(ResourceTypes.REPLICA_SETS, "replicaset", ServedResource.ALL_VERBS, List.of("rs"), List.of("all"),
                    List.of(new Subresource("scale", "Scale", STATUS_VERBS), new Subresource("status", "ReplicaSet", STATUS_VERBS))),
            new ServedResource(ResourceTypes.STATEFUL_SETS, "statefulset", ServedResource.ALL_VERBS, List.of("sts"),
                    List.of("all"), List.of(new Subresource("scale", "Scale", STATUS_VERBS),
                            new Subresource("status", "StatefulSet", STATUS_VERBS))),
            new ServedResource(ResourceTypes.CRON_JOBS, "cronjob", ServedResource.ALL_VERBS, List.of("cj"), List.of("all"),
                    List.of(new Subresource("status", "CronJob", STATUS_VERBS))),
            new ServedResource(ResourceTypes.JOBS, "job", ServedResource.ALL_VERBS, List.of(), List.of("all"),
                    List.of(new Subresource("status", "Job", STATUS_VERBS))),
            new ServedResource(ResourceTypes.SERVICES, "service", ServedResource.ALL_VERBS, List.of("svc"), List.of("all"),
                    List.of(new Subresource("status", "Service", STATUS_VERBS))),
            new ServedResource(ResourceTypes.ENDPOINTS, "endpoints", ServedResource.ALL_VERBS, List.of("ep"), List.of(),
                    List.of()),
            new ServedResource(ResourceTypes.ENDPOINT_SLICES, "endpointslice", ServedResource.ALL_VERBS, List.of(), List.of(),
                    List.of()),
            new ServedResource(ResourceTypes.LEASES, "lease", ServedResource.ALL_VERBS, List.of(), List.of(), List.of()),
            new ServedResource(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, "persistentvolumeclaim", ServedResource.ALL_VERBS,
                    List.of("pvc"), List.of(), List.of(new Subresource("status", "PersistentVolumeClaim", STATUS_VERBS))),
            new ServedResource(ResourceTypes.PERSISTENT_VOLUMES, "persistentvolume", ServedResource.ALL_VERBS, List.of("pv"),
                    List.of(), List.of(new Subresource("status", "PersistentVolume", STATUS_VERBS))),
            new ServedResource(ResourceTypes.STORAGE_CLASSES, "storageclass", ServedResource.ALL_VERBS, List.of("sc"), List.of(),
                    List.of()),
            new ServedResource(ResourceTypes.CONTROLLER_REVISIONS, "controllerrevision", ServedResource.ALL_VERBS, List.of(),
                    List.of(), List.of()));

    private ServedResources() {
    }

    /** @return every served resource, in discovery's order */
    public static List<ServedResource> all() {
        return ALL;
    }

    /**
     * @param group the API group, empty for core
     * @param version e.g. {@code v1}
     * @param plural e.g. {@code pods}
     * @return the resource, when this server serves it
     */
    public static Optional<ServedResource> find(String group, String version, String plural) {
        return ALL.stream().filter(r -> r.type().group().equals(group) && r.type().version().equals(version)
                && r.type().plural().equals(plural)).findFirst();
    }

    /** @return the served resource of a group/version, in discovery's order */
    public static List<ServedResource> inGroupVersion(String group, String version) {
        return ALL.stream().filter(r -> r.type().group().equals(group) && r.type().version().equals(version)).toList();
    }
}

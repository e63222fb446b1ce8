package io.pod4j.store;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds the store knows, as the API server's REST mapper: core/v1, apps/v1, batch/v1 and coordination.k8s.io/v1 kinds with their scope,
 * status subresource and generation counting (from the API server's registry), and any other kind
 * as a {@link GenericKubernetesResource}, namespaced, with its plural guessed as
 * {@code kubectl} guesses it (as custom resources are served).
 */
public final class ResourceTypes {

    public static final ResourceType<Pod> PODS = new ResourceType<>("", "v1", "Pod", "pods", true, true, true,
            Pod.class);
    public static final ResourceType<ConfigMap> CONFIG_MAPS = new ResourceType<>("", "v1", "ConfigMap", "configmaps",
            true, false, false, ConfigMap.class);
    public static final ResourceType<Secret> SECRETS = new ResourceType<>("", "v1", "Secret", "secrets", true, false,
            false, Secret.class);
    public static final ResourceType<Namespace> NAMESPACES = new ResourceType<>("", "v1", "Namespace", "namespaces",
            false, true, false, Namespace.class);
    public static final ResourceType<Node> NODES = new ResourceType<>("", "v1", "Node", "nodes", false, true, false, Node.class);
    public static final ResourceType<Event> EVENTS = new ResourceType<>("", "v1", "Event", "events", true, false, false,
            Event.class);
    public static final ResourceType<Service> SERVICES = new ResourceType<>("", "v1", "Service", "services", true, true,
            false, Service.class);
    public static final ResourceType<ServiceAccount> SERVICE_ACCOUNTS = new ResourceType<>("", "v1", "ServiceAccount",
            "serviceaccounts", true, false, false, ServiceAccount.class);
    public static final ResourceType<Endpoints> ENDPOINTS = new ResourceType<>("", "v1", "Endpoints", "endpoints", true,
            false, false, Endpoints.class);
    public static final ResourceType<PersistentVolumeClaim> PERSISTENT_VOLUME_CLAIMS = new ResourceType<>("", "v1",
            "PersistentVolumeClaim", "persistentvolumeclaims", true, true, false, PersistentVolumeClaim.class);
    public static final ResourceType<PersistentVolume> PERSISTENT_VOLUMES = new ResourceType<>("", "v1",
            "PersistentVolume", "persistentvolumes", false, true, false, PersistentVolume.class);

    public static final ResourceType<EndpointSlice> ENDPOINT_SLICES = new ResourceType<>("discovery.k8s.io", "v1",
            "EndpointSlice", "endpointslices", true, false, false, EndpointSlice.class);

    public static final ResourceType<Deployment> DEPLOYMENTS = new ResourceType<>("apps", "v1", "Deployment",
            "deployments", true, true, true, Deployment.class);
    public static final ResourceType<ReplicaSet> REPLICA_SETS = new ResourceType<>("apps", "v1", "ReplicaSet",
            "replicasets", true, true, true, ReplicaSet.class);
    public static final ResourceType<StatefulSet> STATEFUL_SETS = new ResourceType<>("apps", "v1", "StatefulSet",
            "statefulsets", true, true, true, StatefulSet.class);
    public static final ResourceType<DaemonSet> DAEMON_SETS = new ResourceType<>("apps", "v1", "DaemonSet",
            "daemonsets", true, true, true, DaemonSet.class);
    public static final ResourceType<ControllerRevision> CONTROLLER_REVISIONS = new ResourceType<>("apps", "v1",
            "ControllerRevision", "controllerrevisions", true, false, false, ControllerRevision.class);
    public static final ResourceType<StorageClass> STORAGE_CLASSES = new ResourceType<>("storage.k8s.io", "v1",
            "StorageClass", "storageclasses", false, false, false, StorageClass.class);
    public static final ResourceType<Job> JOBS = new ResourceType<>("batch", "v1", "Job", "jobs", true, true, true,
            Job.class);
    public static final ResourceType<CronJob> CRON_JOBS = new ResourceType<>("batch", "v1", "CronJob", "cronjobs", true,
            true, true, CronJob.class);
    /**
     * coordination.k8s.io/v1 Leases, kept as generic objects: fabric8's {@code Lease} holds its times as
     * {@code ZonedDateTime}, which the store's plain Jackson cannot read or write.
     */
    public static final ResourceType<GenericKubernetesResource> LEASES = new ResourceType<>("coordination.k8s.io", "v1",
            "Lease", "leases", true, false, false, GenericKubernetesResource.class);

    private static final List<ResourceType<?>> BUILT_IN = List.of(PODS, CONFIG_MAPS, SECRETS, NAMESPACES, NODES, EVENTS,
            SERVICES, SERVICE_ACCOUNTS, ENDPOINTS, PERSISTENT_VOLUME_CLAIMS, PERSISTENT_VOLUMES,
            DEPLOYMENTS, REPLICA_SETS, STATEFUL_SETS, DAEMON_SETS, JOBS, CRON_JOBS,
            ENDPOINT_SLICES,
            LEASES, CONTROLLER_REVISIONS, STORAGE_CLASSES);

    private final Map<String, ResourceType<?>> byKind = new ConcurrentHashMap<>();

    public ResourceTypes() {
        BUILT_IN.forEach(this::register);
    }

    /** @return the kinds every store knows (core/v1, apps/v1, batch/v1), whatever else was registered */
    public static List<ResourceType<?>> builtIn() {
        return BUILT_IN;
    }

    /**
     * Adds or replaces a kind (e.g. a custom resource with its real scope and plural).
     *
     * @param type the kind's mapping
     * @return this registry
     */
    public ResourceTypes register(ResourceType<?> type) {
        byKind.put(type.apiVersion() + "/" + type.kind(), type);
        return this;
    }

    /**
     * The mapping of an object's kind.
     *
     * @param object an object with apiVersion and kind set
     * @return its kind's mapping
     * @throws StoreException BadRequest when apiVersion or kind is missing
     */
    public ResourceType<?> of(HasMetadata object) {
        return forKind(object.getApiVersion(), object.getKind());
    }

    /**
     * The mapping of a kind; a kind not registered is served as a namespaced custom resource.
     *
     * @param apiVersion e.g. {@code v1}
     * @param kind e.g. {@code Pod}
     * @return the mapping
     * @throws StoreException BadRequest when either is missing
     */
    public ResourceType<?> forKind(String apiVersion, String kind) {
        if (kind == null || kind.isEmpty()) {
            throw new StoreException(Statuses.badRequest("Object 'Kind' is missing in the object"));
        }
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new StoreException(Statuses.badRequest("Object 'apiVersion' is missing in the object"));
        }
        return byKind.computeIfAbsent(apiVersion + "/" + kind, k -> custom(apiVersion, kind));
    }

    /**
     * The mapping for a resource name, as a URL names it.
     *
     * @param group API group, empty for core
     * @param plural e.g. {@code pods}
     * @return the mapping, if the kind is registered
     */
    public Optional<ResourceType<?>> forResource(String group, String plural) {
        return byKind.values().stream().filter(t -> t.group().equals(group) && t.plural().equals(plural)).findFirst();
    }

    private static ResourceType<GenericKubernetesResource> custom(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return new ResourceType<>(group, version, kind, guessPlural(kind), true, false, true,
                GenericKubernetesResource.class);
    }

    /** As the API machinery's guess: lower case, then {@code -es} after s, {@code -ies} for a consonant's y. */
    static String guessPlural(String kind) {
        String k = kind.toLowerCase(Locale.ROOT);
        if (k.endsWith("s")) {
            return k + "es";
        }
        if (k.endsWith("y") && k.length() > 1 && "aeiou".indexOf(k.charAt(k.length() - 2)) < 0) {
            return k.substring(0, k.length() - 1) + "ies";
        }
        return k + "s";
    }
}

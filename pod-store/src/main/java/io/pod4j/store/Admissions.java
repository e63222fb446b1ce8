package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;

/**
 * The admission plugins by resource, and the conversions between the store's trees and the
 * kinds' classes they work on. Every write decodes the object into its kind's class, so an object
 * (or a patch result) of the wrong shape is refused whether or not the kind has a plugin.
 */
final class Admissions {

    private static final Admission<HasMetadata> ANY_KIND = new ObjectAdmission();

    private final Map<String, Admission<?>> byResource;

    Admissions(Map<String, Admission<?>> byResource) {
        this.byResource = Map.copyOf(byResource);
    }

    /**
     * The built-in plugins: Pods (defaults, validation, update rules), ConfigMaps and Secrets
     * (immutability), Services (defaults, validation, the cluster IP kept), the workloads (apps/v1,
     * batch/v1: defaults, validation, immutable selectors), Leases (durations), Namespaces (phase, label, spec.finalizers);
     * every other kind gets pod-api's generic rules.
     */
    static Map<String, Admission<?>> defaults() {
        return Map.ofEntries(
                Map.entry(ResourceTypes.PODS.groupResource(), new PodAdmission()),
                Map.entry(ResourceTypes.CONFIG_MAPS.groupResource(), new ConfigMapAdmission()),
                Map.entry(ResourceTypes.SECRETS.groupResource(), new SecretAdmission()),
                Map.entry(ResourceTypes.SERVICES.groupResource(), new ServiceAdmission()),
                Map.entry(ResourceTypes.DEPLOYMENTS.groupResource(), new DeploymentAdmission()),
                Map.entry(ResourceTypes.REPLICA_SETS.groupResource(), new ReplicaSetAdmission()),
                Map.entry(ResourceTypes.STATEFUL_SETS.groupResource(), new StatefulSetAdmission()),
                Map.entry(ResourceTypes.DAEMON_SETS.groupResource(), new DaemonSetAdmission()),
                Map.entry(ResourceTypes.JOBS.groupResource(), new JobAdmission()),
                Map.entry(ResourceTypes.CRON_JOBS.groupResource(), new CronJobAdmission()),
                Map.entry(ResourceTypes.LEASES.groupResource(), new LeaseAdmission()),
                Map.entry(ResourceTypes.NAMESPACES.groupResource(), new NamespaceAdmission()),
                Map.entry(ResourceTypes.PERSISTENT_VOLUME_CLAIMS.groupResource(), new PersistentVolumeClaimAdmission()),
                Map.entry(ResourceTypes.PERSISTENT_VOLUMES.groupResource(), new PersistentVolumeAdmission()),
                Map.entry(ResourceTypes.STORAGE_CLASSES.groupResource(), new StorageClassAdmission()));
    }

    ObjectNode mutate(ResourceType<?> type, Admission.Operation op, ObjectNode object, ObjectNode old) {
        HasMetadata typed = Json.object(object, type.type());
        return Json.tree(plugin(type).mutate(op, typed, old == null ? null : Json.object(old, type.type())));
    }

    List<FieldError> validate(ResourceType<?> type, Admission.Operation op, ObjectNode object, ObjectNode old) {
        return plugin(type).validate(op, Json.object(object, type.type()), old == null ? null : Json.object(old, type.type()));
    }

    @SuppressWarnings("unchecked")
    private Admission<HasMetadata> plugin(ResourceType<?> type) {
        return (Admission<HasMetadata>) byResource.getOrDefault(type.groupResource(), ANY_KIND);
    }
}

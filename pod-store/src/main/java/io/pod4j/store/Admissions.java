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

    private final Map<String, Admission<?>> byResource;

    Admissions(Map<String, Admission<?>> byResource) {
        this.byResource = Map.copyOf(byResource);
    }

    /** The built-in plugins: Pods (defaults, validation, update rules), ConfigMaps and Secrets (immutability). */
    static Map<String, Admission<?>> defaults() {
        return Map.of(ResourceTypes.PODS.groupResource(), new PodAdmission(),
                ResourceTypes.CONFIG_MAPS.groupResource(), new ConfigMapAdmission(),
                ResourceTypes.SECRETS.groupResource(), new SecretAdmission());
    }

    ObjectNode mutate(ResourceType<?> type, Admission.Operation op, ObjectNode object, ObjectNode old) {
        HasMetadata typed = Json.object(object, type.type());
        Admission<HasMetadata> plugin = plugin(type);
        if (plugin != null) {
            typed = plugin.mutate(op, typed, old == null ? null : Json.object(old, type.type()));
        }
        return Json.tree(typed);
    }

    List<FieldError> validate(ResourceType<?> type, Admission.Operation op, ObjectNode object, ObjectNode old) {
        Admission<HasMetadata> plugin = plugin(type);
        if (plugin == null) {
            return List.of();
        }
        return plugin.validate(op, Json.object(object, type.type()), old == null ? null : Json.object(old, type.type()));
    }

    @SuppressWarnings("unchecked")
    private Admission<HasMetadata> plugin(ResourceType<?> type) {
        return (Admission<HasMetadata>) byResource.get(type.groupResource());
    }
}

package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.store.ResourceType;
import java.util.Objects;

/**
 * What a controller's work queue holds: one object, by kind, namespace and name (client-go's
 * {@code namespace/name} key, with the kind for controllers that look after several kinds, as the
 * garbage collector does). The object itself is read from the store when the key's turn comes,
 * so a burst of changes to one object is one reconcile of its latest state.
 *
 * @param type the object's kind
 * @param namespace its namespace; empty for cluster-scoped kinds
 * @param name its name
 */
public record ObjectKey(ResourceType<?> type, String namespace, String name) {

    public ObjectKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
    }

    /** @return the key of an object of that kind */
    public static ObjectKey of(ResourceType<?> type, HasMetadata object) {
        return new ObjectKey(type, object.getMetadata().getNamespace(), object.getMetadata().getName());
    }

    @Override
    public String toString() {
        return type.groupResource() + " " + (namespace.isEmpty() ? name : namespace + "/" + name);
    }
}

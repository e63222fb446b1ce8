package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceType;
import io.pod4j.store.StoreException;
import java.util.Optional;

/** Reads that controllers make of the store, where "gone" is an answer and not a failure. */
public final class Stores {

    private Stores() {
    }

    /** @return the object, or empty when the store has none of that name */
    public static <T extends HasMetadata> Optional<T> find(ObjectStore store, ResourceType<T> type, String namespace,
            String name) {
        try {
            return Optional.of(store.get(type, namespace, name));
        } catch (StoreException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** @return the object of the key, if it exists */
    @SuppressWarnings("unchecked")
    public static <T extends HasMetadata> Optional<T> find(ObjectStore store, ResourceType<T> type, ObjectKey key) {
        return find(store, type, key.namespace(), key.name());
    }
}

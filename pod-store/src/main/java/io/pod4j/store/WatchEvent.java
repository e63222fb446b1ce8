package io.pod4j.store;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One change seen by a watch, as the API server streams it.
 *
 * @param type ADDED, MODIFIED or DELETED
 * @param object the object after the change (for DELETED: its last state, with the deletion's
 *     resourceVersion); a private copy
 * @param <T> the kind's class
 */
public record WatchEvent<T extends HasMetadata>(Type type, T object) {

    /** The event types of a Kubernetes watch. */
    public enum Type { ADDED, MODIFIED, DELETED }
}

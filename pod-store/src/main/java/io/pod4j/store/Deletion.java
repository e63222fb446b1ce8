package io.pod4j.store;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The answer to a delete: the object and whether it is gone. An object that is not gone carries a
 * {@code deletionTimestamp}: a Pod waiting for its kubelet to stop it (graceful deletion), or an
 * object waiting for its finalizers to be removed. The API server answers 200 for the first case
 * and 202 Accepted for the second.
 *
 * @param object the deleted object's last state, or the object now marked for deletion
 * @param gone whether it was removed from the store
 * @param <T> the kind's class
 */
public record Deletion<T extends HasMetadata>(T object, boolean gone) {
}

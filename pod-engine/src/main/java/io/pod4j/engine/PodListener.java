package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;

/**
 * Hears of pod changes, as {@code kubectl get -w} and {@code kubectl get events -w} show them.
 * Called on the engine's threads: return quickly, and do not block. Each call gets its own copy of
 * the pod or event, which the listener may keep or change.
 */
public interface PodListener {

    /**
     * A pod was created, changed status or metadata, or started terminating.
     *
     * @param pod the pod with its new status
     */
    default void podChanged(Pod pod) {
    }

    /**
     * A pod is gone, with every Docker object it had.
     *
     * @param pod the pod as last seen
     */
    default void podDeleted(Pod pod) {
    }

    /**
     * An event was recorded, or an existing one repeated (its count went up).
     *
     * @param event the event
     */
    default void event(Event event) {
    }
}

package io.pod4j.engine.runtime;

/**
 * What the runtime saw happen to one container of a pod, as the kubelet's PLEG reports it: the
 * kubelet routes it to the pod's worker, which looks closer if the news concerns it.
 *
 * @param podUid the uid of the pod the container belongs to
 * @param type what happened
 * @param containerId the container
 */
public record PodLifecycleEvent(String podUid, Type type, String containerId) {

    /** What happened to the container (the PLEG's ContainerStarted, ContainerDied, ContainerRemoved). */
    public enum Type {
        /** It runs. */
        CONTAINER_STARTED,
        /** It stopped running (exited, killed, OOM-killed). */
        CONTAINER_DIED,
        /** It is gone from the runtime. */
        CONTAINER_REMOVED
    }
}

package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import java.time.Duration;
import java.time.Instant;

/**
 * What a pod worker knows of one container of its pod: the current Docker instance, restarts,
 * back-off and why it is not running. Mutated only under the worker's lock.
 */
final class ContainerRecord {

    /**
     * Replaced only when the pod's update changes the image (the one field of a container that may
     * change), under the worker's lock; volatile because starts read it on I/O threads.
     */
    volatile Container spec;
    final Role role;
    final BackOff crashBackOff;
    final BackOff pullBackOff;
    /**
     * Between failed creates (CreateContainerError, CreateContainerConfigError): a constant wait of the
     * base, as the kubelet requeues a pod whose sync failed after a fixed period; never a tight retry loop.
     */
    final BackOff createBackOff;

    /** The current Docker instance (running or exited), or null before the first create. */
    String containerId;
    /** The instance before the current one, kept for {@code logs --previous}. */
    String previousId;
    /** The first instance, being created while the infra container starts (PodWorker.createAhead); null when none. */
    java.util.concurrent.CompletableFuture<String> ahead;
    String imageId;
    int restartCount;
    boolean running;
    /** Set once the instance started: for sidecars, "started" lets the next init container go. */
    boolean started;
    Instant startedAt;
    /** How the current instance ended; null while it runs or before it ran. */
    ContainerStateTerminated terminated;
    long terminatedNanos;
    /** How the previous instance ended (status lastState). */
    ContainerStateTerminated lastTerminated;
    String waitingReason;
    String waitingMessage;
    /** A create/start is under way on another thread. */
    boolean busy;
    /**
     * The image changed while this instance ran: once it ends, the next one starts at once, whatever
     * the restart policy, as the kubelet restarts a container whose definition changed.
     */
    boolean definitionChanged;
    long pullFailedNanos;
    /** When the last create failed, or 0 once a create succeeded. */
    long createFailedNanos;
    /** The readiness verdict; without a readiness probe a running container is ready. */
    boolean ready;
    /** The host file the current instance writes its termination message to, or null. */
    java.nio.file.Path terminationFile;
    /** The probe loops of the current instance. */
    final java.util.List<io.pod4j.engine.probe.ProbeLoop> probes = new java.util.ArrayList<>();

    void stopProbes() {
        probes.forEach(io.pod4j.engine.probe.ProbeLoop::stop);
        probes.clear();
    }

    ContainerRecord(Container spec, Role role, Duration backOffBase, Duration backOffCap) {
        this.spec = spec;
        this.role = role;
        this.crashBackOff = new BackOff(backOffBase, backOffCap);
        this.pullBackOff = new BackOff(backOffBase, backOffCap);
        this.createBackOff = new BackOff(backOffBase, backOffBase);
        this.waitingReason = "PodInitializing";
    }

    String name() {
        return spec.getName();
    }

    boolean exited() {
        return containerId != null && !running && terminated != null;
    }

    boolean succeeded() {
        return exited() && terminated.getExitCode() != null && terminated.getExitCode() == 0;
    }
}

package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.pod4j.engine.kubelet.ContainerView;
import io.pod4j.engine.kubelet.ContainerView.State;
import io.pod4j.engine.probe.ProbeKind;
import io.pod4j.engine.probe.ProbeLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pod worker knows of one container of its pod: the current Docker instance, restarts,
 * back-offs, probe verdicts and why its last start failed. Mutated only under the lock of its
 * {@link PodState}; the planner sees it as an immutable {@link ContainerView}.
 */
final class ContainerRecord {

    /** The container's definition for the next instance; replaced when the pod's image changes. */
    volatile Container spec;
    final Role role;
    final BackOff crashBackOff;
    final BackOff pullBackOff;
    /** Between failed creates: a constant wait of the base, as the kubelet requeues a failed sync. */
    final BackOff createBackOff;

    State state = State.NEW;
    /** The current Docker instance (running or exited), or null before the first create. */
    String containerId;
    /** The instance before the current one, kept for {@code logs --previous}. */
    String previousId;
    /** The image the current instance runs. */
    String image;
    String imageId;
    int restartCount;
    /** The startup probe succeeded (or there is none) and postStart returned. */
    boolean started;
    boolean ready;
    /** {@code liveness} or {@code startup} once that probe failed, until the instance is killed. */
    String probeFailure;
    /** While STOPPING: when the kill under way sends SIGKILL at the latest. */
    long stopDeadlineNanos = Long.MAX_VALUE;
    /** Killed because its definition changed: the next instance starts at once. */
    boolean restartAfterKill;
    Instant startedAt;
    ContainerStateTerminated terminated;
    long terminatedNanos;
    ContainerStateTerminated lastTerminated;
    /** The sandbox the current instance ran in. */
    int sandbox;
    ContainerView.StartError startError;
    /** The first instance, created while the sandbox starts (ContainerStarter.createAhead); null when none. */
    java.util.concurrent.CompletableFuture<String> ahead;
    /** The host file the current instance writes its termination message to, or null. */
    java.nio.file.Path terminationFile;
    /** The probe loops of the current instance. */
    final List<ProbeLoop> probes = new ArrayList<>();

    ContainerRecord(Container spec, Role role, Duration backOffBase, Duration backOffCap) {
        this.spec = spec;
        this.role = role;
        this.crashBackOff = new BackOff(backOffBase, backOffCap);
        this.pullBackOff = new BackOff(backOffBase, backOffCap);
        this.createBackOff = new BackOff(backOffBase, backOffBase);
    }

    String name() {
        return spec.getName();
    }

    void stopProbes() {
        probes.forEach(ProbeLoop::stop);
        probes.clear();
    }

    /** Stops the probes a terminating pod no longer runs: liveness and startup; readiness goes on. */
    void stopProbesForTermination() {
        probes.removeIf(p -> {
            if (p.kind() != ProbeKind.READINESS) {
                p.stop();
                return true;
            }
            return false;
        });
    }

    /** The current instance ended. */
    void ended(ContainerStateTerminated t, long nowNanos) {
        stopProbes();
        state = State.EXITED;
        started = false;
        ready = false;
        probeFailure = null;
        terminated = t;
        terminatedNanos = nowNanos;
        stopDeadlineNanos = Long.MAX_VALUE;
    }

    ContainerView view() {
        long until = crashBackOff.until(terminatedNanos);
        return new ContainerView(name(), state, image, restartCount, started, ready, probeFailure, restartAfterKill, until,
                crashBackOff.current(), startError, containerId, imageId, startedAt, terminated, lastTerminated,
                sandbox, stopDeadlineNanos);
    }
}

package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.pod4j.engine.kubelet.ContainerView;
import io.pod4j.engine.kubelet.ContainerView.State;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What a pod worker knows of one container of its pod at one moment: the current Docker
 * instance, restarts, back-offs, probe verdicts and why its last start failed. A value: the
 * {@link PodState} holds the current one and replaces it under its lock ({@link #with}); the
 * planner sees it as a {@link ContainerView}. What lives on (probe loops, a create ahead) is
 * kept by whoever runs it ({@link PodProbes}, {@link ContainerStarter}).
 *
 * @param spec the container's definition for the next instance (its image changes with the pod's)
 * @param role init, sidecar or app
 * @param state where its current instance is
 * @param containerId the current Docker instance (running or exited), or null before the first
 * @param previousId the instance before the current one, kept for {@code logs --previous}
 * @param image the image the current instance runs
 * @param imageId that image's id
 * @param restartCount instances started after the first
 * @param started the startup probe succeeded (or there is none) and postStart returned
 * @param ready the readiness verdict of the current instance
 * @param probeFailure {@code liveness} or {@code startup} once that probe failed, until the instance is killed
 * @param restartAfterKill killed because its definition changed: the next instance starts at once
 * @param stopDeadlineNanos while STOPPING: when the kill under way sends SIGKILL at the latest
 * @param startedAt when the current instance started running
 * @param terminated how the current instance ended, or null
 * @param terminatedNanos when it ended (monotonic)
 * @param lastTerminated how the instance before it ended, or null
 * @param sandbox the sandbox the current instance ran in
 * @param startError why the last start failed, or null
 * @param terminationFile the host file the current instance writes its termination message to, or null
 * @param crashBackOff the restart back-off
 * @param pullBackOff the image pull back-off
 * @param createBackOff between failed creates: a constant wait of the base, as the kubelet requeues a failed sync
 */
record ContainerRecord(
        Container spec,
        Role role,
        State state,
        String containerId,
        String previousId,
        String image,
        String imageId,
        int restartCount,
        boolean started,
        boolean ready,
        String probeFailure,
        boolean restartAfterKill,
        long stopDeadlineNanos,
        Instant startedAt,
        ContainerStateTerminated terminated,
        long terminatedNanos,
        ContainerStateTerminated lastTerminated,
        int sandbox,
        ContainerView.StartError startError,
        Path terminationFile,
        BackOff crashBackOff,
        BackOff pullBackOff,
        BackOff createBackOff) {

    /** A container with no instance yet. */
    static ContainerRecord of(Container spec, Role role, Duration backOffBase, Duration backOffCap) {
        return new ContainerRecord(spec, role, State.NEW, null, null, null, null, 0, false, false, null, false, Long.MAX_VALUE,
                null, null, 0, null, 0, null, null, new BackOff(backOffBase, backOffCap), new BackOff(backOffBase, backOffCap),
                new BackOff(backOffBase, backOffBase));
    }

    String name() {
        return spec.getName();
    }

    /**
     * @param change sets the fields that change
     * @return this record with those changes
     */
    ContainerRecord with(Consumer<Change> change) {
        Change c = new Change(this);
        change.accept(c);
        return c.build();
    }

    /**
     * @param t how the current instance ended
     * @param nowNanos when
     * @return the record of the ended instance
     */
    ContainerRecord ended(ContainerStateTerminated t, long nowNanos) {
        return with(c -> {
            c.state = State.EXITED;
            c.started = false;
            c.ready = false;
            c.probeFailure = null;
            c.stopDeadlineNanos = Long.MAX_VALUE;
            c.terminated = t;
            c.terminatedNanos = nowNanos;
        });
    }

    ContainerView view() {
        return new ContainerView(name(), state, image, restartCount, started, ready, probeFailure, restartAfterKill,
                crashBackOff.until(terminatedNanos), crashBackOff.current(), startError, containerId, imageId, startedAt, terminated,
                lastTerminated, sandbox, stopDeadlineNanos);
    }

    /** The fields of a record being changed ({@link #with}); the role never changes. */
    static final class Change {
        Container spec;
        private final Role role;
        State state;
        String containerId;
        String previousId;
        String image;
        String imageId;
        int restartCount;
        boolean started;
        boolean ready;
        String probeFailure;
        boolean restartAfterKill;
        long stopDeadlineNanos;
        Instant startedAt;
        ContainerStateTerminated terminated;
        long terminatedNanos;
        ContainerStateTerminated lastTerminated;
        int sandbox;
        ContainerView.StartError startError;
        Path terminationFile;
        BackOff crashBackOff;
        BackOff pullBackOff;
        BackOff createBackOff;

        private Change(ContainerRecord r) {
            spec = r.spec;
            role = r.role;
            state = r.state;
            containerId = r.containerId;
            previousId = r.previousId;
            image = r.image;
            imageId = r.imageId;
            restartCount = r.restartCount;
            started = r.started;
            ready = r.ready;
            probeFailure = r.probeFailure;
            restartAfterKill = r.restartAfterKill;
            stopDeadlineNanos = r.stopDeadlineNanos;
            startedAt = r.startedAt;
            terminated = r.terminated;
            terminatedNanos = r.terminatedNanos;
            lastTerminated = r.lastTerminated;
            sandbox = r.sandbox;
            startError = r.startError;
            terminationFile = r.terminationFile;
            crashBackOff = r.crashBackOff;
            pullBackOff = r.pullBackOff;
            createBackOff = r.createBackOff;
        }

        private ContainerRecord build() {
            return new ContainerRecord(spec, role, state, containerId, previousId, image, imageId, restartCount, started, ready,
                    probeFailure, restartAfterKill, stopDeadlineNanos, startedAt, terminated, terminatedNanos, lastTerminated,
                    sandbox, startError, terminationFile, crashBackOff, pullBackOff, createBackOff);
        }
    }
}

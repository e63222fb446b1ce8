package io.pod4j.engine.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import java.time.Duration;
import java.time.Instant;

/**
 * What the worker knows of one container of its pod at one moment: the runtime's view of its
 * current instance, the prober's verdicts and the clock facts (back-off expiry) the planner
 * compares with now. Times ending in {@code Nanos} are monotonic ({@link System#nanoTime()}).
 *
 * @param name the container's name
 * @param state where its current instance is
 * @param image the image of the current instance, or null before the first
 * @param restartCount instances started after the first
 * @param started the startup probe succeeded (or there is none) and postStart returned
 * @param ready the readiness verdict of the current instance
 * @param probeFailure {@code "liveness"} or {@code "startup"} once that probe failed, until the kill
 * @param restartAfterKill the kubelet killed it because its definition changed: start it again at once
 * @param backOffUntilNanos until when a restart must wait (crash back-off), or {@link Long#MIN_VALUE}
 * @param backOff the crash back-off that applies now, for the CrashLoopBackOff message
 * @param startError why the last attempt to start it failed, or null
 * @param containerId the Docker id of the current instance, or null
 * @param imageId the image id of the current instance, or null
 * @param startedAt when the current instance started running
 * @param terminated how the current instance ended, or null
 * @param lastTerminated how the instance before it ended, or null
 * @param sandbox the sandbox the current instance ran in (the pod's sandboxes are counted from 0)
 * @param stopDeadlineNanos while it is STOPPING: when the kill under way sends SIGKILL at the latest
 */
public record ContainerView(
        String name,
        State state,
        String image,
        int restartCount,
        boolean started,
        boolean ready,
        String probeFailure,
        boolean restartAfterKill,
        long backOffUntilNanos,
        Duration backOff,
        StartError startError,
        String containerId,
        String imageId,
        Instant startedAt,
        ContainerStateTerminated terminated,
        ContainerStateTerminated lastTerminated,
        int sandbox,
        long stopDeadlineNanos) {

    /** Where a container's current instance is. */
    public enum State {
        /** No instance yet. */
        NEW,
        /** A start (pull, create, start, postStart) is under way. */
        STARTING,
        /** Running. */
        RUNNING,
        /** Running, and a kill is under way. */
        STOPPING,
        /** The current instance ended. */
        EXITED;

        /** @return true while a process of the container may run */
        public boolean alive() {
            return this == RUNNING || this == STOPPING;
        }
    }

    /**
     * A start that failed before the container ran (image pull, configuration, create).
     *
     * @param reason the waiting reason, such as {@code ErrImagePull} or {@code CreateContainerConfigError}
     * @param message the message shown with it
     * @param failedAtNanos when it failed
     * @param retryAtNanos when the next attempt may go
     */
    public record StartError(String reason, String message, long failedAtNanos, long retryAtNanos) {
    }

    /** @return the exit code of the current instance, when it ended */
    public Integer exitCode() {
        return state == State.EXITED && terminated != null ? terminated.getExitCode() : null;
    }

    /** @return true when the current instance ended with exit code 0 */
    public boolean succeeded() {
        Integer code = exitCode();
        return code != null && code == 0;
    }

    /** @return true when an instance of it was ever created */
    public boolean everRan() {
        return containerId != null || restartCount > 0;
    }
}

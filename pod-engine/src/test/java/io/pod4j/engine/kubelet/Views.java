package io.pod4j.engine.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.pod4j.engine.kubelet.ContainerView.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Short ways to write what a worker knows, for the planner's and the status generator's tables. */
final class Views {

    static final long S = 1_000_000_000L;
    /** "Now" in every table: far from zero, so times before it stay positive. */
    static final long NOW = 1000 * S;

    private Views() {
    }

    /** A container as the worker sees it; every setter returns a changed copy. */
    static final class C {
        private final String name;
        private State state = State.NEW;
        private String image = "busybox:1";
        private int restarts;
        private boolean started;
        private boolean ready;
        private String probeFailure;
        private boolean restartAfterKill;
        private long backOffUntil = Long.MIN_VALUE;
        private Duration backOff = Duration.ofSeconds(10);
        private ContainerView.StartError startError;
        private ContainerStateTerminated terminated;
        private int sandbox;
        private long stopDeadline = Long.MAX_VALUE;

        C(String name) {
            this.name = name;
        }

        C running() {
            state = State.RUNNING;
            started = true;
            ready = true;
            return this;
        }

        C runningNotStarted() {
            state = State.RUNNING;
            return this;
        }

        C starting() {
            state = State.STARTING;
            return this;
        }

        /** Being killed with the pod's default grace period of 30 s, from now. */
        C stopping() {
            return stopping(NOW + 30 * S);
        }

        C stopping(long deadline) {
            state = State.STOPPING;
            stopDeadline = deadline;
            return this;
        }

        C exited(int code) {
            state = State.EXITED;
            terminated = new ContainerStateTerminatedBuilder().withExitCode(code).withReason(code == 0 ? "Completed" : "Error").build();
            return this;
        }

        C inSandbox(int n) {
            sandbox = n;
            return this;
        }

        C unready() {
            ready = false;
            return this;
        }

        C restarts(int n) {
            restarts = n;
            return this;
        }

        C image(String i) {
            image = i;
            return this;
        }

        C probeFailed(String which) {
            probeFailure = which;
            return this;
        }

        C killedForNewDefinition() {
            restartAfterKill = true;
            return this;
        }

        C backOffUntil(long nanos, Duration current) {
            backOffUntil = nanos;
            backOff = current;
            return this;
        }

        C startFailed(String reason, String message, long failedAt, long retryAt) {
            startError = new ContainerView.StartError(reason, message, failedAt, retryAt);
            return this;
        }

        ContainerView view() {
            boolean instance = state != State.NEW && state != State.STARTING || terminated != null;
            return new ContainerView(name, state, state == State.NEW ? null : image, restarts, started, ready, probeFailure,
                    restartAfterKill, backOffUntil, backOff, startError, instance ? "id-" + name : null, null,
                    state.alive() ? Instant.EPOCH : null, terminated, null, sandbox, stopDeadline);
        }
    }

    static C c(String name) {
        return new C(name);
    }

    /** A pod as the worker sees it; every setter returns this. */
    static final class P {
        private PodView.Sandbox sandbox = PodView.Sandbox.READY;
        private int sandboxAttempt;
        private long sandboxRetryAt = Long.MIN_VALUE;
        private Long startNanos = NOW - 60 * S;
        private boolean deleting;
        private long graceDeadline;
        private boolean graceZero;
        private String failedReason;
        private String unreachable;
        private List<ContainerView> inits = List.of();
        private List<ContainerView> apps = List.of();
        private List<ContainerView> ephemerals = List.of();

        P sandbox(PodView.Sandbox s) {
            sandbox = s;
            if (s != PodView.Sandbox.READY) {
                startNanos = null;
            }
            return this;
        }

        P sandboxAttempt(int n) {
            sandboxAttempt = n;
            return this;
        }

        P sandboxRetryAt(long nanos) {
            sandboxRetryAt = nanos;
            return this;
        }

        P startedAt(long nanos) {
            startNanos = nanos;
            return this;
        }

        P deleting(long deadline) {
            deleting = true;
            graceDeadline = deadline;
            return this;
        }

        P deletingNow() {
            deleting = true;
            graceZero = true;
            graceDeadline = NOW;
            return this;
        }

        /** Docker did not answer the last call. */
        P unreachable() {
            unreachable = "the Docker engine at unix:///var/run/docker.sock does not answer (Connection refused)";
            return this;
        }

        P failed(String reason) {
            failedReason = reason;
            return this;
        }

        P inits(C... cs) {
            inits = java.util.Arrays.stream(cs).map(C::view).toList();
            return this;
        }

        P apps(C... cs) {
            apps = java.util.Arrays.stream(cs).map(C::view).toList();
            return this;
        }

        P ephemerals(C... cs) {
            ephemerals = java.util.Arrays.stream(cs).map(C::view).toList();
            return this;
        }

        PodView view() {
            return new PodView(sandbox, sandboxAttempt, sandboxRetryAt, sandbox == PodView.Sandbox.READY ? null : "port is already allocated",
                    startNanos, startNanos == null ? null : Instant.parse("2026-12-03T12:00:00Z"), sandbox == PodView.Sandbox.READY
                            ? "10.0.0.2" : null, "10.0.0.1", deleting, graceDeadline, graceZero, failedReason,
                    failedReason == null ? null : PodPlanner.DEADLINE_MESSAGE, unreachable, inits, apps, ephemerals);
        }
    }

    static P pod() {
        return new P();
    }
}

package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.kubelet.ContainerView.State;
import io.pod4j.engine.kubelet.PodActions;
import io.pod4j.engine.kubelet.PodPlanner;
import io.pod4j.engine.kubelet.PodView;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a plan's steps that are not a container's start: kills (preStop, then the stop
 * signal, SIGKILL at the end of the grace period), the sandbox (created, the first containers
 * created while it starts, started), and the events of containers that wait. What a step
 * changes goes into the {@link PodState}; the worker plans again when it is done.
 */
final class PodActor {

    private static final Logger LOG = LoggerFactory.getLogger(PodActor.class);

    private final EngineContext ctx;
    private final PodState state;
    private final PodEvents events;
    private final ContainerRuntime runtime;
    private final PodProbes probes;
    private final ContainerStarter starter;
    private final Naming naming;
    /** Looks at Docker again and plans again: after a kill, or when Docker stopped answering. */
    private final Runnable relist;
    private final Map<String, PodActions.Waiting> announced = new HashMap<>();

    PodActor(EngineContext ctx, PodState state, PodEvents events, ContainerRuntime runtime, PodProbes probes, ContainerStarter starter,
            Naming naming, Runnable relist) {
        this.ctx = ctx;
        this.state = state;
        this.events = events;
        this.runtime = runtime;
        this.probes = probes;
        this.starter = starter;
        this.naming = naming;
        this.relist = relist;
    }

    /**
     * Kills a running container, or one already being killed when this kill ends sooner: Docker's
     * stop sends the stop signal again and SIGKILL at the new deadline; preStop runs only once.
     */
    void kill(PodActions.Kill kill) {
        ContainerRecord r;
        String id;
        long deadline = System.nanoTime() + kill.grace().toNanos();
        boolean shorter;
        synchronized (state) {
            r = state.record(kill.container());
            shorter = r != null && r.state() == State.STOPPING && deadline < r.stopDeadlineNanos();
            if (r == null || r.state() != State.RUNNING && !shorter) {
                return;
            }
            boolean restarted = r.probeFailure() != null || kill.restart();
            if (restarted) {
                probes.stop(r.name()); // it is killed to be restarted: its next instance gets new probes
            }
            state.update(r.name(), c -> {
                c.state = State.STOPPING;
                c.stopDeadlineNanos = deadline;
                c.restartAfterKill = kill.restart();
                c.ready = c.ready && !restarted;
            });
            id = r.containerId();
        }
        events.of(kill.container()).normal("Killing", kill.message());
        ctx.io().execute(() -> {
            var preStop = r.spec().getLifecycle() == null ? null : r.spec().getLifecycle().getPreStop();
            if (preStop != null && !kill.grace().isZero() && !shorter) {
                String failure = Hooks.run(ctx.prober(), preStop, probes.target(r.spec(), id),
                        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (failure != null) {
                    events.of(kill.container()).warning("FailedPreStopHook", failure);
                }
            }
            runtime.stopContainer(id, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            relist.run();
        });
    }

    void createSandbox() {
        int attempt;
        Pod pod;
        synchronized (state) {
            if (state.sandbox == PodView.Sandbox.DEAD) {
                events.normal("SandboxChanged", "kubelet", "Pod sandbox changed, it will be killed and re-created.");
            }
            attempt = state.sandboxAttempt;
            pod = state.pod;
        }
        String id = null;
        try {
            var labels = naming.labels(Labels.INFRA_CONTAINER, Role.INFRA, attempt);
            id = runtime.createSandbox(pod, labels, naming.dockerName(Labels.INFRA_CONTAINER, attempt));
            synchronized (state) {
                state.hostIP = ctx.node().address();
            }
            // What the planner would start first once the sandbox runs is created while it starts.
            starter.createAhead(PodPlanner.plan(pod, state.view(PodView.Sandbox.READY), System.nanoTime()).start(), id);
            ContainerRuntime.Sandbox s = runtime.startSandbox(pod, id);
            synchronized (state) {
                state.infraId = s.id();
                state.sandbox = PodView.Sandbox.READY;
                state.podIP = s.podIP();
                state.published = s.published();
                state.sandboxBackOff = state.sandboxBackOff.reset();
                state.sandboxMessage = null;
                state.unreachable = null; // Docker answered
                if (state.reportedDead(s.id())) {
                    relist.run(); // it died as it started
                }
                if (state.startNanos == null) {
                    state.startNanos = System.nanoTime();
                    state.startTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                }
            }
        } catch (RuntimeException | ContainerConfigException e) {
            String message = DockerRuntime.message(e);
            // Docker's silence included: a pod without a sandbox runs nothing, so its status stays
            // Pending (ContainerCreating), and the planner retries after the sandbox's back-off.
            LOG.warn("pod {}: cannot start the infra container: {}", state.key(), message);
            // What joined the failed sandbox goes first (Podman refuses to remove a sandbox others joined),
            // and at once: the next attempt reuses the sandbox's name.
            starter.takeAllAhead().forEach(runtime::removeContainer);
            if (id != null) {
                runtime.removeContainer(id);
            }
            if (e instanceof RuntimeException silence && DockerRuntime.unreachable(silence)) {
                // A pod that ran waits for Docker's answer (its state is unknown); one that never did retries.
                state.markUnreachable(runtime.endpoint(), silence);
            }
            synchronized (state) {
                state.sandbox = PodView.Sandbox.NONE;
                state.sandboxFailedNanos = System.nanoTime();
                state.sandboxBackOff = state.sandboxBackOff.next(state.sandboxFailedNanos);
                state.sandboxMessage = message;
            }
            if (e instanceof ContainerConfigException) {
                events.warning("FailedMount", "kubelet", message);
            } else {
                events.warning("FailedCreatePodSandBox", "kubelet", "Failed to create pod sandbox: " + message);
            }
            if (message != null && message.contains("network") && message.contains("not found")) {
                ctx.io().execute(this::restoreNetwork);
            }
        }
    }

    /** Another engine removed the shared network as its last pod left: bring it back. */
    private void restoreNetwork() {
        try {
            ctx.network().ensure();
        } catch (RuntimeException stillFailing) {
            LOG.debug("pod {}: network not restored yet: {}", state.key(), stillFailing.toString());
        }
    }

    /** The events of a container that waits, once for each new reason or message. */
    void announce(Map<String, PodActions.Waiting> waiting) {
        var meta = state.pod().getMetadata();
        for (var e : waiting.entrySet()) {
            if (e.getValue().equals(announced.get(e.getKey()))) {
                continue;
            }
            switch (e.getValue().reason()) {
                case "CrashLoopBackOff" -> events.of(e.getKey()).warning("BackOff", "Back-off restarting failed container " + e.getKey()
                        + " in pod " + meta.getName() + "_" + meta.getNamespace() + "(" + meta.getUid() + ")");
                case "ImagePullBackOff" -> {
                    // The kubelet's pair for a sync in back-off: the image manager's BackOff and the failed start's "Error:".
                    events.of(e.getKey()).normal("BackOff", e.getValue().message());
                    events.of(e.getKey()).warning("Failed", "Error: ImagePullBackOff");
                }
                default -> {
                }
            }
        }
        announced.clear();
        announced.putAll(waiting);
    }
}

package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.kubelet.ContainerView.State;
import io.pod4j.engine.kubelet.PodActions;
import io.pod4j.engine.kubelet.PodPlanner;
import io.pod4j.engine.kubelet.PodView;
import io.pod4j.engine.kubelet.StatusManager;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod the way the kubelet's pod worker does: it only queues wake-ups and drives. Each
 * sync (1) looks at Docker when something may have changed, (2) asks the {@link PodPlanner} for
 * the next actions, (3) carries them out through the {@link ContainerRuntime}, and (4) hands the
 * view to the {@link StatusManager}. Syncs of one pod never overlap; syncs of different pods run
 * in parallel. Every event that can unblock a plan wakes the worker: a probe verdict, a
 * container's exit (the runtime's pod lifecycle events), the end of a start or a kill, a timer from the
 * plan, a spec change, a deletion.
 */
public final class PodWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);

    private final EngineContext ctx;
    private final PodState state;
    private final PodEvents events;
    private final ContainerRuntime runtime;
    private final PodCleanup cleanup;
    private final PodProbes probes;
    private final ContainerStarter starter;
    private final PodActor actor;
    private final StatusManager status;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean dirty;
    private volatile boolean observeRequested;
    private ScheduledFuture<?> wakeUp;

    /**
     * @param ctx what workers share
     * @param pod the pod, defaulted and validated, with name, namespace and uid set
     */
    public PodWorker(EngineContext ctx, Pod pod) {
        this(ctx, pod, new DockerRuntime(ctx));
    }

    /**
     * @param ctx what workers share
     * @param pod the pod
     * @param runtime the container runtime the worker acts through
     */
    PodWorker(EngineContext ctx, Pod pod, ContainerRuntime runtime) {
        this.ctx = ctx;
        this.state = new PodState(pod, ctx.backOffBase(), ctx.backOffCap());
        this.events = new PodEvents(pod, ctx.nodeName(), ctx.sink());
        this.runtime = runtime;
        this.cleanup = new PodCleanup(ctx, runtime);
        this.probes = new PodProbes(ctx, state, events, this::wake);
        Naming naming = new Naming(ctx.ownerLabels(), pod.getMetadata());
        this.starter = new ContainerStarter(ctx, runtime, state, events, probes, naming, this::wake, this::relist, cleanup::removeLater);
        this.actor = new PodActor(ctx, state, events, runtime, probes, starter, naming, this::relist);
        this.status = new StatusManager(ctx.sink()::status);
    }

    // ---------------------------------------------------------------- what the engine calls

    /** @return the pod with its latest status */
    public Pod pod() {
        Pod pod = state.pod();
        var last = status.last();
        return new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(),
                last != null ? last : io.pod4j.engine.kubelet.StatusGenerator.unscheduled(pod, "", List.of(), Instant.now()));
    }

    /**
     * Writes the pod's first status (Pending, its conditions), unless a sync already wrote a newer
     * one: the worker may have started before this is called.
     */
    public void reportCreated() {
        status.first(state.pod());
    }

    /** Asks for a sync soon; cheap and safe from any thread. */
    public void wake() {
        dirty = true;
        if (scheduled.compareAndSet(false, true)) {
            ctx.io().execute(this::runSyncs);
        }
    }

    /**
     * Starts graceful deletion, once the store marked the pod deleted: liveness and startup probes
     * stop (readiness goes on), containers get SIGTERM, then SIGKILL after the grace period, then
     * everything the pod created is removed and the deletion is confirmed to the store.
     *
     * @param gracePeriod the grace period the store gave the deletion; a shorter one later wins
     */
    public void delete(Duration gracePeriod) {
        synchronized (state) {
            if (state.deleting && gracePeriod.compareTo(state.grace) >= 0) {
                return;
            }
            state.deleting = true;
            state.grace = gracePeriod; // a shorter grace period wins, as with kubectl delete --grace-period
            state.graceDeadlineNanos = System.nanoTime() + gracePeriod.toNanos();
            probes.stopForTermination();
        }
        wake();
    }

    /**
     * The store has a newer version of this pod: new labels or annotations, a deletion under way, a
     * new activeDeadlineSeconds, new container images (the store's update rules allow no more), or
     * new ephemeral containers (kubectl debug's, through the ephemeralcontainers subresource).
     * A container whose image changed has its back-offs forgotten, as the kubelet keeps them per
     * image; whether a running one is restarted is the planner's decision.
     *
     * @param stored the pod as stored (a copy the worker keeps); its status is ignored
     */
    public void update(Pod stored) {
        synchronized (state) {
            if (state.removed || !newer(stored)) {
                return;
            }
            List<Container> specs = new ArrayList<>(Nulls.orEmpty(stored.getSpec().getInitContainers()));
            specs.addAll(Nulls.orEmpty(stored.getSpec().getContainers()));
            for (Container c : specs) {
                ContainerRecord r = state.record(c.getName());
                if (r != null && !Objects.equals(c.getImage(), r.spec().getImage())) {
                    state.update(r.name(), n -> {
                        n.spec = n.spec.toBuilder().withImage(c.getImage()).build();
                        n.pullBackOff = n.pullBackOff.reset();
                        n.createBackOff = n.createBackOff.reset();
                        n.crashBackOff = n.crashBackOff.reset();
                        n.startError = null;
                    });
                }
            }
            state.pod = new Pod(stored.getApiVersion(), stored.getKind(), stored.getMetadata(), stored.getSpec(), null);
            state.addEphemerals(stored); // kubectl debug's containers: the planner starts them
        }
        if (stored.getMetadata().getDeletionTimestamp() != null) {
            Long g = stored.getMetadata().getDeletionGracePeriodSeconds();
            delete(Duration.ofSeconds(g == null ? 0 : g));
        }
        wake();
    }

    private boolean newer(Pod stored) {
        try {
            return Long.parseLong(stored.getMetadata().getResourceVersion()) > Long.parseLong(state.pod.getMetadata().getResourceVersion());
        } catch (NumberFormatException | NullPointerException noVersion) {
            return true;
        }
    }

    /**
     * The PLEG saw one of this pod's containers change. Only the end of an instance this worker
     * thinks alive matters: the runtime also reports what the worker did itself (a start,
     * removing an old instance). An end reported before the worker recorded the instance as
     * running is kept for the moment it does.
     *
     * @param event what the runtime saw
     */
    public void lifecycleEvent(PodLifecycleEvent event) {
        LOG.debug("pod {}: {} {}", state.key(), event.type(), event.containerId());
        if (event.type() == PodLifecycleEvent.Type.CONTAINER_STARTED) {
            return;
        }
        if (state.thinksAlive(event.containerId())) {
            state.inspect(event.containerId());
            relist();
        } else if (event.type() == PodLifecycleEvent.Type.CONTAINER_DIED) {
            state.diedEarly(event.containerId());
        }
    }

    /** Looks at what Docker reports of this pod's containers on the next sync. */
    public void relist() {
        observeRequested = true;
        wake();
    }

    /** The runtime answers again after it did not: a pod it left unknown looks at Docker again. */
    public void runtimeAnswers() {
        boolean unknown;
        synchronized (state) {
            unknown = state.unreachable != null;
            state.unreachable = null;
        }
        if (unknown) {
            relist();
        }
    }

    /**
     * @param containerPort a declared container port
     * @return where it is published on the host, if it is
     */
    public Optional<InetSocketAddress> published(int containerPort) {
        synchronized (state) {
            return Optional.ofNullable(state.published.get(containerPort));
        }
    }

    /**
     * @param container a container name
     * @param previous true for the instance before the current one
     * @return the Docker id of that container instance, if there is one
     */
    public Optional<String> containerId(String container, boolean previous) {
        synchronized (state) {
            ContainerRecord r = state.record(container);
            return r == null ? Optional.empty() : Optional.ofNullable(previous ? r.previousId() : r.containerId());
        }
    }

    /** @return true while the scheduler has not placed the pod on the node (it did not fit, or was not asked yet) */
    public boolean unscheduled() {
        synchronized (state) {
            return state.unschedulable != null && !state.deleting;
        }
    }

    /** @return true when the pod and its Docker objects are gone */
    public boolean isDeleted() {
        synchronized (state) {
            return state.removed;
        }
    }

    // ---------------------------------------------------------------- the sync loop

    private void runSyncs() {
        try {
            while (true) {
                dirty = false;
                try {
                    sync();
                } catch (RuntimeException e) {
                    // Never lose a failure on a background thread: it becomes an event, and a later sync retries.
                    if (DockerRuntime.unreachable(e)) {
                        LOG.warn("pod {}: Docker does not answer: {}", state.key(), e.toString());
                        state.markUnreachable(runtime.endpoint(), e);
                    } else {
                        LOG.warn("pod {}: sync failed: {}", state.key(), e.toString(), e);
                    }
                    events.warning("FailedSync", "kubelet", "error syncing pod: " + e.getMessage());
                    observeRequested = true; // what Docker says next is what counts
                    wakeIn(Duration.ofSeconds(1)); // first, so that a failing status write cannot strand the pod
                    status.update(state.pod(), state.view(), null, false);
                }
                if (!dirty) {
                    break;
                }
            }
        } finally {
            scheduled.set(false);
            if (dirty) {
                wake();
            }
        }
    }

    private void sync() {
        boolean deleting;
        synchronized (state) {
            if (state.removed) {
                return;
            }
            deleting = state.deleting;
        }
        if (!deleting && !scheduled()) {
            return;
        }
        if (observeRequested) {
            // Only when the runtime reported a change, a kill ended or Docker did not answer: listing containers on every
            // sync would load the daemon while it is starting this very pod.
            observeRequested = false;
            observe();
        }
        Pod pod = state.pod();
        PodView view = state.view();
        PodActions plan = PodPlanner.plan(pod, view, System.nanoTime());
        act(plan);
        if (plan.removePod()) {
            return;
        }
        status.update(pod, state.view(), plan, false);
        if (plan.wakeAtNanos() != Long.MAX_VALUE) {
            wakeIn(Duration.ofNanos(Math.max(1_000_000, plan.wakeAtNanos() - System.nanoTime())));
        }
    }

    private void act(PodActions plan) {
        if (plan.fail() != null) {
            synchronized (state) {
                state.failedReason = plan.fail().reason();
                state.failedMessage = plan.fail().message();
            }
            events.normal(plan.fail().reason(), "kubelet", plan.fail().message()); // the plan stops what runs
        }
        plan.kill().forEach(actor::kill);
        if (plan.createSandbox()) {
            actor.createSandbox();
            dirty = true;
        }
        if (plan.removePod()) {
            removePod();
            return;
        }
        synchronized (state) {
            for (String name : plan.start()) {
                state.update(name, c -> {
                    if (c.state == State.EXITED && !c.restartAfterKill) {
                        c.crashBackOff = c.crashBackOff.next(System.nanoTime());
                    }
                    c.state = State.STARTING;
                });
            }
        }
        if (!plan.start().isEmpty()) {
            starter.startAll(plan.start());
        }
        actor.announce(plan.waiting());
    }

    /** @return true when the pod is bound to the node; else it stays Pending, Unschedulable */
    private boolean scheduled() {
        String was;
        synchronized (state) {
            was = state.unschedulable;
            if (was == null) {
                return true;
            }
        }
        Pod pod = state.pod();
        String why = ctx.placement().unschedulable(pod());
        if (why != null) {
            if (!why.equals(was)) {
                events.warning("FailedScheduling", "default-scheduler", why);
            }
            synchronized (state) {
                state.unschedulable = why;
            }
            status.unscheduled(pod, why);
            return false;
        }
        if (!ctx.nodeName().equals(pod.getSpec().getNodeName())) {
            ctx.sink().bind(pod, ctx.nodeName());
            synchronized (state) {
                var spec = state.pod.getSpec().toBuilder().withNodeName(ctx.nodeName()).build();
                state.pod = new Pod(state.pod.getApiVersion(), state.pod.getKind(), state.pod.getMetadata(), spec, null);
            }
        }
        synchronized (state) {
            state.unschedulable = null;
        }
        events.normal("Scheduled", "default-scheduler", "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
                + pod.getMetadata().getName() + " to " + ctx.nodeName());
        return true;
    }

    // ---------------------------------------------------------------- actions

    /** Reads what Docker says of the pod's containers: exits, and a sandbox that died. */
    private void observe() {
        List<ContainerRecord> check = new ArrayList<>();
        String infra;
        synchronized (state) {
            state.all().stream().filter(r -> r.state().alive()).forEach(check::add);
            infra = state.infraId;
        }
        if (check.isEmpty() && infra == null) {
            return;
        }
        java.util.Set<String> reported = state.takeInspections();
        Map<String, String> docker = runtime.podContainers(state.pod().getMetadata().getUid());
        synchronized (state) {
            state.unreachable = null;
        }
        for (ContainerRecord r : check) {
            String id = r.containerId();
            // Docker's listing may still show a container running for a moment after its "die":
            // one the runtime reported ended is inspected, which waits for Docker to finish the exit.
            if ("running".equals(docker.get(id)) && !reported.contains(id)) {
                LOG.debug("pod {}: container {} ({}) listed running", state.key(), r.name(), id);
                continue;
            }
            var ended = runtime.ended(r);
            if (ended != null) {
                synchronized (state) {
                    ContainerRecord now = state.record(r.name());
                    if (id.equals(now.containerId()) && now.state().alive()) {
                        probes.stop(r.name());
                        state.put(now.ended(ended, System.nanoTime()));
                    }
                }
                LOG.debug("pod {}: container {} exited with {}", state.key(), r.name(), ended.getExitCode());
            }
        }
        if (infra != null && (!"running".equals(docker.get(infra)) || reported.contains(infra))) {
            LOG.warn("pod {}: the infra container stopped; the pod's containers are killed and the sandbox re-created", state.key());
            synchronized (state) {
                state.sandbox = PodView.Sandbox.DEAD;
                state.infraId = null;
                state.podIP = null;
                state.sandboxAttempt++;
            }
            cleanup.removeLater(infra);
        }
    }

    private void removePod() {
        List<String> known = new ArrayList<>(starter.takeAllAhead());
        Pod pod;
        probes.stopAll();
        synchronized (state) {
            for (ContainerRecord r : state.all()) {
                if (r.containerId() != null) {
                    known.add(r.containerId());
                }
            }
            if (state.infraId != null) {
                known.add(state.infraId);
            }
            pod = state.pod;
        }
        cleanup.removeAll(pod, known);
        synchronized (state) {
            state.removed = true;
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
        }
        ctx.sink().removed(pod());
    }

    private void wakeIn(Duration delay) {
        synchronized (state) {
            // Only a wake-up still to come covers this one: one that is due may already be running, its wake()
            // consumed by the very sync that asks for the next (its future is not done until that sync ends).
            long due = wakeUp == null || wakeUp.isDone() ? 0 : wakeUp.getDelay(TimeUnit.NANOSECONDS);
            if (due > 0 && due <= delay.toNanos()) {
                return;
            }
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            wakeUp = ctx.timer().schedule(this::wake, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }
}

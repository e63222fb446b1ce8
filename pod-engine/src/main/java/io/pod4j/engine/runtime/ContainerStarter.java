package io.pod4j.engine.runtime;

import com.github.dockerjava.api.exception.DockerException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Timestamps;
import io.pod4j.engine.docker.ImageReference;
import io.pod4j.engine.kubelet.ContainerView.StartError;
import io.pod4j.engine.kubelet.EphemeralContainers;
import io.pod4j.engine.kubelet.ContainerView.State;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts containers the planner picked, in the steps the kubelet's {@code startContainer}
 * documents: the image (pull by policy), the environment, create, start, postStart. A step that
 * fails leaves the container waiting with the kubelet's reason and a time to retry; the worker
 * is woken when a start is done, however it ended.
 */
final class ContainerStarter {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerStarter.class);

    private final EngineContext ctx;
    private final ContainerRuntime runtime;
    private final PodState state;
    private final PodEvents events;
    private final PodProbes probes;
    private final Naming naming;
    private final Runnable wake;
    /** Looks at Docker on the next sync: an instance died before it was recorded as running. */
    private final Runnable relist;
    private final Consumer<String> removeLater;
    /** By container name: its first instance, created while the sandbox starts ({@link #createAhead}). Guarded by the state's lock. */
    private final Map<String, CompletableFuture<String>> ahead = new HashMap<>();

    ContainerStarter(EngineContext ctx, ContainerRuntime runtime, PodState state, PodEvents events, PodProbes probes, Naming naming,
            Runnable wake, Runnable relist, Consumer<String> removeLater) {
        this.ctx = ctx;
        this.runtime = runtime;
        this.state = state;
        this.events = events;
        this.probes = probes;
        this.naming = naming;
        this.wake = wake;
        this.relist = relist;
        this.removeLater = removeLater;
    }

    /**
     * Starts the containers one plan picked. The kubelet starts them one after another in spec
     * order, and what a pod can observe of that order is one rule: a container's postStart hook
     * completes before the next container starts. So the containers between two hooks start at
     * once: containers that join one pod's namespaces overlap well on the daemon.
     *
     * @param batch the containers' names, marked STARTING by the caller
     */
    void startAll(List<String> batch) {
        ctx.io().execute(() -> {
            int from = 0;
            while (from < batch.size()) {
                int to = from;
                while (to < batch.size() - 1 && !hasPostStart(batch.get(to))) {
                    to++;
                }
                List<CompletableFuture<Void>> others = new ArrayList<>();
                for (String name : batch.subList(from + 1, to + 1)) {
                    others.add(CompletableFuture.runAsync(() -> start(name), ctx.io()));
                }
                start(batch.get(from));
                others.forEach(CompletableFuture::join);
                from = to + 1;
            }
        });
    }

    /**
     * Creates the containers that will start first while the daemon starts the sandbox, which is
     * the slow step (network namespace, veth, iptables, port proxies): Docker accepts a container
     * joining the namespaces of one not yet running, and the kubelet's order is kept because
     * nothing starts before the sandbox runs. Only first instances whose image is present and
     * whose environment does not need the pod IP; any other is created when it starts.
     *
     * @param first the names of the containers the planner would start first
     * @param sandboxId the sandbox, created but not started
     */
    void createAhead(List<String> first, String sandboxId) {
        Pod current = state.withAddresses();
        for (String name : first) {
            synchronized (state) {
                ContainerRecord r = state.record(name);
                boolean needsPodIP = Nulls.orEmpty(r.spec().getEnv()).stream().anyMatch(e -> e.getValueFrom() != null
                        && e.getValueFrom().getFieldRef() != null && e.getValueFrom().getFieldRef().getFieldPath().startsWith("status.podIP"));
                if (r.containerId() != null || ahead.containsKey(name) || needsPodIP || "Always".equals(r.spec().getImagePullPolicy())) {
                    continue;
                }
                ahead.put(name, CompletableFuture.supplyAsync(() -> ahead(r, current, sandboxId), ctx.io()));
            }
        }
    }

    /** @return the id of the container created ahead, or null when it will be created as usual */
    private String ahead(ContainerRecord r, Pod current, String sandboxId) {
        try {
            return ctx.images().present(r.spec().getImage()) ? create(r, current, sandboxId, 0) : null;
        } catch (ContainerConfigException | RuntimeException e) {
            // The usual path will meet the same problem and report it properly.
            LOG.debug("pod {}: container {} not created ahead: {}", state.key(), r.name(), e.toString());
            return null;
        }
    }

    /**
     * Takes what was created ahead out of the records: for the start that uses it, for a sandbox
     * that failed, for the teardown.
     *
     * @return the ids of the containers created ahead, waited for
     */
    List<String> takeAllAhead() {
        List<CompletableFuture<String>> all;
        synchronized (state) {
            all = new ArrayList<>(ahead.values());
            ahead.clear();
        }
        return all.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList();
    }

    private boolean hasPostStart(String name) {
        Container spec = state.record(name).spec();
        return spec.getLifecycle() != null && spec.getLifecycle().getPostStart() != null;
    }

    private void start(String name) {
        try {
            if (!image(state.record(name))) {
                return;
            }
            Pod current = state.withAddresses();
            String sandboxId;
            int attempt;
            ContainerRecord r;
            synchronized (state) {
                r = state.record(name);
                sandboxId = state.infraId;
                attempt = r.restartCount() + (r.containerId() != null ? 1 : 0);
            }
            String id = attempt == 0 ? takeAhead(name) : null;
            try {
                if (id == null) {
                    id = create(r, current, sandboxId, attempt);
                }
            } catch (ContainerConfigException e) {
                failed(name, "CreateContainerConfigError", e.getMessage(), BackOffKind.CREATE);
                events.of(name).warning("Failed", "Error: " + e.getMessage());
                return;
            }
            synchronized (state) {
                if (state.deleting) {
                    removeLater.accept(id); // deletion began while it was created: it must not outlive the pod
                    return;
                }
                state.update(name, c -> c.createBackOff = c.createBackOff.reset());
            }
            events.of(name).normal("Created", "Created container: " + name);
            try {
                runtime.startContainer(id);
            } catch (DockerException e) {
                startFailed(name, id, DockerRuntime.message(e));
                return;
            }
            if (hasPostStart(name)) {
                // The container is not started until its postStart hook completes; a failed hook kills it.
                String failure = Hooks.run(ctx.prober(), r.spec().getLifecycle().getPostStart(), probes.target(r.spec(), id),
                        Duration.ofMinutes(2));
                if (failure != null) {
                    events.of(name).warning("FailedPostStartHook", failure);
                    events.of(name).normal("Killing", "FailedPostStartHook");
                    runtime.stopContainer(id, Duration.ZERO);
                }
            }
            running(name, id);
            events.of(name).normal("Started", "Started container " + name);
        } catch (DockerException | IllegalStateException e) {
            String message = DockerRuntime.message(e);
            if (message.contains("No such image")) {
                ctx.images().forget(state.record(name).spec().getImage()); // removed behind our back: look again next time
            }
            failed(name, "CreateContainerError", message, BackOffKind.CREATE);
            events.of(name).warning("Failed", "Error: " + message);
        } finally {
            synchronized (state) {
                if (state.record(name).state() == State.STARTING) {
                    state.update(name, c -> c.state = c.containerId == null ? State.NEW : State.EXITED); // not started: it waits as before
                }
            }
            wake.run();
        }
    }

    /** The environment, then the container: {@code CreateContainerConfigError} when either cannot be made. */
    private String create(ContainerRecord r, Pod current, String sandboxId, int attempt) throws ContainerConfigException {
        Map<String, String> services = Boolean.FALSE.equals(current.getSpec().getEnableServiceLinks()) ? Map.of()
                : ctx.services().environment(current.getMetadata().getNamespace());
        Map<String, String> env = new EnvResolver(current, ctx.nodeName(), ctx.objects(), services).resolve(r.spec());
        var messageFile = TerminationMessages.hostFile(ctx.docker().isLocal(), current, r.name(), attempt);
        String id = runtime.createContainer(current, r.spec(), sandboxId, pidTarget(current, r), env,
                naming.labels(r.name(), r.role(), attempt), naming.dockerName(r.name(), attempt), messageFile);
        state.update(r.name(), c -> c.terminationFile = messageFile);
        return id;
    }

    /** @return the running instance of an ephemeral container's target, whose processes it sees, or null */
    private String pidTarget(Pod pod, ContainerRecord r) {
        if (r.role() != Role.EPHEMERAL) {
            return null;
        }
        String target = EphemeralContainers.find(pod, r.name()).map(e -> e.getTargetContainerName()).orElse(null);
        ContainerRecord t = target == null ? null : state.record(target);
        return t != null && t.state().alive() ? t.containerId() : null;
    }

    private String takeAhead(String name) {
        CompletableFuture<String> created;
        synchronized (state) {
            created = ahead.remove(name);
        }
        return created == null ? null : created.join();
    }

    private void running(String name, String id) {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String stale;
        synchronized (state) {
            stale = newInstance(name, id);
            ContainerRecord r = state.update(name, c -> {
                c.imageId = ctx.images().id(c.spec.getImage());
                c.terminated = null;
                c.startError = null;
                c.restartAfterKill = false;
                c.probeFailure = null;
                c.state = State.RUNNING;
                c.started = c.spec.getStartupProbe() == null;
                c.ready = c.started && c.spec.getReadinessProbe() == null;
                c.startedAt = startedAt;
            });
            probes.start(r, id);
        }
        if (stale != null) {
            removeLater.accept(stale);
        }
        if (state.reportedDead(id)) {
            relist.run();
        }
    }

    /**
     * Records a new instance of the container, a restart when one ran before (caller holds the state's lock).
     *
     * @return the instance before the last one, to remove now that two are kept, or null
     */
    private String newInstance(String name, String id) {
        ContainerRecord r = state.record(name);
        state.update(name, c -> {
            if (c.containerId != null) {
                c.previousId = c.containerId;
                c.lastTerminated = c.terminated;
                c.restartCount++;
            }
            c.containerId = id;
            c.sandbox = state.sandboxAttempt;
            c.image = c.spec.getImage();
        });
        return r.containerId() != null ? r.previousId() : null;
    }

    /**
     * Created, but Docker could not start it (a capability the daemon may not grant, a missing
     * binary): as the kubelet, that instance ended with StartError, exit code 128, and the restart
     * policy and the crash back-off decide the next one, a new container counted as a restart.
     */
    private void startFailed(String name, String id, String message) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String stale;
        synchronized (state) {
            stale = newInstance(name, id);
            probes.stop(name);
            state.put(state.update(name, c -> {
                c.startedAt = null;
                c.startError = null;
            }).ended(new ContainerStateTerminatedBuilder().withExitCode(128).withReason("StartError").withMessage(message)
                    .withStartedAt(Timestamps.time(Instant.EPOCH)).withFinishedAt(Timestamps.time(now))
                    .withContainerID("docker://" + id).build(), System.nanoTime()));
        }
        events.of(name).warning("Failed", "Error: " + message);
        if (stale != null) {
            removeLater.accept(stale);
        }
    }

    /** Which of a container's back-offs a failed step counts against. */
    private enum BackOffKind { PULL, CREATE }

    private void failed(String name, String reason, String message, BackOffKind kind) {
        long now = System.nanoTime();
        state.update(name, c -> {
            BackOff b = (kind == BackOffKind.PULL ? c.pullBackOff : c.createBackOff).next(now);
            if (kind == BackOffKind.PULL) {
                c.pullBackOff = b;
            } else {
                c.createBackOff = b;
            }
            c.startError = new StartError(reason, message, now, b.until(now));
        });
    }

    /** @return true when the image is there; else the container waits with the reason (ErrImagePull, ...) */
    private boolean image(ContainerRecord r) {
        String image = r.spec().getImage();
        try {
            ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            String message = "Failed to apply default image tag \"" + image + "\": couldn't parse image name \"" + image + "\": "
                    + e.getMessage();
            failed(r.name(), "InvalidImageName", message, BackOffKind.CREATE);
            events.of(r.name()).warning("InspectFailed", message);
            return false;
        }
        PullSecrets secrets = PullSecrets.of(state.pod(), ctx.objects()::secret);
        if (secrets.missing() != null) {
            events.warning(PullSecrets.FAILED_REASON, "kubelet", secrets.missing());
        }
        String policy = r.spec().getImagePullPolicy() == null ? "IfNotPresent" : r.spec().getImagePullPolicy();
        if (!"Always".equals(policy) && ctx.images().present(image)) {
            // Said at every start, restarts included, as the kubelet's image manager does: describe shows "(xN over ...)".
            events.of(r.name()).normal("Pulled", "Container image \"" + image + "\" already present on machine");
            return true;
        }
        if ("Never".equals(policy)) {
            String message = "Container image \"" + image + "\" is not present with pull policy of Never";
            failed(r.name(), "ErrImageNeverPull", message, BackOffKind.CREATE);
            events.of(r.name()).warning("ErrImageNeverPull", message);
            return false;
        }
        events.of(r.name()).normal("Pulling", "Pulling image \"" + image + "\"");
        long t0 = System.nanoTime();
        try {
            ctx.images().pull(image, secrets.keyring().lookup(image));
            events.of(r.name()).normal("Pulled", "Successfully pulled image \"" + image + "\" in "
                    + Duration.ofNanos(System.nanoTime() - t0).toMillis() + "ms");
            state.update(r.name(), c -> c.pullBackOff = c.pullBackOff.reset());
            return true;
        } catch (RuntimeException e) {
            String message = "Failed to pull image \"" + image + "\": " + DockerRuntime.message(e);
            failed(r.name(), "ErrImagePull", message, BackOffKind.PULL);
            events.of(r.name()).warning("Failed", message);
            events.of(r.name()).warning("Failed", "Error: ErrImagePull");
            return false;
        }
    }
}

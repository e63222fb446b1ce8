package io.pod4j.engine.runtime;

import com.github.dockerjava.api.exception.DockerException;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Timestamps;
import io.pod4j.engine.docker.ImageReference;
import io.pod4j.engine.kubelet.ContainerView.StartError;
import io.pod4j.engine.kubelet.ContainerView.State;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    private final Consumer<String> removeLater;

    ContainerStarter(EngineContext ctx, ContainerRuntime runtime, PodState state, PodEvents events, PodProbes probes, Naming naming,
            Runnable wake, Consumer<String> removeLater) {
        this.ctx = ctx;
        this.runtime = runtime;
        this.state = state;
        this.events = events;
        this.probes = probes;
        this.naming = naming;
        this.wake = wake;
        this.removeLater = removeLater;
    }

    /**
     * Starts the containers one plan picked. The kubelet starts them one after another in spec
     * order, and what a pod can observe of that order is one rule: a container's postStart hook
     * completes before the next container starts. So the containers between two hooks start at
     * once: containers that join one pod's namespaces overlap well on the daemon.
     *
     * @param batch the containers, marked STARTING by the caller
     */
    void startAll(List<ContainerRecord> batch) {
        ctx.io().execute(() -> {
            int from = 0;
            while (from < batch.size()) {
                int to = from;
                while (to < batch.size() - 1 && !hasPostStart(batch.get(to))) {
                    to++;
                }
                List<CompletableFuture<Void>> others = new ArrayList<>();
                for (ContainerRecord r : batch.subList(from + 1, to + 1)) {
                    others.add(CompletableFuture.runAsync(() -> start(r), ctx.io()));
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
     * @param first the containers the planner would start first
     * @param sandboxId the sandbox, created but not started
     */
    void createAhead(List<ContainerRecord> first, String sandboxId) {
        Pod current = state.withAddresses();
        for (ContainerRecord r : first) {
            boolean needsPodIP = Nulls.orEmpty(r.spec.getEnv()).stream().anyMatch(e -> e.getValueFrom() != null
                    && e.getValueFrom().getFieldRef() != null && e.getValueFrom().getFieldRef().getFieldPath().startsWith("status.podIP"));
            synchronized (state) {
                if (r.containerId != null || r.ahead != null || needsPodIP || "Always".equals(r.spec.getImagePullPolicy())) {
                    continue;
                }
                r.ahead = CompletableFuture.supplyAsync(() -> ahead(r, current, sandboxId), ctx.io());
            }
        }
    }

    /** @return the id of the container created ahead, or null when it will be created as usual */
    private String ahead(ContainerRecord r, Pod current, String sandboxId) {
        try {
            return ctx.images().present(r.spec.getImage()) ? create(r, current, sandboxId, 0) : null;
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
        List<CompletableFuture<String>> all = new ArrayList<>();
        synchronized (state) {
            for (ContainerRecord r : state.all()) {
                if (r.ahead != null) {
                    all.add(r.ahead);
                    r.ahead = null;
                }
            }
        }
        return all.stream().map(CompletableFuture::join).filter(java.util.Objects::nonNull).toList();
    }

    private static boolean hasPostStart(ContainerRecord r) {
        return r.spec.getLifecycle() != null && r.spec.getLifecycle().getPostStart() != null;
    }

    private void start(ContainerRecord r) {
        try {
            if (!image(r)) {
                return;
            }
            Pod current = state.withAddresses();
            String sandboxId;
            int attempt;
            synchronized (state) {
                sandboxId = state.infraId;
                attempt = r.restartCount + (r.containerId != null ? 1 : 0);
            }
            String id = attempt == 0 ? takeAhead(r) : null;
            try {
                if (id == null) {
                    id = create(r, current, sandboxId, attempt);
                }
            } catch (ContainerConfigException e) {
                failed(r, "CreateContainerConfigError", e.getMessage(), r.createBackOff);
                events.warning("Failed", "kubelet", "Error: " + e.getMessage());
                return;
            }
            synchronized (state) {
                if (state.deleting) {
                    removeLater.accept(id); // deletion began while it was created: it must not outlive the pod
                    return;
                }
                r.createBackOff.reset();
            }
            events.normal("Created", "kubelet", "Created container: " + r.name());
            try {
                runtime.startContainer(id);
            } catch (DockerException e) {
                startFailed(r, id, DockerRuntime.message(e));
                return;
            }
            if (hasPostStart(r)) {
                // The container is not started until its postStart hook completes; a failed hook kills it.
                String failure = Hooks.run(ctx.prober(), r.spec.getLifecycle().getPostStart(), probes.target(r, id), Duration.ofMinutes(2));
                if (failure != null) {
                    events.warning("FailedPostStartHook", "kubelet", failure);
                    events.normal("Killing", "kubelet", "FailedPostStartHook");
                    runtime.stopContainer(id, Duration.ZERO);
                }
            }
            running(r, id);
            events.normal("Started", "kubelet", "Started container " + r.name());
        } catch (DockerException | IllegalStateException e) {
            String message = DockerRuntime.message(e);
            if (message.contains("No such image")) {
                ctx.images().forget(r.spec.getImage()); // removed behind our back: look again next time
            }
            failed(r, "CreateContainerError", message, r.createBackOff);
            events.warning("Failed", "kubelet", "Error: " + message);
        } finally {
            synchronized (state) {
                if (r.state == State.STARTING) {
                    r.state = r.containerId == null ? State.NEW : State.EXITED; // not started: it waits as before
                }
            }
            wake.run();
        }
    }

    /** The environment, then the container: {@code CreateContainerConfigError} when either cannot be made. */
    private String create(ContainerRecord r, Pod current, String sandboxId, int attempt) throws ContainerConfigException {
        Map<String, String> services = Boolean.FALSE.equals(current.getSpec().getEnableServiceLinks()) ? Map.of()
                : ctx.services().environment(current.getMetadata().getNamespace());
        Map<String, String> env = new EnvResolver(current, ctx.nodeName(), ctx.objects(), services).resolve(r.spec);
        var messageFile = TerminationMessages.hostFile(ctx.docker().isLocal(), current, r.name(), attempt);
        String id = runtime.createContainer(current, r, sandboxId, env, naming.labels(r.name(), r.role, attempt),
                naming.dockerName(r.name(), attempt), messageFile);
        synchronized (state) {
            r.terminationFile = messageFile;
        }
        return id;
    }

    private String takeAhead(ContainerRecord r) {
        CompletableFuture<String> ahead;
        synchronized (state) {
            ahead = r.ahead;
            r.ahead = null;
        }
        return ahead == null ? null : ahead.join();
    }

    private void running(ContainerRecord r, String id) {
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String stale;
        synchronized (state) {
            stale = newInstance(r, id);
            r.imageId = ctx.images().id(r.spec.getImage());
            r.terminated = null;
            r.startError = null;
            r.restartAfterKill = false;
            r.probeFailure = null;
            r.state = State.RUNNING;
            r.started = r.spec.getStartupProbe() == null;
            r.ready = r.started && r.spec.getReadinessProbe() == null;
            r.startedAt = startedAt;
            probes.start(r, id);
        }
        if (stale != null) {
            removeLater.accept(stale);
        }
    }

    /**
     * Records a new instance of the container, a restart when one ran before (caller holds the state's lock).
     *
     * @return the instance before the last one, to remove now that two are kept, or null
     */
    private String newInstance(ContainerRecord r, String id) {
        String stale = null;
        if (r.containerId != null) {
            stale = r.previousId;
            r.previousId = r.containerId;
            r.lastTerminated = r.terminated;
            r.restartCount++;
        }
        r.containerId = id;
        r.sandbox = state.sandboxAttempt;
        r.image = r.spec.getImage();
        return stale;
    }

    /**
     * Created, but Docker could not start it (a capability the daemon may not grant, a missing
     * binary): as the kubelet, that instance ended with StartError, exit code 128, and the restart
     * policy and the crash back-off decide the next one, a new container counted as a restart.
     */
    private void startFailed(ContainerRecord r, String id, String message) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String stale;
        synchronized (state) {
            stale = newInstance(r, id);
            r.startedAt = null;
            r.startError = null;
            r.ended(new ContainerStateTerminatedBuilder().withExitCode(128).withReason("StartError").withMessage(message)
                    .withStartedAt(Timestamps.time(Instant.EPOCH)).withFinishedAt(Timestamps.time(now))
                    .withContainerID("docker://" + id).build(), System.nanoTime());
        }
        events.warning("Failed", "kubelet", "Error: " + message);
        if (stale != null) {
            removeLater.accept(stale);
        }
    }

    private void failed(ContainerRecord r, String reason, String message, BackOff backOff) {
        synchronized (state) {
            long now = System.nanoTime();
            backOff.next(now);
            r.startError = new StartError(reason, message, now, backOff.until(now));
        }
    }

    /** @return true when the image is there; else the container waits with the reason (ErrImagePull, ...) */
    private boolean image(ContainerRecord r) {
        String image = r.spec.getImage();
        try {
            ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            String message = "Failed to apply default image tag \"" + image + "\": couldn't parse image name \"" + image + "\": "
                    + e.getMessage();
            failed(r, "InvalidImageName", message, r.createBackOff);
            events.warning("InspectFailed", "kubelet", message);
            return false;
        }
        PullSecrets secrets = PullSecrets.of(state.pod(), ctx.objects()::secret);
        if (secrets.missing() != null) {
            events.warning(PullSecrets.FAILED_REASON, "kubelet", secrets.missing());
        }
        String policy = r.spec.getImagePullPolicy() == null ? "IfNotPresent" : r.spec.getImagePullPolicy();
        if (!"Always".equals(policy) && ctx.images().present(image)) {
            // Said at every start, restarts included, as the kubelet's image manager does: describe shows "(xN over ...)".
            events.normal("Pulled", "kubelet", "Container image \"" + image + "\" already present on machine");
            return true;
        }
        if ("Never".equals(policy)) {
            String message = "Container image \"" + image + "\" is not present with pull policy of Never";
            failed(r, "ErrImageNeverPull", message, r.createBackOff);
            events.warning("ErrImageNeverPull", "kubelet", message);
            return false;
        }
        events.normal("Pulling", "kubelet", "Pulling image \"" + image + "\"");
        long t0 = System.nanoTime();
        try {
            ctx.images().pull(image, secrets.keyring().lookup(image));
            events.normal("Pulled", "kubelet", "Successfully pulled image \"" + image + "\" in "
                    + Duration.ofNanos(System.nanoTime() - t0).toMillis() + "ms");
            synchronized (state) {
                r.pullBackOff.reset();
            }
            return true;
        } catch (RuntimeException e) {
            String message = "Failed to pull image \"" + image + "\": " + DockerRuntime.message(e);
            failed(r, "ErrImagePull", message, r.pullBackOff);
            events.warning("Failed", "kubelet", message);
            events.warning("Failed", "kubelet", "Error: ErrImagePull");
            return false;
        }
    }
}

package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.pod4j.api.build.Timestamps;
import io.pod4j.engine.docker.ImageReference;
import io.pod4j.engine.docker.Labels;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pod the way the kubelet's pod worker does: each {@link #sync()} looks at what is (the
 * containers Docker reports) and what should be (spec, restart policy, back-off), takes the next
 * actions that close the gap, and publishes the status. Syncs of one pod never overlap; syncs of
 * different pods run in parallel. Slow Docker calls (create, start, pull) run on the shared pool
 * and wake the worker when done, so one pod's slow pull never holds another pod up.
 */
public final class PodWorker {

    private static final Logger LOG = LoggerFactory.getLogger(PodWorker.class);
    private static final long ERR_IMAGE_PULL_SHOWN_NANOS = 1_000_000_000L;

    private final EngineContext ctx;
    private final PodEvents events;
    private final List<ContainerRecord> inits = new ArrayList<>();
    private final List<ContainerRecord> apps = new ArrayList<>();
    /** Containers this sync decided to start; started in order once the sync has decided. */
    private final List<ContainerRecord> starts = new ArrayList<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Container removals under way on the pool (old instances, failed sandboxes). */
    private final java.util.Set<CompletableFuture<Void>> removals = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean dirty;
    private volatile boolean observeRequested;

    private Pod pod;
    private String infraId;
    private String podIP;
    /** The node's address on the pod network (status.hostIP). */
    private String cachedHostIP;
    private final Map<Integer, InetSocketAddress> published = new HashMap<>();
    private boolean infraFailed;
    /** Sandboxes created so far, less one: part of the infra container's name, as the kubelet numbers them. */
    private int sandboxAttempt;
    /** The sandbox died after the containers of a restartPolicy Never pod ran: no new one is made. */
    private boolean sandboxFinal;
    /** The last look at Docker failed to connect: the pod's state is unknown until Docker answers again. */
    private boolean dockerUnreachable;
    private String unreachableMessage;
    /** When the last sandbox attempt failed, and how long to wait before the next, as the kubelet backs off. */
    private long infraFailedAt;
    private final BackOff infraBackOff;
    private String infraWaitingMessage;
    private boolean infraBusy;
    private Instant startTime;
    private String failedReason;
    private String failedMessage;
    private boolean deleting;
    private boolean deleted;
    private boolean scheduledOnce;
    private String unschedulable;
    private Duration grace;
    private ScheduledFuture<?> wakeUp;
    private PodStatus lastPublished;
    private final StatusBuilder statusBuilder;

    /**
     * @param ctx what workers share
     * @param pod the pod, defaulted and validated, with name, namespace and uid set
     */
    public PodWorker(EngineContext ctx, Pod pod) {
        this.ctx = ctx;
        this.pod = pod;
        this.events = new PodEvents(pod, ctx.nodeName(), ctx.sink());
        this.statusBuilder = new StatusBuilder();
        this.infraBackOff = new BackOff(ctx.backOffBase(), ctx.backOffCap());
        for (var c : Nulls.orEmpty(pod.getSpec().getInitContainers())) {
            inits.add(new ContainerRecord(c, "Always".equals(c.getRestartPolicy()) ? Role.SIDECAR : Role.INIT,
                    ctx.backOffBase(), ctx.backOffCap()));
        }
        for (var c : Nulls.orEmpty(pod.getSpec().getContainers())) {
            apps.add(new ContainerRecord(c, Role.APP, ctx.backOffBase(), ctx.backOffCap()));
        }
    }

    // ---------------------------------------------------------------- what the engine calls

    /** @return the pod with its latest status */
    public synchronized Pod pod() {
        return withStatus(pod, lastPublished != null ? lastPublished : statusBuilder.build(this));
    }

    /** Writes the pod's first status (Pending, its conditions) before anything ran, as it is now. */
    public void reportCreated() {
        publish(true);
    }

    /** Asks for a sync soon; cheap and safe from any thread. */
    public void wake() {
        dirty = true;
        if (scheduled.compareAndSet(false, true)) {
            ctx.io().execute(this::runSyncs);
        }
    }

    /**
     * Starts graceful deletion, once the store marked the pod deleted: containers get SIGTERM, then
     * SIGKILL after the grace period, then everything the pod created is removed and the deletion
     * is confirmed to the store.
     *
     * @param gracePeriod the grace period the store gave the deletion; a shorter one later wins
     */
    public synchronized void delete(Duration gracePeriod) {
        if (deleting) {
            if (gracePeriod.compareTo(grace) < 0) {
                grace = gracePeriod; // a shorter grace period wins, as with kubectl delete --grace-period
            }
            return;
        }
        deleting = true;
        grace = gracePeriod;
        wake();
    }

    /**
     * The store has a newer version of this pod: new labels or annotations, a deletion under way,
     * or new container images (the one part of a container that an update of a pod may change; the
     * store's update rules saw to that). A running container whose image changed is stopped (its
     * preStop hook first, within the grace period) and started again from the new image whatever
     * the restart policy, as the kubelet does when a container's definition changed; one that
     * waits (ImagePullBackOff, CrashLoopBackOff) tries the new image at once, since the kubelet's
     * back-offs are kept per image and definition.
     *
     * @param stored the pod as stored (a copy the worker keeps); its status is ignored
     */
    public void update(Pod stored) {
        Map<String, String> images = new HashMap<>();
        synchronized (this) {
            if (deleted || !newer(stored)) {
                return;
            }
            for (var c : Nulls.orEmpty(stored.getSpec().getInitContainers())) {
                changedImage(c, images);
            }
            for (var c : Nulls.orEmpty(stored.getSpec().getContainers())) {
                changedImage(c, images);
            }
            pod = new Pod(stored.getApiVersion(), stored.getKind(), stored.getMetadata(), stored.getSpec(), null);
        }
        if (!images.isEmpty()) {
            updateImages(images);
        }
        if (stored.getMetadata().getDeletionTimestamp() != null) {
            Long g = stored.getMetadata().getDeletionGracePeriodSeconds();
            delete(Duration.ofSeconds(g == null ? 0 : g));
        }
    }

    private boolean newer(Pod stored) {
        try {
            return Long.parseLong(stored.getMetadata().getResourceVersion()) > Long.parseLong(pod.getMetadata().getResourceVersion());
        } catch (NumberFormatException | NullPointerException noVersion) {
            return true;
        }
    }

    private void changedImage(io.fabric8.kubernetes.api.model.Container c, Map<String, String> images) {
        for (ContainerRecord r : all()) {
            if (r.name().equals(c.getName()) && !java.util.Objects.equals(c.getImage(), r.spec.getImage())) {
                images.put(c.getName(), c.getImage());
            }
        }
    }

    private void updateImages(Map<String, String> images) {
        List<Runnable> stops = new ArrayList<>();
        synchronized (this) {
            if (deleting) {
                return;
            }
            long grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : pod.getSpec().getTerminationGracePeriodSeconds();
            for (ContainerRecord r : all()) {
                String image = images.get(r.name());
                if (image == null || image.equals(r.spec.getImage())) {
                    continue;
                }
                r.spec = r.spec.toBuilder().withImage(image).build();
                r.pullFailedNanos = 0;
                r.pullBackOff.reset();
                r.createFailedNanos = 0;
                r.createBackOff.reset();
                r.crashBackOff.reset();
                if (r.running && r.containerId != null) {
                    r.definitionChanged = true;
                    r.stopProbes();
                    r.ready = false;
                    String id = r.containerId;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(grace);
                    events.normal("Killing", "kubelet", "Container " + r.name() + " definition changed, will be restarted");
                    stops.add(() -> stopToRestart(r, id, deadline));
                }
            }
        }
        stops.forEach(ctx.io()::execute);
        wake();
    }

    /**
     * A Docker event concerns this pod's containers.
     *
     * @param containerId the container
     * @param action the Docker action, such as {@code die}
     */
    public void dockerEvent(String containerId, String action) {
        // Only news about a current instance matters. Docker also reports what this worker did itself
        // (starting a container, removing an old instance); looking at Docker again for those would
        // only load the daemon while it starts the pod's next container.
        // A removal is "destroy" from Docker, "remove" from Podman.
        if (("die".equals(action) || "oom".equals(action) || "destroy".equals(action) || "remove".equals(action))
                && isCurrent(containerId)) {
            relist();
        }
    }

    private synchronized boolean isCurrent(String containerId) {
        if (containerId == null || containerId.equals(infraId)) {
            return true;
        }
        for (ContainerRecord r : all()) {
            if (containerId.equals(r.containerId)) {
                return true;
            }
        }
        return false;
    }

    /** Looks at what Docker reports of this pod's containers on the next sync. */
    public void relist() {
        observeRequested = true;
        wake();
    }

    /**
     * The periodic safety net: given the state of every container Docker reports (one listing for
     * all pods), looks closer only when a container this worker thinks is running is not.
     *
     * @param running the ids of the containers Docker reports running
     */
    public void relist(java.util.Set<String> running) {
        boolean changed;
        synchronized (this) {
            changed = (infraId != null && !running.contains(infraId))
                    || all().stream().anyMatch(r -> r.running && !r.busy && !running.contains(r.containerId));
            if (dockerUnreachable) {
                // Docker answered the engine's listing: it is back, and this pod's state is known again.
                dockerUnreachable = false;
                unreachableMessage = null;
                changed = true;
            }
        }
        if (changed) {
            relist();
        }
        // Otherwise nothing to do: back-off expiries, deadlines and probes have timers of their own.
    }

    /**
     * @param containerPort a declared container port
     * @return where it is published on the host, if it is
     */
    public synchronized Optional<InetSocketAddress> published(int containerPort) {
        return Optional.ofNullable(published.get(containerPort));
    }

    /**
     * @param container a container name
     * @param previous true for the instance before the current one
     * @return the Docker id of that container instance, if there is one
     */
    public synchronized Optional<String> containerId(String container, boolean previous) {
        for (ContainerRecord r : all()) {
            if (r.name().equals(container)) {
                return Optional.ofNullable(previous ? r.previousId : r.containerId);
            }
        }
        return Optional.empty();
    }

    /** @return true when the pod and its Docker objects are gone */
    public synchronized boolean isDeleted() {
        return deleted;
    }

    // ---------------------------------------------------------------- sync loop

    private void runSyncs() {
        try {
            while (true) {
                dirty = false;
                try {
                    sync();
                } catch (RuntimeException e) {
                    // Never lose a failure on a background thread: it becomes an event, and the next sync retries.
                    if (unreachable(e)) {
                        LOG.warn("pod {}: Docker does not answer: {}", key(), e.toString());
                    } else {
                        LOG.warn("pod {}: sync failed: {}", key(), e.toString(), e);
                    }
                    events.warning("FailedSync", "kubelet", "error syncing pod: " + e.getMessage());
                    observeRequested = true; // what Docker says next is what counts
                    publish(false);
                    schedule(Duration.ofSeconds(1));
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
        synchronized (this) {
            if (deleted) {
                return;
            }
        }
        if (isDeletingNow()) {
            teardown();
            return;
        }
        if (!schedule()) {
            return;
        }
        if (observeRequested) {
            // Only when Docker said something changed, or on the periodic relist: listing containers
            // on every sync would load the daemon while it is starting this very pod.
            observeRequested = false;
            observe();
        }
        synchronized (this) {
            if (deadlineExceeded()) {
                return;
            }
        }
        if (!ensureInfra()) {
            publish(false);
            return;
        }
        synchronized (this) {
            if (failedReason != null) {
                publish(false);
                return;
            }
            long now = System.nanoTime();
            long nextWake = Long.MAX_VALUE;
            boolean initDone = true;
            for (ContainerRecord r : inits) {
                if (r.role == Role.SIDECAR) {
                    nextWake = Math.min(nextWake, reconcile(r, true, now));
                    if (!r.started) {
                        initDone = false;
                        break;
                    }
                    continue;
                }
                if (r.succeeded()) {
                    continue;
                }
                initDone = false;
                if (r.exited() && "Never".equals(pod.getSpec().getRestartPolicy())) {
                    break; // a failed init container under Never fails the pod: StatusBuilder reports it
                }
                nextWake = Math.min(nextWake, reconcile(r, !"Never".equals(pod.getSpec().getRestartPolicy()), now));
                break;
            }
            if (initDone) {
                for (ContainerRecord r : apps) {
                    nextWake = Math.min(nextWake, reconcile(r, shouldRestart(r), now));
                }
            }
            if (!starts.isEmpty()) {
                startBatch(new ArrayList<>(starts));
                starts.clear();
            }
            if (nextWake != Long.MAX_VALUE) {
                schedule(Duration.ofNanos(Math.max(1_000_000, nextWake)));
            }
            scheduleDeadline();
            publish(false);
        }
    }

    /** @return true when the pod is bound to the node; else it stays Pending, Unschedulable */
    private boolean schedule() {
        synchronized (this) {
            if (unschedulable == null && scheduledOnce) {
                return true;
            }
        }
        String why = ctx.placement().unschedulable(pod());
        synchronized (this) {
            if (why != null) {
                if (!why.equals(unschedulable)) {
                    events.warning("FailedScheduling", "default-scheduler", why);
                }
                unschedulable = why;
                publish(false);
                return false;
            }
            unschedulable = null;
            scheduledOnce = true;
        }
        if (!ctx.nodeName().equals(pod.getSpec().getNodeName())) {
            ctx.sink().bind(pod, ctx.nodeName());
            synchronized (this) {
                var spec = pod.getSpec().toBuilder().withNodeName(ctx.nodeName()).build();
                pod = new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), spec, null);
            }
        }
        events.normal("Scheduled", "default-scheduler",
                "Successfully assigned " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + ctx.nodeName());
        return true;
    }

    /** @return the scheduler's message while the pod does not fit the node, else null */
    synchronized String unschedulable() {
        return scheduledOnce ? null : unschedulable == null ? "" : unschedulable;
    }

    private synchronized boolean isDeletingNow() {
        return deleting && !deleted;
    }

    /** @return true when the container should be started again after exiting */
    private boolean shouldRestart(ContainerRecord r) {
        String policy = pod.getSpec().getRestartPolicy();
        if (!r.exited()) {
            return true;
        }
        return switch (policy == null ? "Always" : policy) {
            case "Never" -> false;
            case "OnFailure" -> !r.succeeded();
            default -> true;
        };
    }

    /**
     * Decides for one container: start it, restart it after back-off, or leave it.
     *
     * @return nanoseconds until this container wants another look, or Long.MAX_VALUE
     */
    private long reconcile(ContainerRecord r, boolean restartable, long now) {
        if (r.busy || r.running) {
            return Long.MAX_VALUE;
        }
        if (r.containerId != null && r.exited() && r.definitionChanged) {
            r.definitionChanged = false;
            r.busy = true;
            starts.add(r);
            return Long.MAX_VALUE;
        }
        if (r.containerId != null && r.exited()) {
            if (!restartable) {
                return Long.MAX_VALUE;
            }
            long wait = r.crashBackOff.remaining(r.terminatedNanos, now);
            if (wait > 0) {
                r.waitingReason = "CrashLoopBackOff";
                r.waitingMessage = "back-off " + seconds(r.crashBackOff.current()) + " restarting failed container="
                        + r.name() + " pod=" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "("
                        + pod.getMetadata().getUid() + ")";
                events.warning("BackOff", "kubelet", "Back-off restarting failed container " + r.name() + " in pod "
                        + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")");
                return wait;
            }
            r.crashBackOff.next(now);
        }
        if (r.pullFailedNanos != 0) {
            long wait = r.pullBackOff.remaining(r.pullFailedNanos, now);
            long shown = now - r.pullFailedNanos;
            if (wait > 0 && shown < ERR_IMAGE_PULL_SHOWN_NANOS) {
                // ErrImagePull stays visible for a moment, as on a node, before the back-off shows.
                return Math.min(wait, ERR_IMAGE_PULL_SHOWN_NANOS - shown);
            }
            if (wait > 0) {
                r.waitingReason = "ImagePullBackOff";
                r.waitingMessage = "Back-off pulling image \"" + r.spec.getImage() + "\"";
                // The kubelet's pair for a sync in back-off: the image manager's BackOff and the failed start's "Error:".
                events.normal("BackOff", "kubelet", "Back-off pulling image \"" + r.spec.getImage() + "\"");
                events.warning("Failed", "kubelet", "Error: ImagePullBackOff");
                return wait;
            }
        }
        if (r.createFailedNanos != 0) {
            // A failed create is retried after the back-off base, as the kubelet's pod worker requeues a failed
            // sync; retrying at once (a wake after each failure) spun a worker thousands of times a second.
            long wait = r.createBackOff.remaining(r.createFailedNanos, now);
            if (wait > 0) {
                return wait;
            }
        }
        r.busy = true;
        starts.add(r);
        return Long.MAX_VALUE;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            long s = ms / 1000;
            return s >= 60 && s % 60 == 0 ? (s / 60) + "m0s" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
        }
        return ms + "ms";
    }

    // ---------------------------------------------------------------- infra

    /** @return true when the infra container runs and containers may join it */
    private boolean ensureInfra() {
        synchronized (this) {
            if (infraId != null && !infraFailed) {
                return true;
            }
            if (infraBusy || sandboxFinal) {
                return false;
            }
            long wait = infraBackOff.remaining(infraFailedAt, System.nanoTime());
            if (infraFailed && wait > 0) {
                // Removing the failed sandbox makes Docker report it destroyed, which wakes this worker
                // at once: without this check a broken sandbox would be retried in a tight loop.
                schedule(Duration.ofNanos(wait));
                return false;
            }
            infraBusy = true;
        }
        DockerClient docker = ctx.docker().client();
        try {
            String image = ctx.images().pause();
            var spec = pod.getSpec();
            boolean hostNetwork = Boolean.TRUE.equals(spec.getHostNetwork());
            Ports bindings = new Ports();
            List<ExposedPort> exposed = new ArrayList<>();
            for (ContainerPort p : allPorts()) {
                ExposedPort e = "UDP".equals(p.getProtocol()) ? ExposedPort.udp(p.getContainerPort())
                        : "SCTP".equals(p.getProtocol()) ? ExposedPort.sctp(p.getContainerPort()) : ExposedPort.tcp(p.getContainerPort());
                exposed.add(e);
                if (!hostNetwork) {
                    String ip = p.getHostIP() != null && !p.getHostIP().isEmpty() ? p.getHostIP() : "127.0.0.1";
                    Integer hostPort = p.getHostPort() != null && p.getHostPort() > 0 ? p.getHostPort() : null;
                    bindings.bind(e, hostPort == null ? Ports.Binding.bindIp(ip) : Ports.Binding.bindIpAndPort(ip, hostPort));
                }
            }
            List<String> extraHosts = new ArrayList<>();
            for (var alias : Nulls.orEmpty(spec.getHostAliases())) {
                for (String h : Nulls.orEmpty(alias.getHostnames())) {
                    extraHosts.add(h + ":" + alias.getIp());
                }
            }
            Map<String, String> volumeLabels = labels(Labels.INFRA_CONTAINER, Role.INFRA, sandboxAttempt);
            List<com.github.dockerjava.api.model.Bind> volumeBinds = Volumes.prepare(docker, pod, volumeLabels, ctx.docker().isLocal());
            HostConfig host = HostConfig.newHostConfig()
                    .withBinds(volumeBinds)
                    .withNetworkMode(hostNetwork ? "host" : ctx.network().name())
                    .withIpcMode(Boolean.TRUE.equals(spec.getHostIPC()) ? "host" : "shareable")
                    .withPortBindings(bindings)
                    .withExtraHosts(extraHosts.toArray(String[]::new));
            PodDns.Settings dns = PodDns.sandbox(pod, ctx.docker().isLocal());
            host.withDns(dns.nameservers()).withDnsSearch(dns.searches()).withDnsOptions(dns.options());
            if (Boolean.TRUE.equals(spec.getHostPID())) {
                host.withPidMode("host");
            }
            Map<String, String> labels = labels(Labels.INFRA_CONTAINER, Role.INFRA, sandboxAttempt);
            CreateContainerCmd create = docker.createContainerCmd(image)
                    .withName(dockerName(Labels.INFRA_CONTAINER, sandboxAttempt))
                    .withLabels(labels)
                    .withExposedPorts(exposed)
                    .withHostConfig(host);
            if (!hostNetwork) {
                create.withHostName(hostname());
                if (spec.getSubdomain() != null && !spec.getSubdomain().isEmpty()) {
                    create.withDomainName(spec.getSubdomain() + "." + pod.getMetadata().getNamespace() + ".svc.cluster.local");
                }
            }
            String id = create.exec().getId();
            synchronized (this) {
                infraId = id;
            }
            createAhead();
            docker.startContainerCmd(id).exec();
            Volumes.populate(docker, id, pod, ctx.objects());
            // Listed, not inspected: the list's smaller answer is what a cold JVM has already learnt to
            // read (an inspect's first reading cost a cold test run ~100 ms), and it has the IP and ports.
            Container listed = docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().stream()
                    .findFirst().orElseThrow(() -> new IllegalStateException("infra container " + id + " vanished as it started"));
            String gateway = ctx.node().address();
            synchronized (this) {
                cachedHostIP = gateway;
                infraFailed = false;
                infraBackOff.reset();
                infraWaitingMessage = null;
                startTime = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                var networks = listed.getNetworkSettings() == null ? null : listed.getNetworkSettings().getNetworks();
                if (hostNetwork) {
                    podIP = gateway;
                } else {
                    podIP = ctx.network().addressIn(networks);
                }
                published.clear();
                for (ContainerPort p : allPorts()) {
                    if (hostNetwork) {
                        published.put(p.getContainerPort(), new InetSocketAddress("127.0.0.1", p.getContainerPort()));
                        continue;
                    }
                    String protocol = p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(java.util.Locale.ROOT);
                    for (var b : listed.getPorts() == null ? new com.github.dockerjava.api.model.ContainerPort[0] : listed.getPorts()) {
                        boolean ipv6 = b.getIp() != null && b.getIp().contains(":");
                        if (b.getPublicPort() != null && !ipv6 && p.getContainerPort().equals(b.getPrivatePort())
                                && protocol.equals(b.getType())) {
                            String ip = b.getIp() == null || b.getIp().isEmpty() || "0.0.0.0".equals(b.getIp()) ? "127.0.0.1" : b.getIp();
                            published.put(p.getContainerPort(), new InetSocketAddress(ip, b.getPublicPort()));
                            break;
                        }
                    }
                }
                infraBusy = false;
            }
            return true;
        } catch (RuntimeException | ContainerConfigException e) {
            // Any failure, also a connection to Docker that broke: leaving infraBusy set would strand the pod.
            String message = dockerMessage(e);
            LOG.warn("pod {}: cannot start the infra container: {}", key(), message);
            if (e instanceof RuntimeException r && unreachable(r)) {
                synchronized (this) {
                    observeRequested = true;
                }
                markUnreachable(r);
            }
            synchronized (this) {
                infraBusy = false;
                infraFailed = true;
                infraFailedAt = System.nanoTime();
                infraBackOff.next(infraFailedAt);
                infraWaitingMessage = message;
                discardAhead();
                if (infraId != null) {
                    String id = infraId;
                    infraId = null;
                    removeLater(id);
                }
            }
            if (e instanceof ContainerConfigException) {
                events.warning("FailedMount", "kubelet", message);
            } else {
                events.warning("FailedCreatePodSandBox", "kubelet", "Failed to create pod sandbox: " + message);
            }
            if (message != null && message.contains("network") && message.contains("not found")) {
                // Another engine removed the shared network as its last pod left: bring it back.
                ctx.io().execute(() -> {
                    try {
                        ctx.network().ensure();
                    } catch (RuntimeException stillFailing) {
                        LOG.debug("pod {}: network not restored yet: {}", key(), stillFailing.toString());
                    }
                });
            }
            synchronized (this) {
                schedule(Duration.ofNanos(Math.max(1_000_000, infraBackOff.remaining(infraFailedAt, System.nanoTime()))));
            }
            return false;
        }
    }

    private List<ContainerPort> allPorts() {
        List<ContainerPort> ports = new ArrayList<>();
        for (var c : Nulls.orEmpty(pod.getSpec().getInitContainers())) {
            ports.addAll(Nulls.orEmpty(c.getPorts()));
        }
        for (var c : Nulls.orEmpty(pod.getSpec().getContainers())) {
            ports.addAll(Nulls.orEmpty(c.getPorts()));
        }
        return ports;
    }

    private String hostname() {
        String h = pod.getSpec().getHostname() != null && !pod.getSpec().getHostname().isEmpty() ? pod.getSpec().getHostname() : pod.getMetadata().getName();
        if (h.length() > 63) {
            h = h.substring(0, 63);
        }
        while (h.endsWith("-") || h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    // ---------------------------------------------------------------- containers

    private void startContainer(ContainerRecord r) {
        DockerClient docker = ctx.docker().client();
        try {
            if (!ensureImage(r)) {
                return;
            }
            Map<String, String> env;
            Pod current;
            synchronized (this) {
                current = withStatus(pod, new PodStatusBuilder().withPodIP(podIP).withHostIP(hostIPCached()).build());
            }
            try {
                env = new EnvResolver(current, ctx.nodeName(), ctx.objects()).resolve(r.spec);
            } catch (ContainerConfigException e) {
                synchronized (this) {
                    r.waitingReason = "CreateContainerConfigError";
                    r.waitingMessage = e.getMessage();
                    r.busy = false;
                    createFailed(r);
                }
                events.warning("Failed", "kubelet", "Error: " + e.getMessage());
                schedule(ctx.backOffBase());
                return;
            }
            int attempt;
            synchronized (this) {
                attempt = r.restartCount + (r.containerId != null ? 1 : 0);
            }
            String id = attempt == 0 ? takeAhead(r) : null;
            try {
                if (id == null) {
                    java.nio.file.Path messageFile = TerminationMessages.hostFile(ctx.docker().isLocal(), current, r.name(), attempt);
                    synchronized (this) {
                        r.terminationFile = messageFile;
                    }
                    id = ContainerFactory.create(docker, current, r, infraId(), env,
                            labels(r.name(), r.role, attempt), dockerName(r.name(), attempt), ctx.docker(), messageFile,
                            ctx.node().seccompDir());
                }
            } catch (ContainerConfigException e) {
                synchronized (this) {
                    r.waitingReason = "CreateContainerConfigError";
                    r.waitingMessage = e.getMessage();
                    createFailed(r);
                }
                events.warning("Failed", "kubelet", "Error: " + e.getMessage());
                schedule(ctx.backOffBase());
                return;
            }
            synchronized (this) {
                if (deleting) {
                    // Deletion began while this container was being created: it must not outlive the pod.
                    r.busy = false;
                    String orphan = id;
                    removeLater(orphan);
                    return;
                }
            }
            events.normal("Created", "kubelet", "Created container: " + r.name());
            synchronized (this) {
                r.createFailedNanos = 0;
                r.createBackOff.reset();
            }
            try {
                docker.startContainerCmd(id).exec();
            } catch (DockerException e) {
                startFailed(r, id, dockerMessage(e));
                return;
            }
            if (r.spec.getLifecycle() != null && r.spec.getLifecycle().getPostStart() != null) {
                // The container is not Running until its postStart hook completes; a failed hook kills it.
                String failure = Hooks.run(ctx.prober(), r.spec.getLifecycle().getPostStart(), target(r, id), Duration.ofMinutes(2));
                if (failure != null) {
                    events.warning("FailedPostStartHook", "kubelet", failure);
                    events.normal("Killing", "kubelet", "FailedPostStartHook");
                    stopQuietly(id, 0);
                }
            }
            // No inspect here: a container that already ended is reported by Docker's die event.
            Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            String old;
            synchronized (this) {
                old = r.previousId;
                if (r.containerId != null) {
                    r.previousId = r.containerId;
                    r.lastTerminated = r.terminated;
                    r.restartCount++;
                } else {
                    old = null;
                }
                r.containerId = id;
                r.imageId = ctx.images().id(r.spec.getImage());
                r.terminated = null;
                r.waitingReason = null;
                r.waitingMessage = null;
                r.running = true;
                r.started = r.spec.getStartupProbe() == null;
                r.ready = r.started && r.spec.getReadinessProbe() == null;
                r.startedAt = startedAt;
                r.busy = false;
                startProbes(r, id);
            }
            events.normal("Started", "kubelet", "Started container " + r.name());
            if (old != null) {
                String stale = old;
                removeLater(stale);
            }
        } catch (DockerException | IllegalStateException e) {
            String message = dockerMessage(e);
            if (message.contains("No such image")) {
                ctx.images().forget(r.spec.getImage()); // removed behind our back: look again next time
            }
            synchronized (this) {
                r.waitingReason = "CreateContainerError";
                r.waitingMessage = message;
                r.busy = false;
                r.pullFailedNanos = 0;
                createFailed(r);
            }
            events.warning("Failed", "kubelet", "Error: " + message);
            schedule(ctx.backOffBase());
        } finally {
            synchronized (this) {
                r.busy = false;
                notifyAll();
            }
            wake();
        }
    }

    /**
     * Starts the containers one sync picked. The kubelet starts them one after another in spec
     * order, and what a pod can observe of that order is one rule: a container's postStart hook
     * completes before the next container starts. So the containers between two hooks start at
     * once: containers that join one pod's namespaces overlap well on the daemon (the reference
     * pod is Ready about 90 ms sooner on two cores than with one start after the other).
     */
    private void startBatch(List<ContainerRecord> batch) {
        ctx.io().execute(() -> {
            int from = 0;
            while (from < batch.size()) {
                int to = from;
                while (to < batch.size() - 1 && !hasPostStart(batch.get(to))) {
                    to++;
                }
                List<CompletableFuture<Void>> others = new ArrayList<>();
                for (ContainerRecord r : batch.subList(from + 1, to + 1)) {
                    others.add(CompletableFuture.runAsync(() -> startContainer(r), ctx.io()));
                }
                startContainer(batch.get(from));
                others.forEach(CompletableFuture::join);
                from = to + 1;
            }
        });
    }

    private static boolean hasPostStart(ContainerRecord r) {
        return r.spec.getLifecycle() != null && r.spec.getLifecycle().getPostStart() != null;
    }

    /** Under the lock: a create failed; the next try waits for the create back-off. */
    private void createFailed(ContainerRecord r) {
        long now = System.nanoTime();
        r.createFailedNanos = now;
        r.createBackOff.next(now);
    }

    /**
     * A container was created but Docker could not start it (a capability the daemon may not grant,
     * a missing binary): as the kubelet, that instance ended with StartError, exit code 128, and the
     * restart policy and crash back-off decide the next one, which is a new container counted as a
     * restart. Left as "not created", the next reconcile re-created it under the same name: a Conflict,
     * retried in a tight loop, and the created container was never removed.
     */
    private void startFailed(ContainerRecord r, String id, String message) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String stale = null;
        synchronized (this) {
            if (r.containerId != null) {
                stale = r.previousId;
                r.previousId = r.containerId;
                r.lastTerminated = r.terminated;
                r.restartCount++;
            }
            r.containerId = id;
            r.running = false;
            r.started = false;
            r.ready = false;
            r.startedAt = null;
            r.terminated = new ContainerStateTerminatedBuilder().withExitCode(128).withReason("StartError").withMessage(message)
                    .withStartedAt(Timestamps.time(Instant.EPOCH)).withFinishedAt(Timestamps.time(now))
                    .withContainerID("docker://" + id).build();
            r.terminatedNanos = System.nanoTime();
            // Shown terminated (StartError) until the restart policy decides: a restart, CrashLoopBackOff, or the end.
            r.waitingReason = null;
            r.waitingMessage = null;
            r.busy = false;
        }
        events.warning("Failed", "kubelet", "Error: " + message);
        if (stale != null) {
            String old = stale;
            removeLater(old);
        }
    }

    // ---------------------------------------------------------------- creating ahead

    /**
     * Creates the containers that will start first while the daemon starts the infra container,
     * which is the slow step (network namespace, veth, iptables, port proxies): Docker accepts a
     * container joining the namespaces of one not yet running, and the kubelet's order is kept
     * because nothing starts before the infra container runs. Only first instances whose image is
     * present and whose environment does not need the pod IP; anything else is created as usual.
     */
    private void createAhead() {
        List<ContainerRecord> first = new ArrayList<>();
        Pod current;
        String infra;
        synchronized (this) {
            if (inits.isEmpty()) {
                first.addAll(apps);
            } else {
                first.add(inits.get(0));
            }
            current = withStatus(pod, new PodStatusBuilder().withHostIP(ctx.node().address()).build());
            infra = infraId;
        }
        for (ContainerRecord r : first) {
            String policy = r.spec.getImagePullPolicy() == null ? "IfNotPresent" : r.spec.getImagePullPolicy();
            boolean needsPodIP = Nulls.orEmpty(r.spec.getEnv()).stream().anyMatch(e -> e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null
                    && e.getValueFrom().getFieldRef().getFieldPath().startsWith("status.podIP"));
            synchronized (this) {
                if (r.containerId != null || r.ahead != null || needsPodIP || "Always".equals(policy)) {
                    continue;
                }
            }
            CompletableFuture<String> ahead = CompletableFuture.supplyAsync(() -> {
                try {
                    if (!ctx.images().present(r.spec.getImage())) {
                        return null;
                    }
                    Map<String, String> env = new EnvResolver(current, ctx.nodeName(), ctx.objects()).resolve(r.spec);
                    java.nio.file.Path messageFile = TerminationMessages.hostFile(ctx.docker().isLocal(), current, r.name(), 0);
                    String id = ContainerFactory.create(ctx.docker().client(), current, r, infra, env,
                            labels(r.name(), r.role, 0), dockerName(r.name(), 0), ctx.docker(), messageFile, ctx.node().seccompDir());
                    synchronized (this) {
                        if (deleting) {
                            removeLater(id); // teardown may have listed before it existed
                            return null;
                        }
                        r.terminationFile = messageFile;
                    }
                    return id;
                } catch (ContainerConfigException | RuntimeException e) {
                    // The usual path will meet the same problem and report it properly.
                    LOG.debug("pod {}: container {} not created ahead: {}", key(), r.name(), e.toString());
                    return null;
                }
            }, ctx.io());
            synchronized (this) {
                r.ahead = ahead;
            }
        }
    }

    /** @return the id of this container's instance created ahead, or null to create it now */
    private String takeAhead(ContainerRecord r) {
        CompletableFuture<String> ahead;
        synchronized (this) {
            ahead = r.ahead;
            r.ahead = null;
        }
        return ahead == null ? null : ahead.join();
    }

    /** The infra container failed: containers created to join it are of no use. */
    private void discardAhead() {
        for (ContainerRecord r : all()) {
            CompletableFuture<String> ahead = r.ahead;
            r.ahead = null;
            if (ahead != null) {
                track(ahead.thenAccept(id -> {
                    if (id != null) {
                        removeQuietly(id);
                    }
                }));
            }
        }
    }

    private synchronized String hostIPCached() {
        return cachedHostIP;
    }

    private synchronized String infraId() {
        return infraId;
    }

    /** @return true when the image is there; else the record says why not (ErrImagePull, ...) */
    private boolean ensureImage(ContainerRecord r) {
        String image = r.spec.getImage();
        try {
            ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            synchronized (this) {
                r.waitingReason = "InvalidImageName";
                r.waitingMessage = "Failed to apply default image tag \"" + image + "\": couldn't parse image name \""
                        + image + "\": " + e.getMessage();
                r.busy = false;
            }
            events.warning("InspectFailed", "kubelet", r.waitingMessage);
            return false;
        }
        PullSecrets secrets = PullSecrets.of(pod, ctx.objects()::secret);
        if (secrets.missing() != null) {
            events.warning(PullSecrets.FAILED_REASON, "kubelet", secrets.missing());
        }
        String policy = r.spec.getImagePullPolicy() == null ? "IfNotPresent" : r.spec.getImagePullPolicy();
        boolean present = ctx.images().present(image);
        if (present && !"Always".equals(policy)) {
            // Said at every start, restarts included, as the kubelet's image manager does: describe shows "(xN over ...)".
            events.normal("Pulled", "kubelet", "Container image \"" + image + "\" already present on machine");
            return true;
        }
        if ("Never".equals(policy)) {
            synchronized (this) {
                r.waitingReason = "ErrImageNeverPull";
                r.waitingMessage = "Container image \"" + image + "\" is not present with pull policy of Never";
                r.busy = false;
            }
            events.warning("ErrImageNeverPull", "kubelet", r.waitingMessage);
            schedule(ctx.backOffBase());
            return false;
        }
        events.normal("Pulling", "kubelet", "Pulling image \"" + image + "\"");
        long t0 = System.nanoTime();
        try {
            ctx.images().pull(image, secrets.keyring().lookup(image));
            events.normal("Pulled", "kubelet", "Successfully pulled image \"" + image + "\" in "
                    + Duration.ofNanos(System.nanoTime() - t0).toMillis() + "ms");
            synchronized (this) {
                r.pullFailedNanos = 0;
                r.pullBackOff.reset();
            }
            return true;
        } catch (RuntimeException e) {
            String message = "Failed to pull image \"" + image + "\": " + dockerMessage(e);
            synchronized (this) {
                r.waitingReason = "ErrImagePull";
                r.waitingMessage = message;
                long now = System.nanoTime();
                r.pullFailedNanos = now;
                r.pullBackOff.next(now);
                r.busy = false;
            }
            events.warning("Failed", "kubelet", message);
            events.warning("Failed", "kubelet", "Error: ErrImagePull");
            publish(false);
            return false;
        }
    }

    /** Reads what Docker says of the pod's containers and records exits. */
    private void observe() {
        List<ContainerRecord> check = new ArrayList<>();
        String infra;
        synchronized (this) {
            for (ContainerRecord r : all()) {
                if (r.running && !r.busy) {
                    check.add(r);
                }
            }
            infra = infraId;
        }
        if (check.isEmpty() && infra == null) {
            return;
        }
        Map<String, Container> byId = new HashMap<>();
        for (Container c : ctx.docker().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.POD_UID, pod.getMetadata().getUid())).exec()) {
            byId.put(c.getId(), c);
        }
        synchronized (this) {
            dockerUnreachable = false;
            unreachableMessage = null;
        }
        for (ContainerRecord r : check) {
            Container c = byId.get(r.containerId);
            if (c != null && "running".equals(c.getState())) {
                continue;
            }
            InspectContainerResponse inspect = null;
            try {
                inspect = ctx.docker().client().inspectContainerCmd(r.containerId).exec();
            } catch (NotFoundException gone) {
                // Removed behind our back: it ended; the kubelet would report it as unknown-exit.
            }
            if (inspect != null && Boolean.TRUE.equals(inspect.getState().getRunning())) {
                continue;
            }
            ContainerStateTerminated t = inspect != null ? withMessage(terminated(inspect), r) : removedOutside(r.containerId);
            recordEnd(r, t);
            LOG.debug("pod {}: container {} exited with {}", key(), r.name(), t.getExitCode());
        }
        List<ContainerRecord> orphaned = new ArrayList<>();
        if (infra != null && !byId.containsKey(infra) || infra != null && byId.get(infra) != null
                && !"running".equals(byId.get(infra).getState())) {
            synchronized (this) {
                // The sandbox died: the kubelet kills and recreates every container of the pod.
                LOG.warn("pod {}: the infra container stopped; re-creating the pod's containers", key());
                boolean ran = all().stream().anyMatch(r -> r.containerId != null);
                if ("Never".equals(pod.getSpec().getRestartPolicy()) && ran) {
                    // As the kubelet: a pod that must not restart gets no new sandbox once its containers ran;
                    // they are over, and the phase follows from how they ended.
                    sandboxFinal = true;
                } else {
                    events.normal("SandboxChanged", "kubelet", "Pod sandbox changed, it will be killed and re-created.");
                }
                sandboxAttempt++;
                podIP = null;
                infraId = null;
                String old = infra;
                removeLater(old);
                for (ContainerRecord r : all()) {
                    if (r.running && !r.busy) {
                        orphaned.add(r);
                    }
                }
            }
        }
        // The containers that outlived their sandbox are killed, as the kubelet kills them, and their end
        // is recorded: under restartPolicy Never that end decides the phase.
        for (ContainerRecord r : orphaned) {
            String id = r.containerId;
            stopQuietly(id, 0);
            ContainerStateTerminated t;
            try {
                t = withMessage(terminated(ctx.docker().client().inspectContainerCmd(id).exec()), r);
            } catch (NotFoundException gone) {
                t = removedOutside(id);
            }
            recordEnd(r, t);
        }
    }

    /** The end the kubelet reports for a container that vanished: it cannot know how it ended. */
    private static ContainerStateTerminated removedOutside(String containerId) {
        return new ContainerStateTerminatedBuilder().withExitCode(137).withReason("Error")
                .withMessage("container removed outside pod4j").withContainerID("docker://" + containerId).build();
    }

    /** Records that a container instance ended: its probes stop and it waits for the restart policy. */
    private synchronized void recordEnd(ContainerRecord r, ContainerStateTerminated t) {
        r.stopProbes();
        r.started = false;
        r.running = false;
        r.ready = false;
        r.terminated = t;
        r.terminatedNanos = System.nanoTime();
        r.waitingReason = null;
        r.waitingMessage = null;
    }

    private ContainerStateTerminated withMessage(ContainerStateTerminated t, ContainerRecord r) {
        String containerId = t.getContainerID() == null ? r.containerId : t.getContainerID().substring("docker://".length());
        String message = TerminationMessages.read(ctx.docker().client(), containerId, r.spec, t.getExitCode(), r.terminationFile);
        return message == null || message.isEmpty() ? t : t.toBuilder().withMessage(message).build();
    }

    private static ContainerStateTerminated terminated(InspectContainerResponse inspect) {
        var state = inspect.getState();
        int code = state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue();
        String reason = Boolean.TRUE.equals(state.getOOMKilled()) ? "OOMKilled" : code == 0 ? "Completed" : "Error";
        return new ContainerStateTerminatedBuilder()
                .withExitCode(code)
                .withReason(reason)
                .withStartedAt(Timestamps.time(parseTime(state.getStartedAt())))
                .withFinishedAt(Timestamps.time(parseTime(state.getFinishedAt())))
                .withContainerID("docker://" + inspect.getId())
                .build();
    }

    static Instant parseTime(String dockerTime) {
        if (dockerTime == null || dockerTime.startsWith("0001-")) {
            return null;
        }
        try {
            return Instant.parse(dockerTime).truncatedTo(ChronoUnit.SECONDS);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- deadlines, deletion

    private boolean deadlineExceeded() {
        Long deadline = pod.getSpec().getActiveDeadlineSeconds();
        if (deadline == null || startTime == null || failedReason != null) {
            return failedReason != null && "DeadlineExceeded".equals(failedReason);
        }
        if (Instant.now().isAfter(startTime.plusSeconds(deadline))) {
            failedReason = "DeadlineExceeded";
            failedMessage = "Pod was active on the node longer than the specified deadline";
            events.normal("DeadlineExceeded", "kubelet", failedMessage);
            for (ContainerRecord r : all()) {
                if (r.running && r.containerId != null) {
                    String id = r.containerId;
                    long g = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : pod.getSpec().getTerminationGracePeriodSeconds();
                    ctx.io().execute(() -> stopQuietly(id, (int) g));
                }
            }
            publish(false);
            return true;
        }
        return false;
    }

    private void scheduleDeadline() {
        Long deadline = pod.getSpec().getActiveDeadlineSeconds();
        if (deadline != null && startTime != null && failedReason == null) {
            long ms = Duration.between(Instant.now(), startTime.plusSeconds(deadline)).toMillis();
            ctx.timer().schedule(this::wake, Math.max(0, ms) + 50, TimeUnit.MILLISECONDS);
        }
    }

    private void teardown() {
        awaitIdle();
        List<String> appIds = new ArrayList<>();
        List<String> sidecarIds = new ArrayList<>();
        List<String> everything = new ArrayList<>();
        Duration g;
        synchronized (this) {
            g = grace;
            for (ContainerRecord r : apps) {
                if (r.running) {
                    appIds.add(r.containerId);
                }
            }
            for (int i = inits.size() - 1; i >= 0; i--) {
                ContainerRecord r = inits.get(i);
                if (r.running) {
                    sidecarIds.add(r.containerId);
                }
            }
        }
        long deadline = System.nanoTime() + g.toNanos();
        synchronized (this) {
            all().forEach(ContainerRecord::stopProbes);
        }
        List<Runnable> preStops = new ArrayList<>();
        for (String id : appIds) {
            String name = nameOf(id);
            if (name != null) {
                events.normal("Killing", "kubelet", "Stopping container " + name);
                ContainerRecord r = record(name);
                if (r != null && r.spec.getLifecycle() != null && r.spec.getLifecycle().getPreStop() != null && !g.isZero()) {
                    preStops.add(() -> runPreStop(r, id, deadline));
                }
            }
        }
        allAtOnce(preStops);
        if (!g.isZero()) {
            // With no grace period there is nothing to wait for: the forced removal below kills every
            // container and the sandbox at once (SIGKILL), which is what a stop with timeout 0 does
            // too, one step and the sandbox's network teardown later.
            stopAll(appIds, deadline);
        }
        for (String id : sidecarIds) {
            // Sidecars are told to stop after the app containers ended, each with its own Killing event.
            String name = nameOf(id);
            if (name != null) {
                events.normal("Killing", "kubelet", "Stopping container " + name);
            }
        }
        if (!g.isZero()) {
            stopAll(sidecarIds, deadline);
        }
        // Everything labelled with this pod's uid goes, including instances we lost track of; the
        // containers we know of go at once, while Docker lists the others (a listing less on the way).
        synchronized (this) {
            for (ContainerRecord r : all()) {
                if (r.containerId != null) {
                    everything.add(r.containerId);
                }
            }
            if (infraId != null) {
                everything.add(infraId);
            }
        }
        // A container still being removed is no lost one, and it still holds the pod's volumes.
        awaitRemovals();
        CompletableFuture<List<String>> labelled = CompletableFuture.supplyAsync(() -> ctx.docker().client().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(Labels.POD_UID, pod.getMetadata().getUid())).exec().stream()
                .map(Container::getId).toList(), ctx.io());
        Queue<String> refused = new ConcurrentLinkedQueue<>();
        allAtOnce(everything.stream().<Runnable>map(id -> () -> removeOrNote(id, refused)).toList());
        List<String> listed;
        try {
            listed = labelled.join();
        } catch (java.util.concurrent.CompletionException e) {
            // As if listed here: Docker's own exception, so a daemon that stopped answering is recognized.
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        List<String> lost = listed.stream().filter(id -> !everything.contains(id)).toList();
        allAtOnce(lost.stream().<Runnable>map(id -> () -> removeOrNote(id, refused)).toList());
        awaitRemovals();
        // Podman refuses to remove a container others joined (the sandbox) while they exist; now they are gone.
        refused.forEach(this::removeQuietly);
        if (Nulls.orEmpty(pod.getSpec().getVolumes()).stream().anyMatch(v -> v.getHostPath() == null)) {
            Volumes.removeAll(ctx.docker().client(), pod.getMetadata().getUid()); // only spec volumes other than hostPath make Docker volumes
        }
        TerminationMessages.removeAll(pod);
        synchronized (this) {
            deleted = true;
            for (ContainerRecord r : all()) {
                r.running = false;
            }
        }
        if (wakeUp != null) {
            wakeUp.cancel(false);
        }
        ctx.sink().removed(pod());
    }

    /** Waits (briefly) for creates and starts under way, so none lands after the teardown looked. */
    private void awaitIdle() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (all().stream().noneMatch(r -> r.busy)) {
                    return;
                }
                try {
                    wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void stopAll(List<String> ids, long deadlineNanos) {
        if (ids.isEmpty()) {
            return;
        }
        int seconds = (int) Math.max(0, Math.ceil((deadlineNanos - System.nanoTime()) / 1e9));
        allAtOnce(ids.stream().<Runnable>map(id -> () -> stopQuietly(id, seconds)).toList());
    }

    /**
     * Runs the steps at the same time and waits for all. Not a parallel stream: the common pool has
     * one thread per core less than the machine, so on two cores the third removal waited for the
     * first two, and it was the sandbox's, the slowest.
     */
    private void allAtOnce(List<Runnable> steps) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Runnable step : steps.subList(Math.min(1, steps.size()), steps.size())) {
            running.add(CompletableFuture.runAsync(step, ctx.io()));
        }
        if (!steps.isEmpty()) {
            steps.get(0).run();
        }
        running.forEach(CompletableFuture::join);
    }

    private synchronized String nameOf(String id) {
        for (ContainerRecord r : all()) {
            if (id.equals(r.containerId)) {
                return r.name();
            }
        }
        return null;
    }

    private void stopQuietly(String id, int seconds) {
        try {
            ctx.docker().client().stopContainerCmd(id).withTimeout(seconds).exec();
        } catch (DockerException e) {
            LOG.debug("stop {}: {}", id, e.getMessage());
        }
    }

    /** Removes a container on the pool; the teardown waits for it before it removes the pod's volumes. */
    private void removeLater(String id) {
        track(CompletableFuture.runAsync(() -> removeQuietly(id), ctx.io()));
    }

    private void track(CompletableFuture<Void> removal) {
        removals.add(removal);
        removal.whenComplete((done, failure) -> removals.remove(removal));
    }

    /** Waits for the removals under way: a volume cannot be removed while a container still uses it. */
    private void awaitRemovals() {
        for (CompletableFuture<Void> removal : List.copyOf(removals)) {
            removal.handle((done, failure) -> null).join(); // a failure was logged where it happened
        }
    }

    private void removeQuietly(String id) {
        DockerException refusal = remove(id);
        if (refusal != null) {
            LOG.warn("cannot remove container {}: {}", id, refusal.getMessage());
        }
    }

    private void removeOrNote(String id, Queue<String> refused) {
        DockerException refusal = remove(id);
        if (refusal != null) {
            LOG.debug("container {} not removed yet: {}", id, refusal.getMessage());
            refused.add(id);
        }
    }

    /** @return why the engine refused to remove the container, or null when it is gone */
    private DockerException remove(String id) {
        try {
            ctx.docker().client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // Already gone: that is what we wanted.
        } catch (DockerException e) {
            return e;
        }
        return null;
    }

    // ---------------------------------------------------------------- probes and hooks

    private synchronized ContainerRecord record(String name) {
        for (ContainerRecord r : all()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private io.pod4j.engine.probe.ProbeTarget target(ContainerRecord r, String containerId) {
        Map<String, Integer> named = new HashMap<>();
        for (ContainerPort p : Nulls.orEmpty(r.spec.getPorts())) {
            if (p.getName() != null) {
                named.put(p.getName(), p.getContainerPort());
            }
        }
        synchronized (this) {
            return new io.pod4j.engine.probe.ProbeTarget(containerId, podIP, podIPReachable(), named, Map.copyOf(published));
        }
    }

    private boolean podIPReachable() {
        // The kubelet probes the pod IP from the node. Here that works when the engine is this Linux
        // machine; elsewhere (Docker Desktop, a remote engine) probes go through published ports.
        return ctx.docker().isLocal() && System.getProperty("os.name", "").toLowerCase().contains("linux");
    }

    /** Called with the lock held, when a container instance starts running. */
    private void startProbes(ContainerRecord r, String id) {
        r.stopProbes();
        if (r.spec.getStartupProbe() != null) {
            addLoop(r, id, io.pod4j.engine.probe.ProbeKind.STARTUP, r.spec.getStartupProbe());
        } else {
            startLivenessAndReadiness(r, id);
        }
    }

    private void startLivenessAndReadiness(ContainerRecord r, String id) {
        if (r.spec.getLivenessProbe() != null) {
            addLoop(r, id, io.pod4j.engine.probe.ProbeKind.LIVENESS, r.spec.getLivenessProbe());
        }
        if (r.spec.getReadinessProbe() != null) {
            addLoop(r, id, io.pod4j.engine.probe.ProbeKind.READINESS, r.spec.getReadinessProbe());
        }
    }

    private void addLoop(ContainerRecord r, String id, io.pod4j.engine.probe.ProbeKind kind, io.fabric8.kubernetes.api.model.Probe probe) {
        var loop = new io.pod4j.engine.probe.ProbeLoop(kind, probe, () -> target(r, id), ctx.prober(), ctx.timer(), ctx.io(),
                !ctx.strictProbeTiming(), new io.pod4j.engine.probe.ProbeLoop.Listener() {
                    @Override
                    public void verdict(io.pod4j.engine.probe.ProbeKind k, boolean success, String message) {
                        probeVerdict(r, id, k, probe, success);
                    }

                    @Override
                    public void attemptFailed(io.pod4j.engine.probe.ProbeKind k, String message) {
                        events.warning("Unhealthy", "kubelet", k.title() + " probe failed: " + message);
                    }
                });
        r.probes.add(loop);
        loop.start();
    }

    private void probeVerdict(ContainerRecord r, String id, io.pod4j.engine.probe.ProbeKind kind,
            io.fabric8.kubernetes.api.model.Probe probe, boolean success) {
        boolean kill = false;
        synchronized (this) {
            if (!id.equals(r.containerId) || !r.running || deleting) {
                return; // a verdict about an instance that is gone
            }
            switch (kind) {
                case STARTUP -> {
                    if (success) {
                        r.started = true;
                        r.ready = r.spec.getReadinessProbe() == null;
                        r.probes.clear();
                        startLivenessAndReadiness(r, id);
                    } else {
                        kill = true;
                    }
                }
                case READINESS -> r.ready = success && r.started;
                case LIVENESS -> kill = !success;
                default -> {
                }
            }
            if (!kill) {
                publish(false);
            }
        }
        if (kill) {
            String which = kind == io.pod4j.engine.probe.ProbeKind.STARTUP ? "startup" : "liveness";
            events.normal("Killing", "kubelet", "Container " + r.name() + " failed " + which + " probe, will be restarted");
            synchronized (this) {
                r.stopProbes();
                r.ready = false;
            }
            long grace = probe.getTerminationGracePeriodSeconds() != null ? probe.getTerminationGracePeriodSeconds()
                    : pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : pod.getSpec().getTerminationGracePeriodSeconds();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(grace);
            ctx.io().execute(() -> stopToRestart(r, id, deadline));
        }
    }

    /**
     * Stops one instance the kubelet would kill and start again (a failed liveness or startup probe,
     * a changed image): its preStop hook, SIGTERM, SIGKILL at the deadline; the sync that follows
     * starts the next instance.
     */
    private void stopToRestart(ContainerRecord r, String id, long deadlineNanos) {
        if (r.spec.getLifecycle() != null && r.spec.getLifecycle().getPreStop() != null) {
            runPreStop(r, id, deadlineNanos);
        }
        stopQuietly(id, (int) Math.max(0, Math.ceil((deadlineNanos - System.nanoTime()) / 1e9)));
        wake();
    }

    private void runPreStop(ContainerRecord r, String id, long deadlineNanos) {
        Duration left = Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        String failure = Hooks.run(ctx.prober(), r.spec.getLifecycle().getPreStop(), target(r, id), left);
        if (failure != null) {
            events.warning("FailedPreStopHook", "kubelet", failure);
        }
    }

    // ---------------------------------------------------------------- status

    private synchronized void publish(boolean force) {
        PodStatus status = statusBuilder.build(this);
        if (force || !status.equals(lastPublished)) {
            lastPublished = status;
            ctx.sink().status(withStatus(pod, status));
        }
    }

    private void schedule(Duration delay) {
        synchronized (this) {
            if (wakeUp != null && wakeUp.getDelay(TimeUnit.NANOSECONDS) <= delay.toNanos() && !wakeUp.isDone()) {
                return;
            }
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            wakeUp = ctx.timer().schedule(this::wake, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    // ---------------------------------------------------------------- for StatusBuilder

    synchronized List<ContainerRecord> initRecords() {
        return inits;
    }

    synchronized List<ContainerRecord> appRecords() {
        return apps;
    }

    /**
     * The pod with a status: a new object that shares this worker's metadata and spec. Those are
     * replaced, never changed, so a pod handed to the engine stays as it was; the engine copies it
     * before anyone outside sees it.
     */
    private static Pod withStatus(Pod pod, PodStatus status) {
        return new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(), status);
    }

    private List<ContainerRecord> all() {
        List<ContainerRecord> all = new ArrayList<>(inits);
        all.addAll(apps);
        return all;
    }

    Pod spec() {
        return pod;
    }

    String podIP() {
        return podIP;
    }

    Instant startTime() {
        return startTime;
    }

    boolean infraReady() {
        return infraId != null && !infraFailed;
    }

    String hostIPForStatus() {
        return cachedHostIP;
    }

    String infraMessage() {
        return infraWaitingMessage;
    }

    String failedReason() {
        return failedReason;
    }

    String failedMessage() {
        return failedMessage;
    }

    // ---------------------------------------------------------------- naming and labels

    private Map<String, String> labels(String container, Role role, int attempt) {
        Map<String, String> labels = new LinkedHashMap<>(ctx.ownerLabels());
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.NAMESPACE, pod.getMetadata().getNamespace());
        labels.put(Labels.POD, pod.getMetadata().getName());
        labels.put(Labels.POD_UID, pod.getMetadata().getUid());
        labels.put(Labels.CONTAINER, container);
        labels.put(Labels.ROLE, role.label());
        labels.put(Labels.RESTART_COUNT, Integer.toString(attempt));
        return labels;
    }

    private String dockerName(String container, int attempt) {
        return "pod4j_" + container + "_" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "_"
                + pod.getMetadata().getUid().substring(0, 8) + "_" + attempt;
    }

    private String key() {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    /**
     * @param e a failure of a Docker call
     * @return true when Docker did not answer at all (daemon stopped or restarting), rather than refused
     */
    private boolean unreachable(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.net.ConnectException
                    || t instanceof java.nio.file.NoSuchFileException || t instanceof java.net.SocketTimeoutException) {
                markUnreachable(e);
                return true;
            }
        }
        return false;
    }

    private synchronized void markUnreachable(RuntimeException e) {
        dockerUnreachable = true;
        unreachableMessage = "the Docker engine at " + ctx.docker().endpoint() + " does not answer (" + e.getMessage()
                + "); the pod's state is unknown until it does";
    }

    /** @return why the pod's state is unknown (Docker does not answer), or null when Docker answered last time */
    synchronized String unreachableMessage() {
        return dockerUnreachable ? unreachableMessage : null;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ERRORS = new com.fasterxml.jackson.databind.ObjectMapper();

    static String dockerMessage(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // docker-java prefixes "Status 404: {"message":"..."}"; keep the daemon's words only, unescaped.
        int brace = m.indexOf('{');
        if (brace >= 0 && m.contains("\"message\"")) {
            try {
                var json = ERRORS.readTree(m.substring(brace));
                if (json.hasNonNull("message")) {
                    return json.get("message").asText().strip();
                }
            } catch (java.io.IOException notJson) {
                // Fall through to the text as it is.
            }
        }
        return m.strip();
    }
}

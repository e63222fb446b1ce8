package io.pod4j.engine;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.EventType;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.DockerUnavailableException;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.error.PodTimeoutException;
import io.pod4j.api.model.ConfigMap;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.KubeObject;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Secret;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.api.validation.PodValidator;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.docker.PodNetwork;
import io.pod4j.engine.reaper.Owner;
import io.pod4j.engine.reaper.Reaper;
import io.pod4j.engine.runtime.EngineContext;
import io.pod4j.engine.runtime.Images;
import io.pod4j.engine.runtime.PodWorker;
import io.pod4j.engine.probe.ProbeRunner;
import io.pod4j.engine.runtime.Scheduling;
import io.pod4j.api.model.Node;
import io.pod4j.api.model.NodeSystemInfo;
import io.pod4j.engine.runtime.LocalNode;
import java.io.Closeable;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Kubernetes Pods on a Docker engine, as the kubelet runs them on a node. Thread-safe;
 * close it to delete the pods it started (unless they were started detached).
 *
 * <pre>{@code
 * try (PodEngine engine = PodEngine.builder().build()) {
 *     PodHandle web = engine.create(Manifests.loadPod(Path.of("web.yaml")));
 *     web.awaitReady(Duration.ofSeconds(30));
 *     InetSocketAddress address = web.endpoint("web", 8080);
 * }
 * }</pre>
 *
 * <p>Creation returns at once; the pod then goes through the phases a cluster shows (Pending,
 * Running, Succeeded or Failed) and its status, conditions and events can be read, awaited or
 * listened to.
 */
public final class PodEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodEngine.class);
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Builder options;
    private final DockerConnection docker;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final ExecutorService notifier;
    private final EngineContext ctx;
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, PodWorker> byUid = new ConcurrentHashMap<>();
    private final Map<String, Pod> latest = new ConcurrentHashMap<>();
    private final Map<String, List<Event>> deletedEvents = new ConcurrentHashMap<>();
    private final Map<String, ConfigMap> configMaps = new ConcurrentHashMap<>();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();
    private final List<PodListener> listeners = new CopyOnWriteArrayList<>();
    private final Object changes = new Object();
    private final Owner owner;
    private final Reaper reaper;
    private final LocalNode node;
    private final PodNetwork network;
    private final Thread shutdownHook;
    private volatile Closeable eventStream;
    private volatile boolean closed;

    private PodEngine(Builder b) {
        this.options = b;
        this.docker = DockerConnection.open(b.dockerHost);
        this.io = Executors.newCachedThreadPool(threads("pod4j-io"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("pod4j-timer"));
        this.notifier = Executors.newSingleThreadExecutor(threads("pod4j-notify"));
        this.owner = Owner.current();
        this.reaper = new Reaper(docker.client(), owner, this::killOrphan);
        Map<String, String> ownerLabels = Map.of(Labels.OWNER, owner.id(), Labels.DETACHED, Boolean.toString(b.detached));
        this.network = new PodNetwork(docker.client(), b.network);
        String gateway;
        try {
            gateway = network.ensure();
        } catch (RuntimeException e) {
            docker.close();
            throw new DockerUnavailableException("the engine at " + docker.endpoint() + " answered but cannot give pods a network: "
                    + e.getMessage() + ". Check its networks (docker network ls), or point DOCKER_HOST at another engine.", e);
        }
        this.node = localNode(b, gateway);
        this.ctx = new EngineContext(docker, io, timer, b.backOffBase, b.backOffCap,
                new Images(docker.client(), b.pauseImage), network,
                b.nodeName, ownerLabels, new Objects(), node, this::unschedulable,
                new ProbeRunner(docker.streams()), b.strictProbeTiming, new Sink());
        subscribe();
        timer.scheduleWithFixedDelay(this::relist, 3, 3, TimeUnit.SECONDS);
        io.execute(reaper::sweep);
        timer.scheduleWithFixedDelay(() -> io.execute(reaper::sweep), 5, 5, TimeUnit.SECONDS);
        this.shutdownHook = new Thread(this::closeOnExit, "pod4j-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** @return a builder with the kubelet's defaults */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- pods

    /**
     * Creates a pod and returns at once; the pod starts in the background.
     *
     * @param pod the pod; defaults are applied and it is validated, as by the API server
     * @return a handle on the new pod
     * @throws AlreadyExistsException when a pod of that name exists in its namespace
     * @throws io.pod4j.api.error.ManifestValidationException when the pod is invalid
     */
    public PodHandle create(Pod pod) {
        return create(pod, null);
    }

    /**
     * Creates a pod for another process of this machine, as a kubelet runs static pods for the
     * files it reads: the pod then has two owners, this engine and that process, and is an orphan
     * when either dies; the reaper kills an orphan at once (see {@link Reaper}).
     *
     * @param pod the pod; defaults are applied and it is validated, as by the API server
     * @param createdFor the process the pod lives for, or null for this engine alone
     * @return a handle on the new pod
     * @throws AlreadyExistsException when a pod of that name exists in its namespace
     * @throws io.pod4j.api.error.ManifestValidationException when the pod is invalid
     */
    public PodHandle create(Pod pod, Owner createdFor) {
        requireOpen();
        Pod p = PodDefaults.apply(pod);
        PodValidator.check(p);
        ObjectMeta meta = p.metadata();
        String name = meta.name();
        if (name == null || name.isEmpty()) {
            String prefix = meta.generateName().length() > 58 ? meta.generateName().substring(0, 58) : meta.generateName();
            name = prefix + randomSuffix();
        }
        meta = meta.toBuilder()
                .name(name)
                .uid(UUID.randomUUID().toString())
                .creationTimestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .resourceVersion(null)
                .build();
        Pod created = p.withMetadata(meta).withStatus(null);
        String key = key(meta.namespace(), name);
        synchronized (workers) {
            if (workers.containsKey(key) || existsInDocker(meta.namespace(), name)) {
                throw new AlreadyExistsException("pods", name);
            }
            PodWorker worker = new PodWorker(createdFor == null ? ctx : ctx.withOwnerLabel(Labels.CREATED_FOR, createdFor.id()), created);
            workers.put(key, worker);
            byUid.put(meta.uid(), worker);
            deletedEvents.remove(key);
            latest.put(key, worker.pod());
        }
        LOG.info("pod {}: created", key);
        workers.get(key).wake();
        return new PodHandle(this, meta.namespace(), name);
    }

    /**
     * Applies objects as {@code kubectl apply} does: ConfigMaps and Secrets are stored (pods
     * created later can use them), new Pods are created, and the labels and annotations of
     * existing Pods are updated.
     *
     * @param objects objects, for example from {@code Manifests.load}
     * @return handles on the pods, in order
     */
    public List<PodHandle> apply(List<? extends KubeObject> objects) {
        List<PodHandle> handles = new ArrayList<>();
        for (KubeObject o : objects) {
            String ns = o.metadata().namespace() == null ? PodDefaults.DEFAULT_NAMESPACE : o.metadata().namespace();
            if (o instanceof ConfigMap cm) {
                configMaps.put(key(ns, cm.metadata().name()), cm);
            } else if (o instanceof Secret s) {
                secrets.put(key(ns, s.metadata().name()), s);
            }
        }
        for (KubeObject o : objects) {
            if (o instanceof Pod pod) {
                String ns = pod.metadata().namespace() == null ? PodDefaults.DEFAULT_NAMESPACE : pod.metadata().namespace();
                PodWorker existing = pod.metadata().name() == null ? null : workers.get(key(ns, pod.metadata().name()));
                if (existing != null) {
                    ObjectMeta meta = existing.pod().metadata().toBuilder()
                            .labels(pod.metadata().labels())
                            .annotations(pod.metadata().annotations())
                            .build();
                    existing.updateMetadata(meta);
                    handles.add(new PodHandle(this, ns, pod.metadata().name()));
                } else {
                    handles.add(create(pod));
                }
            }
        }
        return handles;
    }

    /**
     * @param namespace the namespace
     * @param name the pod's name
     * @return the pod with its current status, if it exists
     */
    public Optional<Pod> get(String namespace, String name) {
        return Optional.ofNullable(latest.get(key(namespace, name)));
    }

    /**
     * @param namespace a namespace, or null for all namespaces
     * @param labels a label selector, or null for every pod
     * @param fields a field selector, or null for every pod
     * @return the matching pods, sorted by namespace and name
     */
    public List<Pod> list(String namespace, LabelSelector labels, FieldSelector fields) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : latest.values()) {
            if (namespace != null && !namespace.equals(p.metadata().namespace())) {
                continue;
            }
            if (labels != null && !labels.matches(p.metadata().labels())) {
                continue;
            }
            if (fields != null && !fields.matches(p)) {
                continue;
            }
            out.add(p);
        }
        out.sort(Comparator.comparing((Pod p) -> p.metadata().namespace()).thenComparing(p -> p.metadata().name()));
        return out;
    }

    /**
     * @param namespace the namespace
     * @param name the pod's name
     * @return a handle on the pod
     * @throws NotFoundException when there is no such pod
     */
    public PodHandle handle(String namespace, String name) {
        if (!latest.containsKey(key(namespace, name))) {
            throw new NotFoundException("pods", name);
        }
        return new PodHandle(this, namespace, name);
    }

    /**
     * Starts deleting a pod gracefully, as {@code kubectl delete --wait=false}: it shows
     * Terminating, its containers get SIGTERM and, after the grace period, SIGKILL; then every
     * Docker object it had is removed. Use {@link PodHandle#awaitDeletion} to wait.
     *
     * @param namespace the namespace
     * @param name the pod's name
     * @param gracePeriod the grace period, or null for the pod's own; zero kills at once
     * @throws NotFoundException when there is no such pod
     */
    public void delete(String namespace, String name, Duration gracePeriod) {
        PodWorker w = workers.get(key(namespace, name));
        if (w == null) {
            throw new NotFoundException("pods", name);
        }
        w.delete(gracePeriod);
    }

    /**
     * Replaces the labels and annotations of a pod (the only parts of a running pod that can change).
     *
     * @param namespace the namespace
     * @param name the pod's name
     * @param labels the new labels
     * @param annotations the new annotations
     * @return the pod after the change
     */
    public Pod updateMetadata(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
        PodWorker w = workers.get(key(namespace, name));
        if (w == null) {
            throw new NotFoundException("pods", name);
        }
        ObjectMeta meta = w.pod().metadata().toBuilder().labels(labels).annotations(annotations).build();
        w.updateMetadata(meta);
        return w.pod();
    }

    /**
     * Changes container images of a pod, the one part of its containers an update may change (as
     * {@code kubectl set image} or an applied manifest with a new image): a running container is
     * stopped gracefully and started again from the new image, counted as a restart, whatever the
     * restart policy; a container waiting in a back-off tries the new image at once.
     *
     * @param namespace the namespace
     * @param name the pod's name
     * @param images container name (app, init or sidecar) → image
     * @return the pod after the change
     * @throws NotFoundException when there is no such pod
     * @throws IllegalArgumentException naming a container the pod does not have, or an empty image
     */
    public Pod updateImages(String namespace, String name, Map<String, String> images) {
        PodWorker w = workers.get(key(namespace, name));
        if (w == null) {
            throw new NotFoundException("pods", name);
        }
        var spec = w.pod().spec();
        for (var e : images.entrySet()) {
            boolean known = java.util.stream.Stream.concat(spec.initContainers().stream(), spec.containers().stream())
                    .anyMatch(c -> c.name().equals(e.getKey()));
            if (!known) {
                throw new IllegalArgumentException("pod " + namespace + "/" + name + " has no container \"" + e.getKey()
                        + "\"; its containers are named in spec.initContainers and spec.containers");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("spec.containers[" + e.getKey() + "].image: Required value");
            }
        }
        w.updateImages(images);
        return w.pod();
    }

    /**
     * @param namespace the namespace
     * @param name the pod's name
     * @return the pod's events, oldest first (also of a pod deleted a moment ago)
     */
    public List<Event> events(String namespace, String name) {
        PodWorker w = workers.get(key(namespace, name));
        if (w != null) {
            return w.events();
        }
        return deletedEvents.getOrDefault(key(namespace, name), List.of());
    }

    /**
     * @param listener hears of pod changes and events
     * @return closing it stops the listening
     */
    public AutoCloseable addListener(PodListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Makes a ConfigMap or Secret known, for pods created afterwards.
     *
     * @param object a ConfigMap or Secret
     */
    public void put(KubeObject object) {
        apply(List.of(object));
    }

    /**
     * @param object a ConfigMap or Secret
     * @return true when the engine already knows an object of that kind, namespace and name
     */
    public boolean knows(KubeObject object) {
        String ns = object.metadata().namespace() == null ? PodDefaults.DEFAULT_NAMESPACE : object.metadata().namespace();
        String key = key(ns, object.metadata().name());
        return object instanceof ConfigMap ? configMaps.containsKey(key) : object instanceof Secret && secrets.containsKey(key);
    }

    /** @return the Docker connection this engine uses (endpoint, version) */
    public DockerConnection docker() {
        return docker;
    }

    /** @return the name of the local node pods are scheduled to */
    public String nodeName() {
        return options.nodeName;
    }

    // ---------------------------------------------------------------- for handles

    PodWorker worker(String namespace, String name) {
        PodWorker w = workers.get(key(namespace, name));
        if (w == null) {
            throw new NotFoundException("pods", name);
        }
        return w;
    }

    /**
     * Waits until a pod satisfies a condition.
     *
     * @return the pod that satisfied it
     */
    Pod await(String namespace, String name, String what, Predicate<Optional<Pod>> condition, Duration timeout) {
        String key = key(namespace, name);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (true) {
                Optional<Pod> current = Optional.ofNullable(latest.get(key));
                if (condition.test(current)) {
                    return current.orElse(null);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new PodTimeoutException("pod " + key + " did not " + what + " within " + timeout.toSeconds()
                            + "s; last status seen:\n" + Diagnostics.summary(current.orElse(null), events(namespace, name)));
                }
                try {
                    changes.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PodTimeoutException("interrupted while waiting for pod " + key + " to " + what);
                }
            }
        }
    }

    // ---------------------------------------------------------------- Docker plumbing


    private LocalNode localNode(Builder b, String address) {
        var info = docker.info();
        String arch = info.getArchitecture() == null ? "amd64" : switch (info.getArchitecture()) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> info.getArchitecture();
        };
        var system = NodeSystemInfo.builder()
                .architecture(arch)
                .operatingSystem(info.getOsType() == null ? "linux" : info.getOsType())
                .osImage(info.getOperatingSystem())
                .kernelVersion(info.getKernelVersion())
                .containerRuntimeVersion(docker.runtimeVersion())
                .kubeletVersion("pod4j")
                .build();
        java.nio.file.Path state = b.stateDir != null ? b.stateDir : defaultStateDir();
        return new LocalNode(b.nodeName, system.operatingSystem(), arch,
                info.getNCPU() == null ? Runtime.getRuntime().availableProcessors() : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal(), system, address, state);
    }

    /** @return the per-user state directory: $POD4J_STATE_DIR, else ~/.pod4j */
    public static java.nio.file.Path defaultStateDir() {
        String env = System.getenv("POD4J_STATE_DIR");
        return env != null && !env.isBlank() ? java.nio.file.Path.of(env)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".pod4j");
    }

    private String unschedulable(Pod pod) {
        List<Pod> placed = new ArrayList<>();
        for (Pod p : latest.values()) {
            if (p.metadata().uid().equals(pod.metadata().uid()) || p.status() == null) {
                continue;
            }
            boolean scheduled = p.status().conditions().stream()
                    .anyMatch(c -> "PodScheduled".equals(c.type()) && "True".equals(c.status()));
            String phase = p.status().phase();
            if (scheduled && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                placed.add(p);
            }
        }
        return Scheduling.unschedulable(pod, node, placed);
    }

    /** @return the local node, with its labels, capacity and versions */
    public Node node() {
        return node.node();
    }

    /**
     * Replaces the labels a user gave the node (the well-known ones stay) and keeps them across
     * runs; pods waiting for a matching node are scheduled again at once.
     *
     * @param labels the node's labels
     * @return the node after the change
     */
    public Node labelNode(Map<String, String> labels) {
        node.setUserLabels(labels);
        workers.values().forEach(PodWorker::wake);
        return node.node();
    }

    private boolean existsInDocker(String namespace, String name) {
        return !docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.NAMESPACE, namespace, Labels.POD, name,
                        Labels.CONTAINER, Labels.INFRA_CONTAINER))
                .exec().isEmpty();
    }

    private void subscribe() {
        if (closed) {
            return;
        }
        eventStream = docker.streams().eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withLabelFilter(Map.of(Labels.MANAGED, "true"))
                .exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
                    @Override
                    public void onNext(com.github.dockerjava.api.model.Event e) {
                        var attributes = e.getActor() == null ? null : e.getActor().getAttributes();
                        String uid = attributes == null ? null : attributes.get(Labels.POD_UID);
                        PodWorker w = uid == null ? null : byUid.get(uid);
                        if (w != null) {
                            w.dockerEvent(e.getId(), e.getAction() != null ? e.getAction() : e.getStatus());
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (!closed) {
                            LOG.debug("Docker event stream ended ({}); reconnecting", t.toString());
                            timer.schedule(PodEngine.this::subscribe, 1, TimeUnit.SECONDS);
                        }
                    }

                    @Override
                    public void onComplete() {
                        if (!closed) {
                            timer.schedule(PodEngine.this::subscribe, 1, TimeUnit.SECONDS);
                        }
                    }
                });
    }

    /** The reaper found one of this engine's pods orphaned (the process it was created for died). */
    private boolean killOrphan(String uid) {
        PodWorker w = byUid.get(uid);
        if (w == null) {
            return false;
        }
        w.delete(Duration.ZERO);
        return true;
    }

    /** A missed Docker event must never strand a pod: every few seconds every worker takes a look. */
    private void relist() {
        if (workers.isEmpty()) {
            return;
        }
        java.util.Set<String> running = new java.util.HashSet<>();
        try {
            for (var c : docker.client().listContainersCmd().withLabelFilter(Map.of(Labels.OWNER, owner.id())).exec()) {
                running.add(c.getId());
            }
        } catch (RuntimeException e) {
            // Docker did not answer: let every worker look for itself and report what it finds.
            workers.values().forEach(PodWorker::relist);
            return;
        }
        for (PodWorker w : workers.values()) {
            w.relist(running);
        }
    }

    // ---------------------------------------------------------------- close

    /**
     * Deletes the pods this engine started (unless it was built {@code detached}), waits until
     * they are gone, and releases the Docker connection. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException exiting) {
            // Called from the hook itself.
        }
        shutdown();
    }

    private void closeOnExit() {
        if (!closed) {
            shutdown();
        }
    }

    private void shutdown() {
        if (!options.detached) {
            for (PodWorker w : workers.values()) {
                w.delete(options.closeGracePeriod);
            }
            long deadline = System.nanoTime() + options.closeGracePeriod.plusSeconds(30).toNanos();
            synchronized (changes) {
                while (!workers.isEmpty() && System.nanoTime() < deadline) {
                    try {
                        changes.wait(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            if (network.created()) {
                try {
                    docker.client().removeNetworkCmd(options.network).exec(); // unique by name: PodNetwork saw to it
                } catch (DockerException inUse) {
                    // Other engines' pods still use it; the last one out removes it.
                }
            }
        }
        closed = true;
        try {
            if (eventStream != null) {
                eventStream.close();
            }
        } catch (Exception ignored) {
            // Closing a stream that already broke.
        }
        timer.shutdownNow();
        ctx.prober().close();
        io.shutdownNow();
        notifier.shutdown();
        docker.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this PodEngine is closed; build a new one");
        }
    }

    // ---------------------------------------------------------------- helpers

    static String key(String namespace, String name) {
        return (namespace == null ? PodDefaults.DEFAULT_NAMESPACE : namespace) + "/" + name;
    }

    private static String randomSuffix() {
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private final class Objects implements EngineContext.ObjectStore {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return Optional.ofNullable(configMaps.get(key(namespace, name)));
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.ofNullable(secrets.get(key(namespace, name)));
        }
    }

    private final class Sink implements EngineContext.Sink {
        @Override
        public void status(Pod pod) {
            String key = key(pod.metadata().namespace(), pod.metadata().name());
            if (workers.containsKey(key)) {
                latest.put(key, pod);
            }
            synchronized (changes) {
                changes.notifyAll();
            }
            notifyListeners(l -> l.podChanged(pod));
        }

        @Override
        public void event(Event event) {
            synchronized (changes) {
                changes.notifyAll(); // waiters may be waiting for an event, not a status change
            }
            notifyListeners(l -> l.event(event));
        }

        @Override
        public void removed(Pod pod) {
            String key = key(pod.metadata().namespace(), pod.metadata().name());
            PodWorker w = workers.get(key);
            if (w != null) {
                deletedEvents.put(key, w.events());
            }
            workers.remove(key);
            byUid.remove(pod.metadata().uid());
            latest.remove(key);
            LOG.info("pod {}: deleted", key);
            synchronized (changes) {
                changes.notifyAll();
            }
            notifyListeners(l -> l.podDeleted(pod));
        }

        private void notifyListeners(java.util.function.Consumer<PodListener> call) {
            if (listeners.isEmpty() || notifier.isShutdown()) {
                return;
            }
            notifier.execute(() -> {
                for (PodListener l : listeners) {
                    try {
                        call.accept(l);
                    } catch (RuntimeException e) {
                        LOG.warn("a PodListener failed: {}", e.toString(), e);
                    }
                }
            });
        }
    }

    /** Options of a {@link PodEngine}; every setter returns the builder. */
    public static final class Builder {
        private Duration backOffBase = Duration.ofSeconds(10);
        private Duration backOffCap = Duration.ofMinutes(5);
        private Duration closeGracePeriod = Duration.ZERO;
        private String pauseImage;
        private String dockerHost;
        private String network = "bridge";
        private String nodeName = defaultNodeName();
        private boolean detached;
        private boolean strictProbeTiming;
        private java.nio.file.Path stateDir;

        private Builder() {
        }

        /**
         * @param dir where the engine keeps state that must survive restarts (node labels);
         *     default {@code $POD4J_STATE_DIR} or {@code ~/.pod4j}
         * @return this builder
         */
        public Builder stateDir(java.nio.file.Path dir) {
            this.stateDir = dir;
            return this;
        }

        /**
         * Keeps the kubelet's probe timing exactly. By default pod4j probes readiness and startup
         * eagerly (every 25 ms, backing off to the period) until the first success, so Ready is
         * noticed as soon as the app answers; the configured period applies after that.
         *
         * @param strict true for the kubelet's timing throughout
         * @return this builder
         */
        public Builder strictProbeTiming(boolean strict) {
            this.strictProbeTiming = strict;
            return this;
        }

        /**
         * The first restart back-off. The kubelet's is 10 s; a shorter one makes crash loops quick in
         * tests (a deviation from a cluster that you opt into).
         *
         * @param base the first back-off
         * @return this builder
         */
        public Builder backOffBase(Duration base) {
            this.backOffBase = java.util.Objects.requireNonNull(base, "base");
            return this;
        }

        /**
         * @param cap the longest back-off (the kubelet's is 5 minutes)
         * @return this builder
         */
        public Builder backOffCap(Duration cap) {
            this.backOffCap = java.util.Objects.requireNonNull(cap, "cap");
            return this;
        }

        /**
         * The grace period pods get when {@link PodEngine#close()} deletes them. Zero (the default)
         * kills at once, as Testcontainers does; use {@link PodEngine#delete} for a graceful stop.
         *
         * @param grace the grace period
         * @return this builder
         */
        public Builder closeGracePeriod(Duration grace) {
            this.closeGracePeriod = java.util.Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * @param image an infra image to use instead of pod4j's built-in one, such as
         *     {@code registry.k8s.io/pause:3.10} (needs a registry; use it on arm64)
         * @return this builder
         */
        public Builder pauseImage(String image) {
            this.pauseImage = image;
            return this;
        }

        /**
         * @param endpoint a Docker endpoint such as {@code unix:///var/run/docker.sock}; by default
         *     it is found like Testcontainers finds it
         * @return this builder
         */
        public Builder dockerHost(String endpoint) {
            this.dockerHost = endpoint;
            return this;
        }

        /**
         * @param network the Docker network pods get their IPs on (default: Docker's {@code bridge});
         *     another name is created when missing and removed when the last engine using it closes
         * @return this builder
         */
        public Builder network(String network) {
            this.network = java.util.Objects.requireNonNull(network, "network");
            return this;
        }

        /**
         * @param nodeName the local node's name (default: this machine's host name)
         * @return this builder
         */
        public Builder nodeName(String nodeName) {
            this.nodeName = java.util.Objects.requireNonNull(nodeName, "nodeName");
            return this;
        }

        /**
         * @param detached true to leave pods running when the engine closes or its process exits
         * @return this builder
         */
        public Builder detached(boolean detached) {
            this.detached = detached;
            return this;
        }

        /**
         * Connects to Docker and starts the engine.
         *
         * @return the engine
         * @throws io.pod4j.api.error.DockerUnavailableException when no Docker engine answers
         */
        public PodEngine build() {
            return new PodEngine(this);
        }

        private static String defaultNodeName() {
            String host = System.getenv("HOSTNAME");
            if (host == null || host.isBlank()) {
                try {
                    host = java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).strip();
                } catch (java.io.IOException | RuntimeException e) {
                    host = "localhost";
                }
            }
            return host.toLowerCase();
        }
    }
}

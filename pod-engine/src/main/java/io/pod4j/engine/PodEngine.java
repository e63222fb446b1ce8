package io.pod4j.engine;

import com.github.dockerjava.api.exception.DockerException;
import io.pod4j.api.build.Timestamps;
import io.pod4j.api.build.Copies;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.DockerUnavailableException;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.error.PodTimeoutException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.api.validation.PodDefaults;
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
import io.pod4j.engine.runtime.LocalNode;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>Every object lives in an {@link ObjectStore} (pod-store), with the API server's rules:
 * create, apply, update and delete are store requests, and the engine's kubelet side runs the Pods
 * of the store and writes their status and events back to it. Pods, ConfigMaps, Secrets and events
 * are fabric8's model objects, which can be changed: the store copies what it is given and hands
 * out copies, so neither side sees the other's changes.
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

    private final Builder options;
    private final DockerConnection docker;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final EngineContext ctx;
    private final ObjectStore store;
    private final boolean ownStore;
    private final Kubelet kubelet;
    private final Listeners listeners;
    private final Object changes = new Object();
    /** Counts changes, under {@code changes}: a waiter that saw one count waits for the next. */
    private long changeCount;
    private final Owner owner;
    private final Reaper reaper;
    private final LocalNode node;
    private final PodNetwork network;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private PodEngine(Builder b) {
        Warmup.start(); // while Docker is reached
        this.options = b;
        this.docker = DockerConnection.open(b.dockerHost);
        this.io = Executors.newCachedThreadPool(threads("pod4j-io"));
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("pod4j-timer"));
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
        this.ownStore = b.store == null;
        this.store = ownStore ? ObjectStore.inMemory() : b.store;
        this.listeners = new Listeners(store, this::changed, threads("pod4j-notify"));
        this.kubelet = new Kubelet(store, listeners::podChanged, this::changed);
        this.ctx = new EngineContext(docker, io, timer, b.backOffBase, b.backOffCap,
                new Images(docker.client(), b.pauseImage), network,
                b.nodeName, ownerLabels, kubelet.objects(), node, this::unschedulable,
                new ProbeRunner(docker.streams()), b.strictProbeTiming, kubelet.sink());
        registerNode();
        if (!store.list(ResourceTypes.PODS, ListOptions.all()).items().isEmpty()) {
            forgetOrphans();
            reaper.sweep(); // pods of a previous run: what their dead owner left goes before they start again
        }
        kubelet.start(ctx);
        timer.scheduleWithFixedDelay(() -> kubelet.relist(owner.id()), 3, 3, TimeUnit.SECONDS);
        io.execute(reaper::sweep);
        timer.scheduleWithFixedDelay(() -> io.execute(reaper::sweep), 5, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> io.execute(this::expireEvents), 1, 1, TimeUnit.MINUTES);
        this.shutdownHook = new Thread(this::closeOnExit, "pod4j-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** @return a builder with the kubelet's defaults */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- pods

    /**
     * Creates a pod in the store and returns at once; the pod starts in the background.
     *
     * @param pod the pod; the store applies the API server's defaults and validation (the engine
     *     works on its own copy: later changes to this object do not reach it)
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
     * when either dies; the reaper kills an orphan at once (see {@link Reaper}). The process is
     * kept with the pod in the store, as its annotation {@code io.pod4j.created-for}.
     *
     * @param pod the pod; the store applies the API server's defaults and validation
     * @param createdFor the process the pod lives for, or null for this engine alone
     * @return a handle on the new pod
     * @throws AlreadyExistsException when a pod of that name exists in its namespace
     * @throws io.pod4j.api.error.ManifestValidationException when the pod is invalid
     */
    public PodHandle create(Pod pod, Owner createdFor) {
        requireOpen();
        Pod toCreate = pod;
        if (createdFor != null) {
            toCreate = Copies.of(pod);
            if (toCreate.getMetadata() == null) {
                toCreate.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
            }
            if (toCreate.getMetadata().getAnnotations() == null) {
                toCreate.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
            }
            toCreate.getMetadata().getAnnotations().put(Labels.CREATED_FOR, createdFor.id());
        }
        Pod toStore = toCreate;
        String ns = namespaceOf(pod);
        String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
        if (name != null && !name.isEmpty() && (kubelet.running(ns, name) || existsInDocker(ns, name))) {
            throw new AlreadyExistsException("pods", name); // still being torn down, or another engine's
        }
        Pod created = StoreErrors.call(() -> store.create(toStore));
        kubelet.run(created); // at once: the watch would add a thread hop before the first sync
        LOG.info("pod {}/{}: created", created.getMetadata().getNamespace(), created.getMetadata().getName());
        return new PodHandle(this, created.getMetadata().getNamespace(), created.getMetadata().getName());
    }

    /**
     * Applies objects as {@code kubectl apply} does, through the store: ConfigMaps and Secrets are
     * created or replaced (pods created later can use them), new Pods are created, and an existing
     * Pod is patched with the manifest (strategic merge, as kubectl's patch), so its labels and
     * annotations change and its images may change; the store refuses any other change of a Pod's
     * spec, in the API server's words.
     *
     * @param objects objects, for example from {@code Manifests.load}; other kinds are ignored
     * @return handles on the pods, in order
     * @throws io.pod4j.api.error.ManifestValidationException when an object is invalid: then no
     *     ConfigMap or Secret of the list is stored, and of the Pods those before it were applied
     */
    public List<PodHandle> apply(List<? extends HasMetadata> objects) {
        List<PodHandle> handles = new ArrayList<>();
        List<Runnable> undo = new ArrayList<>();
        try {
            for (HasMetadata o : objects) {
                if (o instanceof ConfigMap || o instanceof Secret) {
                    undo.add(0, StoreErrors.call(() -> write(o)));
                }
            }
        } catch (RuntimeException refused) {
            undo.forEach(Runnable::run); // all of a manifest's ConfigMaps and Secrets, or none
            throw refused;
        }
        for (HasMetadata o : objects) {
            if (o instanceof Pod pod) {
                String ns = namespaceOf(pod);
                String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
                if (name != null && get(ns, name).isPresent()) {
                    StoreErrors.call(() -> store.patch(ResourceTypes.PODS, ns, name, PatchType.STRATEGIC_MERGE,
                            Json.write(Json.applied(pod))));
                    handles.add(new PodHandle(this, ns, name));
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
     * @return the pod with its current status (a copy), if it exists
     */
    public Optional<Pod> get(String namespace, String name) {
        try {
            return Optional.of(store.get(ResourceTypes.PODS, namespace, name));
        } catch (StoreException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * @param namespace a namespace, or null for all namespaces
     * @param labels a label selector, or null for every pod
     * @param fields a field selector, or null for every pod
     * @return the matching pods (copies), sorted by namespace and name
     */
    public List<Pod> list(String namespace, LabelSelector labels, FieldSelector fields) {
        ListOptions options = new ListOptions(namespace, labels == null ? null : labels.toString(),
                fields == null ? null : fields.toString(), null);
        return store.list(ResourceTypes.PODS, options).items();
    }

    /**
     * @param namespace the namespace
     * @param name the pod's name
     * @return a handle on the pod
     * @throws NotFoundException when there is no such pod
     */
    public PodHandle handle(String namespace, String name) {
        if (get(namespace, name).isEmpty()) {
            throw new NotFoundException("pods", name);
        }
        return new PodHandle(this, namespace, name);
    }

    /**
     * Deletes a pod as the API server does, as {@code kubectl delete --wait=false}: the store marks
     * it with a deletionTimestamp and the grace period; the pod shows Terminating, its containers
     * get SIGTERM and, after the grace period, SIGKILL; then every Docker object it had is removed
     * and the kubelet side confirms the deletion. Use {@link PodHandle#awaitDeletion} to wait.
     *
     * @param namespace the namespace
     * @param name the pod's name
     * @param gracePeriod the grace period, or null for the pod's own; zero removes it at once
     *     (and kills its containers)
     * @throws NotFoundException when there is no such pod
     */
    public void delete(String namespace, String name, Duration gracePeriod) {
        DeleteOptions options = new DeleteOptions();
        if (gracePeriod != null) {
            options.setGracePeriodSeconds(gracePeriod.toSeconds());
        }
        StoreErrors.call(() -> store.delete(ResourceTypes.PODS, namespace, name, options));
    }

    /**
     * Replaces the labels and annotations of a pod.
     *
     * @param namespace the namespace
     * @param name the pod's name
     * @param labels the new labels
     * @param annotations the new annotations
     * @return the pod after the change (a copy)
     * @throws NotFoundException when there is no such pod
     */
    public Pod updateMetadata(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
        String patch = "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":" + Json.write(labels == null ? Map.of() : labels)
                + "},{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":"
                + Json.write(annotations == null ? Map.of() : annotations) + "}]";
        return StoreErrors.call(() -> store.patch(ResourceTypes.PODS, namespace, name, PatchType.JSON, patch));
    }

    /**
     * Changes container images of a pod, as {@code kubectl set image} does (a strategic merge patch
     * the store judges by the Pod update rules): a running container is stopped gracefully and
     * started again from the new image, counted as a restart, whatever the restart policy; a
     * container waiting in a back-off tries the new image at once.
     *
     * @param namespace the namespace
     * @param name the pod's name
     * @param images container name (app, init or sidecar) → image
     * @return the pod after the change (a copy)
     * @throws NotFoundException when there is no such pod
     * @throws IllegalArgumentException naming a container the pod does not have
     * @throws io.pod4j.api.error.ManifestValidationException when the store refuses the change (an empty image)
     */
    public Pod updateImages(String namespace, String name, Map<String, String> images) {
        Pod pod = get(namespace, name).orElseThrow(() -> new NotFoundException("pods", name));
        List<Map<String, String>> inits = new ArrayList<>();
        List<Map<String, String>> apps = new ArrayList<>();
        for (var e : images.entrySet()) {
            boolean init = orEmpty(pod.getSpec().getInitContainers()).stream().anyMatch(c -> c.getName().equals(e.getKey()));
            boolean app = orEmpty(pod.getSpec().getContainers()).stream().anyMatch(c -> c.getName().equals(e.getKey()));
            if (!init && !app) {
                throw new IllegalArgumentException("pod " + namespace + "/" + name + " has no container \"" + e.getKey()
                        + "\"; its containers are named in spec.initContainers and spec.containers");
            }
            Map<String, String> c = new java.util.LinkedHashMap<>();
            c.put("name", e.getKey());
            c.put("image", e.getValue() == null ? "" : e.getValue());
            (init ? inits : apps).add(c);
        }
        String patch = Json.write(Map.of("spec", Map.of("initContainers", inits, "containers", apps)));
        return StoreErrors.call(() -> store.patch(ResourceTypes.PODS, namespace, name, PatchType.STRATEGIC_MERGE, patch));
    }

    /**
     * @param namespace the namespace
     * @param name the pod's name
     * @return the pod's events (copies), oldest first: of the pod now of that name, or (when there
     *     is none) of the last one, deleted a moment ago
     */
    public List<Event> events(String namespace, String name) {
        List<Event> all = new ArrayList<>(store.list(ResourceTypes.EVENTS, ListOptions.inNamespace(namespace == null
                ? PodDefaults.DEFAULT_NAMESPACE : namespace).withFieldSelector("involvedObject.name=" + name)).items());
        // Written in order: the resourceVersion breaks ties of the second-resolution timestamps.
        all.sort(Comparator.comparing((Event e) -> e.getLastTimestamp() == null ? "" : e.getLastTimestamp())
                .thenComparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())));
        String uid = get(namespace, name).map(p -> p.getMetadata().getUid())
                .orElse(all.isEmpty() ? null : all.stream().max(Comparator.comparingLong(
                        (Event e) -> Long.parseLong(e.getMetadata().getResourceVersion()))).get().getInvolvedObject().getUid());
        return all.stream().filter(e -> java.util.Objects.equals(uid, e.getInvolvedObject().getUid())).toList();
    }

    /**
     * @param listener hears of pod changes and events, as the store's watches report them
     * @return closing it stops the listening
     */
    public AutoCloseable addListener(PodListener listener) {
        return listeners.add(listener);
    }

    /**
     * Creates or replaces a ConfigMap or Secret in the store, for pods created afterwards.
     *
     * @param object a ConfigMap or Secret (the store keeps a copy)
     * @throws io.pod4j.api.error.ManifestValidationException when it is invalid, or changes an immutable one
     */
    public void put(HasMetadata object) {
        StoreErrors.call(() -> write(object));
    }

    /** @return what undoes the write: the object removed, or its previous version back */
    private Runnable write(HasMetadata object) {
        var type = store.types().of(object);
        String ns = namespaceOf(object);
        String name = object.getMetadata().getName();
        try {
            store.create(object);
            return () -> store.delete(type, ns, name, null);
        } catch (StoreException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
        }
        HasMetadata previous = store.get(type, ns, name);
        HasMetadata replacement = Copies.of(object);
        replacement.getMetadata().setResourceVersion(null);
        store.update(replacement);
        return () -> {
            previous.getMetadata().setResourceVersion(null);
            store.update(previous);
        };
    }

    /**
     * @param object a ConfigMap or Secret
     * @return true when the store has an object of that kind, namespace and name
     */
    public boolean knows(HasMetadata object) {
        var type = store.types().of(object);
        try {
            store.get(type, namespaceOf(object), object.getMetadata().getName());
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    /**
     * @param pod a pod
     * @return the process it was created for ({@link #create(Pod, Owner)}), if any
     */
    public static Optional<Owner> createdFor(Pod pod) {
        return Optional.ofNullable(Kubelet.createdFor(pod)).flatMap(Owner::parse);
    }

    /** The reaper found an orphan; true when this engine runs it (and kills it at once). */
    private boolean killOrphan(String uid) {
        return kubelet != null && kubelet.killNow(uid);
    }

    /**
     * Pods of a previous run created for a process that is gone are orphans: deleted, not run again.
     */
    private void forgetOrphans() {
        for (Pod p : store.list(ResourceTypes.PODS, ListOptions.all()).items()) {
            Owner gone = createdFor(p).filter(o -> !o.isAliveHere()).orElse(null);
            if (gone != null) {
                LOG.info("pod {}/{} is an orphan: its owner process {} on {} is gone; not running it again",
                        p.getMetadata().getNamespace(), p.getMetadata().getName(), gone.pid(), gone.host());
                DeleteOptions now = new DeleteOptions();
                now.setGracePeriodSeconds(0L);
                store.delete(ResourceTypes.PODS, p.getMetadata().getNamespace(), p.getMetadata().getName(), now);
            }
        }
    }

    /** @return the store every object of this engine lives in (its API rules, watches, patches) */
    public ObjectStore store() {
        return store;
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
        return kubelet.worker(namespace, name).orElseThrow(() -> new NotFoundException("pods", name));
    }

    /**
     * Waits until a pod satisfies a condition.
     *
     * @return the pod that satisfied it
     */
    Pod await(String namespace, String name, String what, Predicate<Optional<Pod>> condition, Duration timeout) {
        String key = namespace + "/" + name;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (changes) {
                seen = changeCount;
            }
            // Tested without holding the monitor: the condition is the caller's code, which may call
            // into the engine (exec, logs) while workers report changes.
            Optional<Pod> current = get(namespace, name);
            if (condition.test(current)) {
                return current.orElse(null);
            }
            synchronized (changes) {
                while (changeCount == seen) {
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
    }

    /** Waits until the pod is gone from the store and the kubelet side has removed all it had. */
    void awaitGone(String namespace, String name, Duration timeout) {
        await(namespace, name, "be deleted", p -> p.isEmpty() && !kubelet.running(namespace, name), timeout);
    }

    private void changed() {
        synchronized (changes) {
            changeCount++;
            changes.notifyAll();
        }
    }

    /** Events live an hour, as with the API server's default {@code --event-ttl}. */
    private void expireEvents() {
        String cutoff = Timestamps.time(Instant.now().minus(Duration.ofHours(1)));
        for (Event e : store.list(ResourceTypes.EVENTS, ListOptions.all()).items()) {
            if (e.getLastTimestamp() != null && e.getLastTimestamp().compareTo(cutoff) < 0) {
                try {
                    store.delete(ResourceTypes.EVENTS, e.getMetadata().getNamespace(), e.getMetadata().getName(), null);
                } catch (StoreException gone) {
                    // Deleted meanwhile.
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
        NodeSystemInfo system = new NodeSystemInfoBuilder()
                .withArchitecture(arch)
                .withOperatingSystem(info.getOsType() == null ? "linux" : info.getOsType())
                .withOsImage(info.getOperatingSystem())
                .withKernelVersion(info.getKernelVersion())
                .withContainerRuntimeVersion(docker.runtimeVersion())
                .withKubeletVersion("pod4j")
                .build();
        java.nio.file.Path state = b.stateDir != null ? b.stateDir : defaultStateDir();
        return new LocalNode(b.nodeName, system.getOperatingSystem(), arch,
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
        for (Pod p : store.list(ResourceTypes.PODS, ListOptions.all().withFieldSelector("spec.nodeName=" + options.nodeName)).items()) {
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if (!p.getMetadata().getUid().equals(pod.getMetadata().getUid())
                    && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                placed.add(p);
            }
        }
        return Scheduling.unschedulable(pod, node, placed);
    }

    /** @return the local node as the store has it, with its labels, capacity and versions (a copy) */
    public Node node() {
        return store.get(ResourceTypes.NODES, "", options.nodeName);
    }

    /**
     * Replaces the labels a user gave the node (the well-known ones stay) and keeps them across
     * runs; pods waiting for a matching node are scheduled again at once.
     *
     * @param labels the node's labels
     * @return the node after the change (a copy)
     */
    public Node labelNode(Map<String, String> labels) {
        Node updated = node();
        updated.getMetadata().setLabels(node.labelsWith(labels));
        updated.getMetadata().setResourceVersion(null);
        Node stored = StoreErrors.call(() -> store.update(updated)); // the store judges the labels first
        node.setUserLabels(labels);
        kubelet.wakeAll();
        return stored;
    }

    /** The kubelet registers its node: created, or brought up to date when a kept store has it. */
    private void registerNode() {
        Node current = node.node();
        try {
            store.create(current);
        } catch (StoreException exists) {
            current.getMetadata().setResourceVersion(null);
            store.update(current);
            store.updateStatus(current);
        }
    }

    private boolean existsInDocker(String namespace, String name) {
        return !docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.NAMESPACE, namespace, Labels.POD, name,
                        Labels.CONTAINER, Labels.INFRA_CONTAINER))
                .exec().isEmpty();
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
            for (PodWorker w : kubelet.workers()) {
                Pod p = w.pod();
                try {
                    delete(p.getMetadata().getNamespace(), p.getMetadata().getName(), options.closeGracePeriod);
                } catch (NotFoundException gone) {
                    // Deleted at once already; its worker is tearing down.
                }
                w.delete(options.closeGracePeriod); // not waiting for the watch to bring the news
            }
            long deadline = System.nanoTime() + options.closeGracePeriod.plusSeconds(30).toNanos();
            synchronized (changes) {
                while (!kubelet.workers().isEmpty() && System.nanoTime() < deadline) {
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
        kubelet.close();
        listeners.close();
        if (ownStore) {
            store.close();
        }
        timer.shutdownNow();
        ctx.prober().close();
        io.shutdownNow();
        docker.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this PodEngine is closed; build a new one");
        }
    }

    // ---------------------------------------------------------------- helpers

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String namespaceOf(HasMetadata o) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? PodDefaults.DEFAULT_NAMESPACE : ns;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
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
        private ObjectStore store;

        private Builder() {
        }

        /**
         * The store the engine keeps its objects in. By default a store in memory of its own, so an
         * embedded engine's pods live as long as it does; a host that keeps objects across restarts
         * (the command line's supervisor) gives one opened on a directory
         * ({@code ObjectStore.builder().directory(dir).build()}): the engine runs the Pods it finds
         * there when it starts, as a kubelet runs the Pods bound to its node. A given store is the
         * host's to close.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(ObjectStore store) {
            this.store = java.util.Objects.requireNonNull(store, "store");
            return this;
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

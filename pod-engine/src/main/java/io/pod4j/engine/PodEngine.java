package io.pod4j.engine;

import com.github.dockerjava.api.exception.DockerException;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.DockerUnavailableException;
import io.pod4j.api.error.NotFoundException;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.controllers.ControllerManager;
import io.pod4j.controllers.builtin.Controllers;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.docker.PodNetwork;
import io.pod4j.engine.network.ServiceNetwork;
import io.pod4j.engine.reaper.Owner;
import io.pod4j.engine.reaper.Reaper;
import io.pod4j.engine.runtime.EngineContext;
import io.pod4j.engine.runtime.Images;
import io.pod4j.engine.runtime.PodWorker;
import io.pod4j.engine.probe.ProbeRunner;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    private final PodEngineBuilder options;
    private final DockerConnection docker;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final EngineContext ctx;
    private final ObjectStore store;
    private final boolean ownStore;
    private final Kubelet kubelet;
    private final ControllerManager controllers;
    private final Listeners listeners;
    private final Changes changes = new Changes();
    private final ObjectWrites writes;
    private final EventLog events;
    private final Owner owner;
    private final Reaper reaper;
    private final EngineNode node;
    private final PodNetwork network;
    private final ServiceNetwork services;
    private final Thread shutdownHook;
    private volatile boolean closed;

    PodEngine(PodEngineBuilder b) {
        this.options = b;
        this.docker = DockerConnection.open(b.dockerHost);
        Startup up = new Startup(docker::close); // what a later failure closes again, newest first
        try {
            this.io = Executors.newCachedThreadPool(Startup.threads("pod4j-io"));
            up.onFailure(io::shutdownNow);
            this.timer = Executors.newSingleThreadScheduledExecutor(Startup.threads("pod4j-timer"));
            up.onFailure(timer::shutdownNow);
            this.owner = Owner.current();
            this.reaper = new Reaper(docker.client(), owner, this::killOrphan);
            Map<String, String> ownerLabels = Map.of(Labels.OWNER, owner.id(), Labels.DETACHED, Boolean.toString(b.detached));
            this.network = new PodNetwork(docker.client(), b.network);
            String gateway;
            try {
                gateway = network.ensure();
            } catch (RuntimeException e) {
                throw new DockerUnavailableException("the engine at " + docker.endpoint() + " answered but cannot give pods a network: "
                        + e.getMessage() + ". Check its networks (docker network ls), or point DOCKER_HOST at another engine.", e);
            }
            this.ownStore = b.store == null;
            this.store = ownStore ? up.add(ObjectStore.inMemory()) : b.store;
            // Before any thread starts: describing the node reads its kept labels, which may fail.
            this.node = EngineNode.describe(docker, store, b.nodeName, gateway, b.stateDir, this::rescheduleAll);
            this.writes = new ObjectWrites(this, store);
            this.listeners = up.add(new Listeners(store, changes::changed, Startup.threads("pod4j-notify")));
            this.kubelet = up.add(new Kubelet(store, listeners::podChanged, changes::changed));
            this.events = new EventLog(store, kubelet::flushEvents);
            this.services = up.add(ServiceNetwork.start(docker.client(), store, network, ownerLabels)); // with its containers
            this.ctx = new EngineContext(docker, io, timer, b.backOffBase, b.backOffCap,
                    new Images(docker.client(), b.pauseImage), network,
                    b.nodeName, ownerLabels, kubelet.objects(), node.local(), node::unschedulable,
                    up.add(new ProbeRunner(docker.streams())), b.strictProbeTiming, kubelet.sink(), services);
            node.register(io); // off this thread: whoever reads the node (the scheduler, node(), store()) waits for it
            if (!store.list(ResourceTypes.PODS, ListOptions.all()).items().isEmpty()) {
                CreatedFor.forgetOrphans(store);
                reaper.sweep(); // pods of a previous run: what their dead owner left goes before they start again
            }
            kubelet.start(ctx);
            // As kube-controller-manager beside the kubelet: Deployments, ReplicaSets, Jobs... make Pods in the store.
            this.controllers = ControllerManager.start(store, Controllers.builtIn(store, java.time.Clock.systemUTC()));
        } catch (RuntimeException | Error e) {
            up.closeAll(e);
            throw e;
        }
        io.execute(reaper::sweep);
        timer.scheduleWithFixedDelay(() -> io.execute(reaper::sweep), 5, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> io.execute(events::expire), 1, 1, TimeUnit.MINUTES);
        this.shutdownHook = new Thread(this::closeOnExit, "pod4j-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** @return a builder with the kubelet's defaults */
    public static PodEngineBuilder builder() {
        return new PodEngineBuilder();
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
        Pod toStore = createdFor == null ? pod : CreatedFor.annotate(pod, createdFor);
        String ns = ObjectWrites.namespaceOf(pod);
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
     * created or replaced (pods created later can use them); Deployments, ReplicaSets, StatefulSets,
     * DaemonSets, Jobs and CronJobs are created or patched (strategic merge), and the controllers
     * make their Pods (read them from {@link #store()}); new Pods are created, and an existing
     * Pod is patched with the manifest (strategic merge, as kubectl's patch), so its labels and
     * annotations change and its images may change; the store refuses any other change of a Pod's
     * spec, in the API server's words.
     *
     * @param objects objects, for example from {@code Manifests.load}; Services are created or replaced
     *     with the ConfigMaps and Secrets; other kinds are ignored
     * @return handles on the Pods of the list, in order (not the workloads' pods)
     * @throws io.pod4j.api.error.ManifestValidationException when an object is invalid: then no
     *     ConfigMap or Secret of the list is stored, and of the Pods those before it were applied
     */
    public List<PodHandle> apply(List<? extends HasMetadata> objects) {
        return writes.apply(objects);
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
        return writes.updateMetadata(namespace, name, labels, annotations);
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
        return writes.updateImages(namespace, name, images);
    }

    /**
     * @param namespace the namespace
     * @param name the pod's name
     * @return the pod's events (copies), oldest first: of the pod now of that name, or (when there
     *     is none) of the last one, deleted a moment ago
     */
    public List<Event> events(String namespace, String name) {
        return events.of(namespace, name);
    }

    /**
     * @param listener hears of pod changes and events, as the store's watches report them
     * @return closing it stops the listening
     */
    public AutoCloseable addListener(PodListener listener) {
        return listeners.add(listener);
    }

    /**
     * Creates or replaces a ConfigMap, Secret or Service in the store, for pods created afterwards.
     *
     * @param object a ConfigMap, Secret or Service (the store keeps a copy)
     * @throws io.pod4j.api.error.ManifestValidationException when it is invalid, or changes an immutable one
     */
    public void put(HasMetadata object) {
        writes.put(object);
    }

    /**
     * @param object a ConfigMap or Secret
     * @return true when the store has an object of that kind, namespace and name
     */
    public boolean knows(HasMetadata object) {
        return writes.knows(object);
    }

    /**
     * @param pod a pod
     * @return the process it was created for ({@link #create(Pod, Owner)}), if any
     */
    public static Optional<Owner> createdFor(Pod pod) {
        return CreatedFor.of(pod);
    }

    /**
     * @param namespace the Service's namespace
     * @param name its name
     * @return a handle on the Service (which need not exist yet)
     */
    public ServiceHandle service(String namespace, String name) {
        return new ServiceHandle(this, namespace, name);
    }

    ServiceNetwork services() {
        return services;
    }

    /** Pods that wait for a matching node try again (its labels changed). */
    private void rescheduleAll() {
        kubelet.wakeAll();
    }

    /** The reaper found an orphan; true when this engine runs it (and kills it at once). */
    private boolean killOrphan(String uid) {
        return kubelet != null && kubelet.killNow(uid);
    }

    /** @return the store every object of this engine lives in (its API rules, watches, patches), its node registered */
    public ObjectStore store() {
        node.awaitRegistered();
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
        return changes.await(namespace + "/" + name, what, () -> get(namespace, name), condition,
                last -> Diagnostics.summary(last.orElse(null), events(namespace, name)), timeout);
    }

    /** Waits until the pod is gone from the store and the kubelet side has removed all it had. */
    void awaitGone(String namespace, String name, Duration timeout) {
        await(namespace, name, "be deleted", p -> p.isEmpty() && !kubelet.running(namespace, name), timeout);
    }

    // ---------------------------------------------------------------- the node

    /** @return the per-user state directory: $POD4J_STATE_DIR, else ~/.pod4j */
    public static java.nio.file.Path defaultStateDir() {
        return EngineNode.defaultStateDir();
    }

    /** @return the local node as the store has it, with its labels, capacity and versions (a copy) */
    public Node node() {
        return node.get();
    }

    /**
     * Replaces the labels a user gave the node (the well-known ones stay) and keeps them across
     * runs; pods waiting for a matching node are scheduled again at once.
     *
     * @param labels the node's labels
     * @return the node after the change (a copy)
     */
    public Node labelNode(Map<String, String> labels) {
        return node.label(labels);
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
        controllers.close(); // first: a ReplicaSet must not replace the pods deleted below
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
            changes.awaitUntil(() -> kubelet.workers().isEmpty(),
                    System.nanoTime() + options.closeGracePeriod.plusSeconds(30).toNanos());
            services.close(true); // after the pods: their connections went through it to the end
            if (network.created()) {
                try {
                    docker.client().removeNetworkCmd(options.network).exec(); // unique by name: PodNetwork saw to it
                } catch (DockerException inUse) {
                    // Other engines' pods still use it; the last one out removes it.
                }
            }
        }
        closed = true;
        services.close(false); // detached: the Services stay with the pods
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
}

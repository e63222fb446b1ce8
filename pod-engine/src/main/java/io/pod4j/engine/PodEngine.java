package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.reaper.Owner;
import io.pod4j.engine.reaper.Reaper;
import io.pod4j.store.ObjectStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs Kubernetes Pods on a Docker engine, as the kubelet runs them on a node, or on a Kubernetes
 * cluster ({@link PodEngineBuilder#kubernetes()}). Thread-safe; close it to delete the pods it
 * started (unless they were started detached).
 *
 * <p>Locally, every object lives in an {@link ObjectStore} (pod-store), with the API server's rules:
 * create, apply, update and delete are store requests, and the engine's kubelet side runs the Pods
 * of the store and writes their status and events back to it. On a cluster, the same requests go
 * to its API server, in namespaces of the engine's own. Pods, ConfigMaps, Secrets and events
 * are fabric8's model objects, which can be changed: the engine copies what it is given and hands
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

    private final Changes changes = new Changes();
    private final Backend backend;
    private final Thread shutdownHook;
    private volatile boolean closed;

    PodEngine(PodEngineBuilder b) {
        this.backend = b.kubernetes == null ? new LocalBackend(b, changes) : b.openKubernetes(changes::changed);
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
        return handleOf(backend.create(pod, createdFor));
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
     *     with the ConfigMaps and Secrets; PersistentVolumeClaims, PersistentVolumes and
     *     StorageClasses are created or patched before the workloads; other kinds are ignored
     * @return handles on the Pods of the list, in order (not the workloads' pods)
     * @throws io.pod4j.api.error.ManifestValidationException when an object is invalid: then no
     *     ConfigMap or Secret of the list is stored, and of the Pods those before it were applied
     */
    public List<PodHandle> apply(List<? extends HasMetadata> objects) {
        requireOpen();
        return backend.apply(objects).stream().map(this::handleOf).toList();
    }

    /**
     * @param namespace the namespace
     * @param name the pod's name
     * @return the pod with its current status (a copy), if it exists
     */
    public Optional<Pod> get(String namespace, String name) {
        return backend.get(namespace, name);
    }

    /**
     * @param namespace a namespace, or null for all namespaces
     * @param labels a label selector, or null for every pod
     * @param fields a field selector, or null for every pod
     * @return the matching pods (copies), sorted by namespace and name
     */
    public List<Pod> list(String namespace, LabelSelector labels, FieldSelector fields) {
        return backend.list(namespace, labels, fields);
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
        backend.delete(namespace, name, gracePeriod);
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
        return backend.updateMetadata(namespace, name, labels, annotations);
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
        return backend.updateImages(namespace, name, images);
    }

    /**
     * @param namespace the namespace
     * @param name the pod's name
     * @return the pod's events (copies), oldest first: of the pod now of that name, or (when there
     *     is none) of the last one, deleted a moment ago
     */
    public List<Event> events(String namespace, String name) {
        return backend.events(namespace, name);
    }

    /**
     * @param listener hears of pod changes and events, as the store's watches report them
     * @return closing it stops the listening
     */
    public AutoCloseable addListener(PodListener listener) {
        return backend.addListener(listener);
    }

    /**
     * Creates or replaces a ConfigMap, Secret or Service in the store, for pods created afterwards.
     *
     * @param object a ConfigMap, Secret or Service (the store keeps a copy)
     * @throws io.pod4j.api.error.ManifestValidationException when it is invalid, or changes an immutable one
     */
    public void put(HasMetadata object) {
        requireOpen();
        backend.put(object);
    }

    /**
     * @param object a ConfigMap or Secret
     * @return true when the store has an object of that kind, namespace and name
     */
    public boolean knows(HasMetadata object) {
        return backend.knows(object);
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

    Backend backend() {
        return backend;
    }

    /**
     * @return the store every object of this engine lives in (its API rules, watches, patches)
     * @throws UnsupportedOperationException when the engine runs on a Kubernetes cluster, whose
     *     objects are read through its API
     */
    public ObjectStore store() {
        return local("store()").store();
    }

    /**
     * @return the Docker connection this engine uses (endpoint, version)
     * @throws UnsupportedOperationException when the engine runs on a Kubernetes cluster
     */
    public DockerConnection docker() {
        return local("docker()").docker();
    }

    /** @return the name of the node pods are scheduled to (on a cluster: none, as the scheduler chooses; null) */
    public String nodeName() {
        return backend.nodeName();
    }

    /**
     * Where a namespace of the engine's objects is on its backend: the same name locally; on a
     * Kubernetes cluster, the engine's own namespace for it ({@code default} → the engine's
     * generated namespace, {@code team-a} → that name followed by {@code -team-a}), which is where
     * a client of the cluster finds the engine's pods. The engine's methods take and return the
     * first name; only the cluster's own clients need the second.
     *
     * @param namespace a namespace as the engine's objects name it (null: default)
     * @return its name on the backend
     */
    public String clusterNamespace(String namespace) {
        return backend.clusterNamespace(namespace);
    }

    /** @return where this engine runs its pods: the local Docker engine, or a cluster and the engine's namespace */
    @Override
    public String toString() {
        return "PodEngine on " + backend.describe();
    }

    // ---------------------------------------------------------------- for handles

    /**
     * Waits until a pod satisfies a condition.
     *
     * @return the pod that satisfied it
     */
    Pod await(String namespace, String name, String what, Predicate<Optional<Pod>> condition, Duration timeout) {
        return changes.await(namespace + "/" + name, what, () -> get(namespace, name), condition,
                last -> Diagnostics.summary(last.orElse(null), events(namespace, name)), timeout);
    }

    /** Waits until the pod is gone and the backend has removed all it had. */
    void awaitGone(String namespace, String name, Duration timeout) {
        await(namespace, name, "be deleted", p -> p.isEmpty() && backend.gone(namespace, name), timeout);
    }

    /** @return the per-user state directory: $POD4J_STATE_DIR, else ~/.pod4j */
    public static java.nio.file.Path defaultStateDir() {
        return EngineNode.defaultStateDir();
    }

    /**
     * @return the local node as the store has it, with its labels, capacity and versions (a copy)
     * @throws UnsupportedOperationException when the engine runs on a Kubernetes cluster (many nodes)
     */
    public Node node() {
        return backend.node();
    }

    /**
     * Replaces the labels a user gave the node (the well-known ones stay) and keeps them across
     * runs; pods waiting for a matching node are scheduled again at once.
     *
     * @param labels the node's labels
     * @return the node after the change (a copy)
     * @throws UnsupportedOperationException when the engine runs on a Kubernetes cluster
     */
    public Node labelNode(Map<String, String> labels) {
        return backend.labelNode(labels);
    }

    private PodHandle handleOf(Pod pod) {
        return new PodHandle(this, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }

    private LocalBackend local(String what) {
        if (backend instanceof LocalBackend local) {
            return local;
        }
        throw new UnsupportedOperationException("PodEngine." + what + " belongs to the local backend; this engine runs on "
                + backend.describe() + ": read the cluster through its API (a fabric8 KubernetesClient)");
    }

    // ---------------------------------------------------------------- close

    /**
     * Deletes the pods this engine started (unless it was built {@code detached}), waits until
     * they are gone, and releases the Docker connection (on a cluster: deletes the engine's
     * namespaces and closes the client). Idempotent.
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
        closed = true;
        backend.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this PodEngine is closed; build a new one");
        }
    }
}

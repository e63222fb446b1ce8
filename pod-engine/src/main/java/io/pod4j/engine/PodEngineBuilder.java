package io.pod4j.engine;

import io.pod4j.store.ObjectStore;
import java.time.Duration;

/** Options of a {@link PodEngine} ({@link PodEngine#builder()}); every setter returns the builder. */
public final class PodEngineBuilder {
    Duration backOffBase = Duration.ofSeconds(10);
    Duration backOffCap = Duration.ofMinutes(5);
    Duration closeGracePeriod = Duration.ZERO;
    String pauseImage;
    String dockerHost;
    String network = "bridge";
    String nodeName = defaultNodeName();
    boolean detached;
    boolean strictProbeTiming;
    java.nio.file.Path stateDir;
    ObjectStore store;
    KubernetesTarget kubernetes;
    private String namespacePrefix = "pod4j-";
    private Duration heartbeat = Duration.ofSeconds(10);

    PodEngineBuilder() {
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
    public PodEngineBuilder store(ObjectStore store) {
        this.store = java.util.Objects.requireNonNull(store, "store");
        return this;
    }

    /**
     * @param dir where the engine keeps state that must survive restarts (node labels);
     *     default {@code $POD4J_STATE_DIR} or {@code ~/.pod4j}
     * @return this builder
     */
    public PodEngineBuilder stateDir(java.nio.file.Path dir) {
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
    public PodEngineBuilder strictProbeTiming(boolean strict) {
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
    public PodEngineBuilder backOffBase(Duration base) {
        this.backOffBase = java.util.Objects.requireNonNull(base, "base");
        return this;
    }

    /**
     * @param cap the longest back-off (the kubelet's is 5 minutes)
     * @return this builder
     */
    public PodEngineBuilder backOffCap(Duration cap) {
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
    public PodEngineBuilder closeGracePeriod(Duration grace) {
        this.closeGracePeriod = java.util.Objects.requireNonNull(grace, "grace");
        return this;
    }

    /**
     * @param image an infra image to use instead of pod4j's built-in one, such as
     *     {@code registry.k8s.io/pause:3.10} (needs a registry; use it on arm64)
     * @return this builder
     */
    public PodEngineBuilder pauseImage(String image) {
        this.pauseImage = image;
        return this;
    }

    /**
     * @param endpoint a Docker endpoint such as {@code unix:///var/run/docker.sock}; by default
     *     it is found like Testcontainers finds it
     * @return this builder
     */
    public PodEngineBuilder dockerHost(String endpoint) {
        this.dockerHost = endpoint;
        return this;
    }

    /**
     * @param network the Docker network pods get their IPs on (default: Docker's {@code bridge});
     *     another name is created when missing and removed when the last engine using it closes
     * @return this builder
     */
    public PodEngineBuilder network(String network) {
        this.network = java.util.Objects.requireNonNull(network, "network");
        return this;
    }

    /**
     * @param nodeName the local node's name (default: this machine's host name)
     * @return this builder
     */
    public PodEngineBuilder nodeName(String nodeName) {
        this.nodeName = java.util.Objects.requireNonNull(nodeName, "nodeName");
        return this;
    }

    /**
     * @param detached true to leave pods running when the engine closes or its process exits
     * @return this builder
     */
    public PodEngineBuilder detached(boolean detached) {
        this.detached = detached;
        return this;
    }

    /**
     * Runs the engine's pods on the Kubernetes cluster fabric8's client finds as kubectl does
     * ({@code KUBECONFIG}, else {@code ~/.kube/config}, its current context; in a pod, the service
     * account). Needs {@code io.pod4j:pod-kubernetes} on the class path. The engine works in
     * namespaces of its own, which it creates and, on close, deletes; see the README's
     * "On a Kubernetes cluster".
     *
     * @return this builder
     */
    public PodEngineBuilder kubernetes() {
        return kubernetes(null, null, null);
    }

    /**
     * Runs the engine's pods on the cluster a kubeconfig file names (see {@link #kubernetes()}).
     *
     * @param kubeconfig the kubeconfig file, or null for fabric8's discovery (KUBECONFIG, ~/.kube/config)
     * @param context its context to use, or null for its current context
     * @return this builder
     */
    public PodEngineBuilder kubernetes(java.nio.file.Path kubeconfig, String context) {
        return kubernetes(kubeconfig, context, null);
    }

    /**
     * Runs the engine's pods on the cluster a fabric8 client configuration names (see
     * {@link #kubernetes()}).
     *
     * @param config the client's configuration (the engine makes its own client from it)
     * @return this builder
     */
    public PodEngineBuilder kubernetes(io.fabric8.kubernetes.client.Config config) {
        return kubernetes(null, null, java.util.Objects.requireNonNull(config, "config"));
    }

    private PodEngineBuilder kubernetes(java.nio.file.Path kubeconfig, String context, Object config) {
        this.kubernetes = new KubernetesTarget(kubeconfig, context, config, null, null, false, null);
        return this;
    }

    /**
     * @param prefix what the names of the namespaces the engine creates on a cluster start with
     *     (default {@code pod4j-}); a DNS label's characters
     * @return this builder
     */
    public PodEngineBuilder namespacePrefix(String prefix) {
        this.namespacePrefix = java.util.Objects.requireNonNull(prefix, "prefix");
        return this;
    }

    /**
     * @param interval how often an engine on a cluster writes the heartbeat on its namespaces
     *     (default 10 s); an engine deletes the namespaces of another whose heartbeat is three
     *     intervals old (its process died without closing it)
     * @return this builder
     */
    public PodEngineBuilder heartbeat(Duration interval) {
        this.heartbeat = java.util.Objects.requireNonNull(interval, "interval");
        return this;
    }

    /** The Kubernetes backend, from pod-kubernetes through the ServiceLoader: pod-engine does not depend on it. */
    Backend openKubernetes(Runnable changed) {
        KubernetesTarget t = new KubernetesTarget(kubernetes.kubeconfig().orElse(null), kubernetes.context().orElse(null),
                kubernetes.config().orElse(null), namespacePrefix, closeGracePeriod, detached, heartbeat);
        var providers = java.util.ServiceLoader.load(BackendProvider.class, PodEngineBuilder.class.getClassLoader()).iterator();
        if (!providers.hasNext()) {
            throw new IllegalStateException("PodEngine.builder().kubernetes(...) needs pod4j's Kubernetes backend on the class path: "
                    + "add the dependency io.pod4j:pod-kubernetes (it brings fabric8's kubernetes-client)");
        }
        return providers.next().open(t, changed);
    }

    /**
     * Connects to Docker (or the Kubernetes cluster) and starts the engine.
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

package io.pod4j.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Kubernetes cluster a {@link PodEngine} runs its pods on, and how
 * ({@link PodEngineBuilder#kubernetes()}): the client's configuration, from a kubeconfig file and
 * context or a fabric8 {@code Config}; the prefix of the namespaces the engine creates; the grace
 * period of the pods it deletes on close; how often it proves it is alive.
 */
public final class KubernetesTarget {

    private final Path kubeconfig;
    private final String context;
    private final Object config;
    private final String namespacePrefix;
    private final Duration closeGracePeriod;
    private final boolean detached;
    private final Duration heartbeat;

    KubernetesTarget(Path kubeconfig, String context, Object config, String namespacePrefix, Duration closeGracePeriod,
            boolean detached, Duration heartbeat) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.config = config;
        this.namespacePrefix = namespacePrefix;
        this.closeGracePeriod = closeGracePeriod;
        this.detached = detached;
        this.heartbeat = heartbeat;
    }

    /** @return the kubeconfig file, if one was named (else fabric8's discovery: KUBECONFIG, ~/.kube/config, in-cluster) */
    public Optional<Path> kubeconfig() {
        return Optional.ofNullable(kubeconfig);
    }

    /** @return the kubeconfig context, if one was named (else the file's current context) */
    public Optional<String> context() {
        return Optional.ofNullable(context);
    }

    /**
     * @return the fabric8 {@code io.fabric8.kubernetes.client.Config} given, if any (typed as
     *     Object so that this class loads without fabric8's client)
     */
    public Optional<Object> config() {
        return Optional.ofNullable(config);
    }

    /** @return what the engine's namespaces' names start with */
    public String namespacePrefix() {
        return namespacePrefix;
    }

    /** @return the grace period of the pods the engine deletes when it closes */
    public Duration closeGracePeriod() {
        return closeGracePeriod;
    }

    /** @return true to leave the engine's namespaces and pods on the cluster when it closes */
    public boolean detached() {
        return detached;
    }

    /** @return how often the engine writes its heartbeat on its namespaces; three missed ones mark its owner dead */
    public Duration heartbeat() {
        return heartbeat;
    }
}

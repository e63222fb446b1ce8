package io.pod4j.engine;

/**
 * Opens a {@link Backend} on a Kubernetes cluster. Found with {@link java.util.ServiceLoader}: the
 * module {@code pod-kubernetes} provides it, so pod-engine needs no Kubernetes client on the class
 * path until {@link PodEngineBuilder#kubernetes} is used.
 */
public interface BackendProvider {

    /**
     * @param target the cluster, and how the engine uses it
     * @param changed to run whenever a pod or event of the engine changes
     * @return a backend working in namespaces of its own on that cluster
     */
    Backend open(KubernetesTarget target, Runnable changed);
}

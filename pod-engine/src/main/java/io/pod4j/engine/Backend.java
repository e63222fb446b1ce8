package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.engine.reaper.Owner;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a {@link PodEngine}'s Pods run: the local Docker engine (pod4j's own store, kubelet and
 * controllers) or a Kubernetes cluster (its API server, controllers and kubelets, reached through
 * fabric8's client, module {@code pod-kubernetes}). {@link PodEngine} and {@link PodHandle} keep
 * the promises their methods document and delegate the work here, so the same code runs on
 * either. A service-provider interface for pod4j's backends ({@link BackendProvider}), not for
 * applications.
 *
 * <p>A backend reports every change of a pod or event it hears of to the {@code changed} signal
 * it was opened with, so that {@link PodHandle#await} can test its condition again.
 */
public interface Backend extends AutoCloseable {

    /** @return where pods run, for messages ("Docker at unix:///var/run/docker.sock", "cluster https://...") */
    String describe();

    /** @see PodEngine#clusterNamespace */
    String clusterNamespace(String namespace);

    /** @see PodEngine#create(Pod, Owner) */
    Pod create(Pod pod, Owner createdFor);

    /** @return the Pods of the list as applied, in order; @see PodEngine#apply */
    List<Pod> apply(List<? extends HasMetadata> objects);

    /** @see PodEngine#get */
    Optional<Pod> get(String namespace, String name);

    /** @see PodEngine#list */
    List<Pod> list(String namespace, LabelSelector labels, FieldSelector fields);

    /** @see PodEngine#delete */
    void delete(String namespace, String name, Duration gracePeriod);

    /** @return true when the pod is gone and nothing it had is left (containers, sandbox) */
    boolean gone(String namespace, String name);

    /** @see PodEngine#updateMetadata */
    Pod updateMetadata(String namespace, String name, Map<String, String> labels, Map<String, String> annotations);

    /** @see PodEngine#updateImages */
    Pod updateImages(String namespace, String name, Map<String, String> images);

    /** @see PodEngine#events */
    List<Event> events(String namespace, String name);

    /** @see PodEngine#addListener */
    AutoCloseable addListener(PodListener listener);

    /** @see PodEngine#put */
    void put(HasMetadata object);

    /** @see PodEngine#knows */
    boolean knows(HasMetadata object);

    /**
     * @param namespace the Service's namespace
     * @param name its name
     * @return the Service, if it exists
     */
    Optional<Service> service(String namespace, String name);

    /**
     * @param namespace the Service's namespace
     * @param name its name
     * @param port a TCP port of the Service, which has a cluster IP
     * @return where this machine reaches that port, once it can
     */
    Optional<InetSocketAddress> serviceAddress(String namespace, String name, int port);

    /**
     * @param pod the pod, which declares the port in that container
     * @param container the container
     * @param containerPort the port
     * @return where this machine reaches that port, once it can
     */
    Optional<InetSocketAddress> endpoint(Pod pod, String container, int containerPort);

    /** @see PodHandle#exec */
    ExecResult exec(String namespace, String name, String container, String... command);

    /** @see PodHandle#logs(String, boolean, Integer, boolean, Duration) */
    String logs(String namespace, String name, String container, boolean previous, Integer tail, boolean timestamps,
            Duration since);

    /** @see PodHandle#containerId */
    Optional<String> containerId(String namespace, String name, String container, boolean previous);

    /** @return the name of the node pods are scheduled to, when there is one node */
    String nodeName();

    /** @see PodEngine#node */
    Node node();

    /** @see PodEngine#labelNode */
    Node labelNode(Map<String, String> labels);

    /** Deletes what the engine started (unless detached) and releases every connection. Idempotent. */
    @Override
    void close();
}

package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the kubelet asks of a container runtime (the CRI's shape): sandboxes, containers, and what
 * exists of a pod. The Docker implementation is {@link DockerRuntime}; deciding what to call when
 * is the planner's and the worker's, never the runtime's.
 */
interface ContainerRuntime {

    /** @return where the runtime is reached, for messages ({@code unix:///var/run/docker.sock}) */
    String endpoint();

    /**
     * A pod's sandbox as it runs.
     *
     * @param id its container id
     * @param podIP the pod's IP
     * @param published where declared container ports are published on the host
     */
    record Sandbox(String id, String podIP, Map<Integer, InetSocketAddress> published) {
    }

    /**
     * Creates the pod's sandbox: the infra container holding its namespaces, ports, hostname and
     * volumes. Containers may be created to join it before it starts.
     *
     * @param pod the pod
     * @param labels the sandbox's labels
     * @param name the sandbox's container name
     * @return its id
     * @throws ContainerConfigException when a volume cannot be prepared
     */
    String createSandbox(Pod pod, Map<String, String> labels, String name) throws ContainerConfigException;

    /**
     * Starts a created sandbox and fills its configMap, secret and downwardAPI volumes.
     *
     * @param pod the pod
     * @param id the sandbox
     * @return the running sandbox
     * @throws ContainerConfigException when a volume cannot be filled
     */
    Sandbox startSandbox(Pod pod, String id) throws ContainerConfigException;

    /**
     * @param pod the pod, with its IPs in its status
     * @param container the container's definition
     * @param sandboxId the sandbox it joins
     * @param pidTargetId the container whose process namespace it joins (an ephemeral container's target), or null
     * @param env its resolved environment
     * @param labels its labels
     * @param name its container name
     * @param terminationFile the host file for its termination message, or null
     * @return the new container's id
     * @throws ContainerConfigException when it cannot be configured (volumes, subPath, user)
     */
    String createContainer(Pod pod, io.fabric8.kubernetes.api.model.Container container, String sandboxId, String pidTargetId,
            Map<String, String> env, Map<String, String> labels, String name, Path terminationFile) throws ContainerConfigException;

    /** @param id a created container */
    void startContainer(String id);

    /**
     * Stops a container: its stop signal, then SIGKILL after the timeout. Returns once it exited;
     * one that is gone already is no failure.
     *
     * @param id the container
     * @param timeout the grace it gets
     */
    void stopContainer(String id, Duration timeout);

    /**
     * Removes a container by force (killing it), with its anonymous volumes.
     *
     * @param id the container
     * @return null when it is gone, else why the engine refused
     */
    RuntimeException removeContainer(String id);

    /**
     * @param podUid a pod's uid
     * @return the state of every container of that pod Docker has ({@code running}, {@code exited}, ...), by id
     */
    Map<String, String> podContainers(String podUid);

    /**
     * @param container a container whose current instance may have ended
     * @return how it ended, with its termination message; null while it runs; an unknown end when
     *     it was removed behind our back
     */
    ContainerStateTerminated ended(ContainerRecord container);

    /** @param podUid removes the Docker volumes of that pod */
    void removeVolumes(String podUid);

    /**
     * A container of this engine's pods as a listing shows it; one neither running nor exited is
     * being created, paused or restarted.
     *
     * @param podUid the uid of its pod
     * @param running true while it runs
     * @param exited true once it exited
     */
    record Listed(String podUid, boolean running, boolean exited) {
    }

    /** @return every container of this engine's pods, running or not, by id: what the PLEG relists */
    Map<String, Listed> containers();

    /**
     * Follows the runtime's container events for this engine's pods, on a connection of its own.
     *
     * @param events hears each container's start, death and removal
     * @param ended called once when the stream ends or breaks (the caller reconnects)
     * @return closes the stream
     */
    java.io.Closeable containerEvents(java.util.function.Consumer<PodLifecycleEvent> events, Runnable ended);
}

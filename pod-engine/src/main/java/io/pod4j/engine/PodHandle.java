package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.error.PodStartException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A handle on one pod of a {@link PodEngine}: its status, its published ports, exec and logs,
 * waiting for conditions, deletion. Cheap to make; holds no resources of its own. Closing it
 * deletes the pod.
 */
public final class PodHandle implements AutoCloseable {

    private final PodEngine engine;
    private final String namespace;
    private final String name;

    PodHandle(PodEngine engine, String namespace, String name) {
        this.engine = engine;
        this.namespace = namespace;
        this.name = name;
    }

    /** @return the pod's name */
    public String name() {
        return name;
    }

    /** @return the pod's namespace */
    public String namespace() {
        return namespace;
    }

    /**
     * @return the pod with its current status: a copy of the engine's, yours to change
     * @throws NotFoundException when the pod was deleted
     */
    public Pod pod() {
        return engine.get(namespace, name).orElseThrow(() -> new NotFoundException("pods", name));
    }

    /** @return the pod's current status (a copy) */
    public PodStatus status() {
        return pod().getStatus();
    }

    /** @return the pod's IP on the pod network */
    public String podIP() {
        return status().getPodIP();
    }

    /** @return the pod's events (copies), oldest first */
    public List<Event> events() {
        return engine.events(namespace, name);
    }

    /**
     * Waits until the pod is Ready (all its containers ready), as {@code kubectl wait
     * --for=condition=Ready}.
     *
     * @param timeout how long to wait
     * @return the ready pod
     * @throws io.pod4j.api.error.PodTimeoutException with the last status and events seen
     * @throws PodStartException when the pod ended (Succeeded or Failed) and so never will be Ready
     */
    public Pod awaitReady(Duration timeout) {
        Pod p = await(PodHandle::isReadyOrOver, "become Ready", timeout);
        String phase = p.getStatus().getPhase();
        if (!isReady(p)) {
            throw new PodStartException("pod " + namespace + "/" + name + " will never be Ready: it is " + phase
                    + "\n" + Diagnostics.summary(p, events()));
        }
        return p;
    }

    /**
     * Waits until the pod reaches a phase.
     *
     * @param phase Pending, Running, Succeeded or Failed
     * @param timeout how long to wait
     * @return the pod in that phase
     */
    public Pod awaitPhase(String phase, Duration timeout) {
        return await(p -> phase.equals(p.getStatus().getPhase()), "reach phase " + phase, timeout);
    }

    /**
     * Waits until the pod satisfies a condition.
     *
     * @param condition the condition, given a copy of the pod each time
     * @param description what is awaited, for the timeout message (e.g. "restart twice")
     * @param timeout how long to wait
     * @return the pod that satisfied it
     * @throws io.pod4j.api.error.PodTimeoutException with the last status and events seen
     */
    public Pod await(Predicate<Pod> condition, String description, Duration timeout) {
        return engine.await(namespace, name, description,
                p -> p.isPresent() && p.get().getStatus() != null && condition.test(p.get()), timeout);
    }

    /**
     * Waits until the pod and all its Docker objects are gone.
     *
     * @param timeout how long to wait
     */
    public void awaitDeletion(Duration timeout) {
        engine.awaitGone(namespace, name, timeout);
    }

    /**
     * Where a container port is published on this machine (127.0.0.1 unless the manifest chose a
     * hostIP): what tests connect to, also where pod IPs are unreachable (Docker Desktop). On a
     * cluster, a local port forwarded to the pod's port (as {@code kubectl port-forward}), opened
     * on first use and closed with the engine.
     *
     * @param container the container declaring the port
     * @param containerPort the port
     * @return the published address
     * @throws IllegalArgumentException when the container does not declare the port
     */
    public InetSocketAddress endpoint(String container, int containerPort) {
        Pod p = pod();
        boolean declared = java.util.stream.Stream.concat(orEmpty(p.getSpec().getContainers()).stream(), orEmpty(p.getSpec().getInitContainers()).stream())
                .filter(c -> c.getName().equals(container))
                .anyMatch(c -> declares(c, containerPort));
        if (!declared) {
            throw new IllegalArgumentException("container \"" + container + "\" of pod " + name + " declares no port "
                    + containerPort + "; add it to the container's ports");
        }
        return engine.backend().endpoint(p, container, containerPort)
                .orElseThrow(() -> new IllegalStateException("port " + containerPort + " of pod " + name
                        + " is not published yet; wait for the pod to start"));
    }

    /**
     * Runs a command in a container and waits for it, as {@code kubectl exec}.
     *
     * @param container the container
     * @param command the command and its arguments
     * @return exit code and output
     */
    public ExecResult exec(String container, String... command) {
        return engine.backend().exec(namespace, name, container, command);
    }

    /**
     * @param container the container
     * @return everything the container wrote, stdout and stderr interleaved, as {@code kubectl logs}
     */
    public String logs(String container) {
        return logs(container, false, null);
    }

    /**
     * @param container the container
     * @param previous true for the instance before the last restart ({@code kubectl logs -p})
     * @param tail the number of last lines, or null for all
     * @return the log text
     */
    public String logs(String container, boolean previous, Integer tail) {
        return logs(container, previous, tail, false, null);
    }

    /**
     * @param container the container
     * @param previous true for the instance before the last restart ({@code kubectl logs -p})
     * @param tail the number of last lines, or null for all
     * @param timestamps true to prefix each line with its RFC 3339 time ({@code --timestamps})
     * @param since only lines newer than this, or null for all ({@code --since})
     * @return the log text
     */
    public String logs(String container, boolean previous, Integer tail, boolean timestamps, Duration since) {
        return engine.backend().logs(namespace, name, container, previous, tail, timestamps, since);
    }

    /**
     * @param container a container name
     * @param previous true for the instance before the last restart
     * @return the id of that container instance (Docker's locally; on a cluster, the runtime's, as
     *     {@code containerStatuses[].containerID} names it without its {@code docker://} prefix)
     */
    public String containerId(String container, boolean previous) {
        return engine.backend().containerId(namespace, name, container, previous)
                .orElseThrow(() -> noContainer(name, container, previous));
    }

    static IllegalArgumentException noContainer(String pod, String container, boolean previous) {
        return new IllegalArgumentException(previous
                ? "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found"
                : "container \"" + container + "\" in pod \"" + pod + "\" is not created yet, or does not exist");
    }

    /**
     * What a person would run kubectl for when something is wrong: phase, conditions, container
     * states, recent events, and the last lines of each container's log (and of its previous
     * instance when it restarted).
     *
     * @param logLines how many log lines per container
     * @return the report
     */
    public String diagnose(int logLines) {
        StringBuilder sb = new StringBuilder("pod ").append(namespace).append('/').append(name).append('\n');
        Pod p = engine.get(namespace, name).orElse(null);
        sb.append(Diagnostics.summary(p, events())).append('\n');
        if (p != null) {
            List<String> containers = new java.util.ArrayList<>();
            orEmpty(p.getSpec().getInitContainers()).forEach(c -> containers.add(c.getName()));
            orEmpty(p.getSpec().getContainers()).forEach(c -> containers.add(c.getName()));
            for (String c : containers) {
                for (boolean previous : new boolean[] {true, false}) {
                    try {
                        String log = logs(c, previous, logLines).stripTrailing();
                        sb.append("  --- logs of ").append(c).append(previous ? " (previous instance)" : "").append(" ---\n");
                        sb.append(log.isEmpty() ? "  (empty)" : log.indent(2).stripTrailing()).append('\n');
                    } catch (RuntimeException none) {
                        // No such instance (never started, or never restarted).
                    }
                }
            }
        }
        return sb.toString().stripTrailing();
    }

    /**
     * Starts deleting the pod gracefully (see {@link PodEngine#delete}).
     */
    public void delete() {
        engine.delete(namespace, name, null);
    }

    /** Deletes the pod at once (grace period 0) and waits until it is gone. */
    @Override
    public void close() {
        try {
            engine.delete(namespace, name, Duration.ZERO);
            awaitDeletion(Duration.ofSeconds(60));
        } catch (NotFoundException gone) {
            // Already deleted.
        }
    }

    private static boolean declares(Container c, int containerPort) {
        return orEmpty(c.getPorts()).stream()
                .anyMatch(port -> port.getContainerPort() != null && port.getContainerPort() == containerPort);
    }

    static boolean isReady(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static boolean isReadyOrOver(Pod p) {
        String phase = p.getStatus().getPhase();
        return isReady(p) || "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    @Override
    public String toString() {
        return "pod " + namespace + "/" + name;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

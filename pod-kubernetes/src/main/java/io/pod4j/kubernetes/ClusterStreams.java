package io.pod4j.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.pod4j.engine.ExecResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Exec and logs of the Kubernetes backend's containers, through the API server (as kubectl exec and logs). */
final class ClusterStreams {

    private final KubernetesClient client;
    private final ClusterErrors errors;

    ClusterStreams(KubernetesClient client, ClusterErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    /** Runs a command in a container of a pod in a namespace of the cluster, and waits for it. */
    ExecResult exec(String namespace, String name, String container, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch w = errors.call("create", "pods/exec", namespace, name, () -> client.pods().inNamespace(namespace)
                .withName(name).inContainer(container).writingOutput(out).writingError(err).exec(command))) {
            Integer code = w.exitCode().get(10, TimeUnit.MINUTES);
            return new ExecResult(code == null ? -1 : code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("exec of " + String.join(" ", command) + " in container \"" + container + "\" of pod "
                    + namespace + "/" + name + " failed: " + e.getMessage(), e);
        }
    }

    /** A container's log, as {@code kubectl logs [-p] [--tail] [--timestamps] [--since]}. */
    String logs(String namespace, String name, String container, boolean previous, Integer tail, boolean timestamps,
            Duration since) {
        var c = client.pods().inNamespace(namespace).withName(name).inContainer(container);
        var stamped = timestamps ? c.usingTimestamps() : c;
        var which = previous ? stamped.terminated() : stamped;
        var after = since == null ? which : which.sinceSeconds((int) Math.max(1, since.toSeconds()));
        var last = tail == null ? after : after.tailingLines(tail);
        String log = errors.call("get", "pods/log", namespace, name, last::getLog);
        return log == null ? "" : log;
    }

    /**
     * @return the runtime's id of a container instance ({@code containerStatuses[].containerID}
     *     without its {@code docker://} or {@code containerd://} prefix), or of the one before its
     *     last restart
     */
    static Optional<String> containerId(Pod p, String container, boolean previous) {
        if (p.getStatus() == null) {
            return Optional.empty();
        }
        return Stream.of(p.getStatus().getInitContainerStatuses(), p.getStatus().getContainerStatuses())
                .filter(Objects::nonNull).flatMap(List::stream)
                .filter(s -> s.getName().equals(container))
                .map(s -> previous ? previousId(s) : s.getContainerID())
                .filter(id -> id != null && !id.isEmpty())
                .map(id -> id.contains("://") ? id.substring(id.indexOf("://") + 3) : id)
                .findFirst();
    }

    private static String previousId(ContainerStatus s) {
        return s.getLastState() == null || s.getLastState().getTerminated() == null ? null
                : s.getLastState().getTerminated().getContainerID();
    }

    static IllegalArgumentException noContainer(String pod, String container, boolean previous) {
        return new IllegalArgumentException(previous
                ? "previous terminated container \"" + container + "\" in pod \"" + pod + "\" not found"
                : "container \"" + container + "\" in pod \"" + pod + "\" is not created yet, or does not exist");
    }
}

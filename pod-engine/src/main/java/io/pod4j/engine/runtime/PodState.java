package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.kubelet.PodView;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one pod worker knows of its pod, the kubelet's per-pod cache: the pod as stored, its
 * containers, its sandbox, a deletion under way and the kubelet's own decisions. Fields are
 * guarded by this object's lock; {@link #view} gives the planner an immutable copy.
 */
final class PodState {

    Pod pod;
    final List<ContainerRecord> inits = new ArrayList<>();
    final List<ContainerRecord> apps = new ArrayList<>();

    String infraId;
    PodView.Sandbox sandbox = PodView.Sandbox.NONE;
    /** Sandboxes created so far, less one: part of the infra container's name, as the kubelet numbers them. */
    int sandboxAttempt;
    final BackOff sandboxBackOff;
    long sandboxFailedNanos;
    String sandboxMessage;
    String podIP;
    String hostIP;
    Map<Integer, InetSocketAddress> published = Map.of();
    Long startNanos;
    Instant startTime;

    boolean deleting;
    Duration grace;
    long graceDeadlineNanos;
    /** Everything the pod had is gone and the deletion was confirmed. */
    boolean removed;

    String failedReason;
    String failedMessage;
    /** Why Docker does not answer, or null when it answered last time. */
    String unreachable;
    /** The scheduler's message while the pod does not fit the node ("" before it decided), or null once bound. */
    String unschedulable = "";

    PodState(Pod pod, Duration backOffBase, Duration backOffCap) {
        this.pod = pod;
        this.sandboxBackOff = new BackOff(backOffBase, backOffCap);
        for (var c : Nulls.orEmpty(pod.getSpec().getInitContainers())) {
            inits.add(new ContainerRecord(c, "Always".equals(c.getRestartPolicy()) ? Role.SIDECAR : Role.INIT, backOffBase, backOffCap));
        }
        for (var c : Nulls.orEmpty(pod.getSpec().getContainers())) {
            apps.add(new ContainerRecord(c, Role.APP, backOffBase, backOffCap));
        }
    }

    synchronized PodView view() {
        return view(sandbox);
    }

    /**
     * @param assumed the sandbox's state to assume
     * @return the view, as if the sandbox were in that state (what would start first once it runs)
     */
    synchronized PodView view(PodView.Sandbox assumed) {
        long retryAt = sandbox == PodView.Sandbox.NONE ? sandboxBackOff.until(sandboxFailedNanos) : Long.MIN_VALUE;
        return new PodView(assumed, sandboxAttempt, retryAt, sandboxMessage, startNanos, startTime, podIP, hostIP, deleting, graceDeadlineNanos,
                deleting && grace.isZero(), failedReason, failedMessage, unreachable,
                inits.stream().map(ContainerRecord::view).toList(), apps.stream().map(ContainerRecord::view).toList());
    }

    synchronized List<ContainerRecord> all() {
        List<ContainerRecord> all = new ArrayList<>(inits);
        all.addAll(apps);
        return all;
    }

    synchronized ContainerRecord record(String name) {
        for (ContainerRecord r : all()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** @return true when the id is the sandbox's or a current instance's */
    synchronized boolean isCurrent(String containerId) {
        return containerId == null || containerId.equals(infraId) || all().stream().anyMatch(r -> containerId.equals(r.containerId));
    }

    /** @return true when the sandbox or a container this worker thinks alive is not among the running ones */
    synchronized boolean missesAny(java.util.Set<String> running) {
        return infraId != null && !running.contains(infraId)
                || all().stream().anyMatch(r -> r.state.alive() && !running.contains(r.containerId));
    }

    synchronized Pod pod() {
        return pod;
    }

    /** The pod with only the IPs in its status: what the downward API and env resolution read. */
    synchronized Pod withAddresses() {
        var status = new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPodIP(podIP).withHostIP(hostIP).build();
        return new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(), status);
    }

    /**
     * @param endpoint where Docker was asked
     * @param e how it failed to answer
     */
    synchronized void markUnreachable(String endpoint, RuntimeException e) {
        unreachable = "the Docker engine at " + endpoint + " does not answer (" + e.getMessage() + "); the pod's state is unknown until it does";
    }

    String key() {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}

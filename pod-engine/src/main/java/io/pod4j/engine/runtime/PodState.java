package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.kubelet.EphemeralContainers;
import io.pod4j.engine.kubelet.PodView;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything one pod worker knows of its pod, the kubelet's per-pod cache: the pod as stored, its
 * containers, its sandbox, a deletion under way and the kubelet's own decisions. Fields are
 * guarded by this object's lock; {@link #view} gives the planner an immutable copy.
 */
final class PodState {

    Pod pod;
    private final List<String> inits = new ArrayList<>();
    private final List<String> apps = new ArrayList<>();
    private final List<String> ephemerals = new ArrayList<>();
    private final Duration backOffBase;
    private final Duration backOffCap;
    /** By container name: what is known of each container now (values, replaced as they change). */
    private final Map<String, ContainerRecord> records = new HashMap<>();

    String infraId;
    PodView.Sandbox sandbox = PodView.Sandbox.NONE;
    /** Sandboxes created so far, less one: part of the infra container's name, as the kubelet numbers them. */
    int sandboxAttempt;
    BackOff sandboxBackOff;
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
    private final java.util.Set<String> diedEarly = new java.util.LinkedHashSet<>();
    private final java.util.Set<String> inspections = new java.util.HashSet<>();
    /** Why Docker does not answer, or null when it answered last time. */
    String unreachable;
    /** The scheduler's message while the pod does not fit the node ("" before it decided), or null once bound. */
    String unschedulable = "";

    PodState(Pod pod, Duration backOffBase, Duration backOffCap) {
        this.pod = pod;
        this.sandboxBackOff = new BackOff(backOffBase, backOffCap);
        this.backOffBase = backOffBase;
        this.backOffCap = backOffCap;
        for (var c : Nulls.orEmpty(pod.getSpec().getInitContainers())) {
            inits.add(c.getName());
            records.put(c.getName(), ContainerRecord.of(c, "Always".equals(c.getRestartPolicy()) ? Role.SIDECAR : Role.INIT,
                    backOffBase, backOffCap));
        }
        for (var c : Nulls.orEmpty(pod.getSpec().getContainers())) {
            apps.add(c.getName());
            records.put(c.getName(), ContainerRecord.of(c, Role.APP, backOffBase, backOffCap));
        }
        addEphemerals(pod);
    }

    /**
     * Adds the ephemeral containers the pod gained (the only containers a pod may gain).
     *
     * @param stored the pod as stored now
     * @return true when there was a new one
     */
    synchronized boolean addEphemerals(Pod stored) {
        boolean added = false;
        for (var e : EphemeralContainers.of(stored)) {
            if (!records.containsKey(e.getName())) {
                ephemerals.add(e.getName());
                records.put(e.getName(), ContainerRecord.of(EphemeralContainers.asContainer(e), Role.EPHEMERAL, backOffBase,
                        backOffCap));
                added = true;
            }
        }
        return added;
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
                inits.stream().map(n -> records.get(n).view()).toList(), apps.stream().map(n -> records.get(n).view()).toList(),
                ephemerals.stream().map(n -> records.get(n).view()).toList());
    }

    /** @return every container's record now, init containers first, then app and ephemeral containers, in spec order */
    synchronized List<ContainerRecord> all() {
        List<ContainerRecord> all = new ArrayList<>();
        inits.forEach(n -> all.add(records.get(n)));
        apps.forEach(n -> all.add(records.get(n)));
        ephemerals.forEach(n -> all.add(records.get(n)));
        return all;
    }

    /** @return the container's record now, or null when the pod has no container of that name */
    synchronized ContainerRecord record(String name) {
        return records.get(name);
    }

    /**
     * Replaces a container's record with a changed one.
     *
     * @param name the container
     * @param change the fields that change
     * @return the new record
     */
    synchronized ContainerRecord update(String name, Consumer<ContainerRecord.Change> change) {
        return records.compute(name, (n, r) -> r.with(change));
    }

    /** @param r replaces the record of that container */
    synchronized void put(ContainerRecord r) {
        records.put(r.name(), r);
    }

    /** @return true when the id is the sandbox's, or a current instance's this worker thinks alive */
    synchronized boolean thinksAlive(String containerId) {
        return containerId.equals(infraId) || records.values().stream().anyMatch(r -> r.state().alive() && containerId.equals(r.containerId()));
    }

    /**
     * The runtime reported the container dead before this worker knew it as running (it died
     * while its start or postStart was under way): remembered, so the start that records it
     * looks at Docker at once. The last few only.
     */
    synchronized void diedEarly(String containerId) {
        diedEarly.add(containerId);
        if (diedEarly.size() > 16) {
            diedEarly.remove(diedEarly.iterator().next());
        }
    }

    /** @return true when the runtime reported that container dead before it was recorded as running; it is then inspected */
    synchronized boolean reportedDead(String containerId) {
        boolean reported = diedEarly.remove(containerId);
        if (reported) {
            inspections.add(containerId);
        }
        return reported;
    }

    /** @param containerId a container the runtime reported ended: the next look at Docker inspects it */
    synchronized void inspect(String containerId) {
        inspections.add(containerId);
    }

    /** @return the containers to inspect on this look at Docker, forgotten here */
    synchronized java.util.Set<String> takeInspections() {
        java.util.Set<String> taken = java.util.Set.copyOf(inspections);
        inspections.clear();
        return taken;
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

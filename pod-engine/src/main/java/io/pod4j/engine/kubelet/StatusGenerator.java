package io.pod4j.engine.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.pod4j.api.build.Timestamps;
import io.pod4j.engine.kubelet.ContainerView.State;
import io.pod4j.engine.kubelet.PodActions.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A pod's status from what the worker knows of it and why its containers wait, as the kubelet's
 * {@code generateAPIPodStatus}: container statuses (ephemeral ones too), the phase ({@code getPhase}, sidecars counted
 * as the kubelet counts them), the conditions ({@code status/generate.go}) and the QoS class. A
 * pure function: a condition keeps its lastTransitionTime from the previous status while its
 * status does not change.
 */
public final class StatusGenerator {

    private StatusGenerator() {
    }

    /**
     * @param pod the pod
     * @param view what the worker knows of it
     * @param waiting why containers wait, from the last plan
     * @param previous the conditions written last time
     * @param now the wall clock, for condition transitions
     * @return the status
     */
    public static PodStatus generate(Pod pod, PodView view, Map<String, Waiting> waiting, List<PodCondition> previous, Instant now) {
        boolean hasInits = !view.inits().isEmpty();
        List<ContainerStatus> initStatuses = new ArrayList<>();
        for (ContainerView c : view.inits()) {
            initStatuses.add(status(pod, view, c, waiting.get(c.name()), hasInits, true));
        }
        List<ContainerStatus> appStatuses = new ArrayList<>();
        for (ContainerView c : view.apps()) {
            appStatuses.add(status(pod, view, c, waiting.get(c.name()), hasInits, false));
        }
        List<ContainerStatus> ephemeralStatuses = new ArrayList<>();
        for (ContainerView c : view.ephemerals()) {
            // Neither probed nor counted: never ready, no started flag, as the kubelet reports them.
            ephemeralStatuses.add(new ContainerStatusBuilder(status(pod, view, c, waiting.get(c.name()), hasInits, false))
                    .withReady(false).withStarted(null).build());
        }
        String phase = view.failedReason() != null ? "Failed" : phase(pod, view);
        boolean unknown = view.unreachable() != null && PodPlanner.stateUnknown(view);
        if (unknown && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            phase = "Unknown"; // as for a pod on a node that stopped reporting: its last known state cannot be vouched for
        }
        boolean completed = "Succeeded".equals(phase) || "Failed".equals(phase);
        List<String> incomplete = new ArrayList<>();
        List<String> unready = new ArrayList<>();
        for (ContainerView c : view.inits()) {
            boolean sidecar = PodPlanner.isSidecar(pod, c.name());
            if (sidecar ? !(c.state().alive() && c.started()) : !c.succeeded()) {
                incomplete.add(c.name());
            }
            if (sidecar && !(c.state().alive() && c.ready())) {
                unready.add(c.name());
            }
        }
        for (ContainerView c : view.apps()) {
            if (!(c.state().alive() && c.ready())) {
                unready.add(c.name());
            }
        }
        boolean initialized = incomplete.isEmpty();
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(previous, now, "PodReadyToStartContainers", view.sandbox() == PodView.Sandbox.READY && !completed, null, null));
        conditions.add(initialized ? condition(previous, now, "Initialized", true, null, null)
                : condition(previous, now, "Initialized", false, "ContainersNotInitialized",
                        "containers with incomplete status: [" + String.join(" ", incomplete) + "]"));
        String reason = completed ? "PodCompleted" : "ContainersNotReady";
        String message = completed ? null : "containers with unready status: [" + String.join(" ", unready) + "]";
        boolean ready = unready.isEmpty() && !completed && initialized;
        conditions.add(ready ? condition(previous, now, "Ready", true, null, null) : condition(previous, now, "Ready", false, reason, message));
        conditions.add(ready ? condition(previous, now, "ContainersReady", true, null, null)
                : condition(previous, now, "ContainersReady", false, reason, message));
        conditions.add(condition(previous, now, "PodScheduled", true, null, null));
        PodStatusBuilder b = new PodStatusBuilder()
                .withPhase(phase)
                .withConditions(conditions)
                .withHostIP(view.hostIP())
                .withPodIP(view.podIP())
                .withStartTime(Timestamps.time(view.startTime()))
                .withInitContainerStatuses(initStatuses)
                .withContainerStatuses(appStatuses)
                .withEphemeralContainerStatuses(ephemeralStatuses)
                .withQosClass(qos(pod));
        if (view.hostIP() != null) {
            b.withHostIPs(new HostIP(view.hostIP()));
        }
        if (view.podIP() != null) {
            b.withPodIPs(new PodIP(view.podIP()));
        }
        if (view.failedReason() != null) {
            b.withReason(view.failedReason()).withMessage(view.failedMessage());
        } else if ("Unknown".equals(phase)) {
            b.withMessage(view.unreachable());
        }
        return b.build();
    }

    /**
     * The status of a pod the scheduler has not placed on the node.
     *
     * @param pod the pod
     * @param why the scheduler's message, or empty before it decided
     * @param previous the conditions written last time
     * @param now the wall clock
     * @return the status: Pending, PodScheduled False
     */
    public static PodStatus unscheduled(Pod pod, String why, List<PodCondition> previous, Instant now) {
        return new PodStatusBuilder()
                .withPhase("Pending")
                .withConditions(why.isEmpty() ? condition(previous, now, "PodScheduled", false, null, null)
                        : condition(previous, now, "PodScheduled", false, "Unschedulable", why))
                .withQosClass(qos(pod))
                .build();
    }

    private static ContainerStatus status(Pod pod, PodView view, ContainerView c, Waiting planned, boolean hasInits, boolean init) {
        boolean sidecar = init && PodPlanner.isSidecar(pod, c.name());
        ContainerStateBuilder state = new ContainerStateBuilder();
        ContainerStateTerminated last = c.lastTerminated();
        if (c.state().alive()) {
            state.withNewRunning(Timestamps.time(c.startedAt()));
        } else if (c.terminated() != null && planned == null) {
            state.withTerminated(c.terminated()); // a sidecar stopped at the end shows its real exit, as on a node
        } else {
            if (c.terminated() != null) {
                last = c.terminated(); // while it waits to start again, its last exit is its lastState
            }
            String reason;
            String message;
            if (planned != null) {
                reason = planned.reason();
                message = planned.message();
            } else if (c.startError() != null) {
                reason = c.startError().reason();
                message = c.startError().message();
            } else {
                // The kubelet's default for a container with no instance yet.
                reason = hasInits ? "PodInitializing" : "ContainerCreating";
                message = view.sandbox() == PodView.Sandbox.READY ? null : view.sandboxMessage();
            }
            if (view.unreachable() != null && PodPlanner.stateUnknown(view)) {
                reason = null; // nothing is known of what it waits for; kubectl's STATUS then shows the phase, Unknown
                message = null;
            }
            state.withNewWaiting(message, reason);
        }
        boolean ready = init && !sidecar ? c.succeeded() : c.state().alive() && c.ready();
        Container spec = spec(pod, c.name());
        return new ContainerStatusBuilder()
                .withName(c.name())
                .withState(state.build())
                .withLastState(last == null ? new ContainerState() : new ContainerStateBuilder().withTerminated(last).build())
                .withReady(ready)
                .withStarted(c.state().alive() && c.started())
                .withRestartCount(c.restartCount())
                .withImage(c.image() != null ? c.image() : spec == null ? null : spec.getImage())
                .withImageID(c.imageId() == null ? "" : "docker-pullable://" + c.imageId())
                .withContainerID(c.containerId() == null ? null : "docker://" + c.containerId())
                .build();
    }

    /** The kubelet's getPhase. */
    static String phase(Pod pod, PodView view) {
        String policy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        boolean initPending = false;
        boolean sidecarAlive = false;
        for (ContainerView c : view.inits()) {
            boolean sidecar = PodPlanner.isSidecar(pod, c.name());
            if (!sidecar && c.state() == State.EXITED && !c.succeeded() && "Never".equals(policy)) {
                return "Failed";
            }
            initPending |= sidecar ? !(c.state().alive() && c.started()) : !c.succeeded();
            sidecarAlive |= sidecar && (c.state().alive() || c.state() == State.STARTING);
        }
        boolean initialized = view.apps().stream().anyMatch(c -> c.state() != State.NEW);
        if (initPending && !initialized) {
            return "Pending";
        }
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (ContainerView c : view.apps()) {
            if (c.state().alive()) {
                running++;
            } else if (c.state() == State.EXITED) {
                stopped++;
                if (c.succeeded()) {
                    succeeded++;
                }
            } else if (c.terminated() != null || c.lastTerminated() != null) {
                stopped++; // waiting to start again: it ran before
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        if (stopped == 0) {
            return "Pending";
        }
        if ("Always".equals(policy) || sidecarAlive && !view.deleting()) {
            return "Running"; // with sidecars still to be stopped, the pod is not over yet
        }
        if (stopped == succeeded) {
            return "Succeeded";
        }
        return "Never".equals(policy) ? "Failed" : "Running";
    }

    /** Guaranteed, Burstable or BestEffort, from requests and limits (pkg/apis/core/helper/qos). */
    public static String qos(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        List<Container> all = new ArrayList<>(orEmpty(pod.getSpec().getInitContainers()));
        all.addAll(orEmpty(pod.getSpec().getContainers()));
        for (var c : all) {
            ResourceRequirements r = c.getResources();
            if (r == null) {
                guaranteed = false;
                continue;
            }
            for (String res : List.of("cpu", "memory")) {
                Quantity limit = r.getLimits() == null ? null : r.getLimits().get(res);
                Quantity request = r.getRequests() == null ? null : r.getRequests().get(res);
                if (limit != null || request != null) {
                    any = true;
                }
                if (limit == null || request == null || limit.compareTo(request) != 0) {
                    guaranteed = false;
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static PodCondition condition(List<PodCondition> previous, Instant now, String type, boolean status, String reason,
            String message) {
        String s = status ? "True" : "False";
        String since = Timestamps.time(now);
        for (PodCondition old : previous) {
            if (old.getType().equals(type) && old.getStatus().equals(s)) {
                since = old.getLastTransitionTime();
            }
        }
        return new PodConditionBuilder().withType(type).withStatus(s).withReason(reason).withMessage(message)
                .withLastTransitionTime(since).build();
    }

    private static Container spec(Pod pod, String name) {
        for (Container c : orEmpty(pod.getSpec().getInitContainers())) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        for (Container c : orEmpty(pod.getSpec().getContainers())) {
            if (c.getName().equals(name)) {
                return c;
            }
        }
        return EphemeralContainers.find(pod, name).map(EphemeralContainers::asContainer).orElse(null);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a pod's status from what its worker observed, as the kubelet's generateAPIPodStatus
 * does: container statuses, the phase (kubelet_pods.go getPhase), the conditions with their
 * reasons, and the QoS class. Keeps lastTransitionTime of a condition whose status did not change.
 */
final class StatusBuilder {

    private final Map<String, PodCondition> previous = new HashMap<>();

    /** Called with the worker's lock held. */
    PodStatus build(PodWorker w) {
        Pod pod = w.spec();
        String unschedulable = w.unschedulable();
        if (unschedulable != null) {
            boolean known = !unschedulable.isEmpty();
            return new PodStatusBuilder()
                    .withPhase("Pending")
                    .withConditions(known
                            ? condition("PodScheduled", false, "Unschedulable", unschedulable)
                            : condition("PodScheduled", false, null, null))
                    .withQosClass(qos(pod))
                    .build();
        }
        List<ContainerStatus> initStatuses = new ArrayList<>();
        for (ContainerRecord r : w.initRecords()) {
            initStatuses.add(status(r, w));
        }
        List<ContainerStatus> appStatuses = new ArrayList<>();
        for (ContainerRecord r : w.appRecords()) {
            appStatuses.add(status(r, w));
        }
        String phase = w.failedReason() != null ? "Failed" : phase(pod, w.initRecords(), w.appRecords());
        String unknown = w.unreachableMessage();
        if (unknown != null && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            // As for a pod on a node that stopped reporting: its last known state cannot be vouched for.
            phase = "Unknown";
        }
        boolean initialized = w.initRecords().stream().allMatch(r -> r.role == Role.SIDECAR ? r.started : r.succeeded());
        List<String> unready = new ArrayList<>();
        for (ContainerRecord r : w.initRecords()) {
            if (r.role == Role.SIDECAR && !r.ready) {
                unready.add(r.name());
            }
        }
        for (ContainerRecord r : w.appRecords()) {
            if (!r.ready) {
                unready.add(r.name());
            }
        }
        boolean completed = "Succeeded".equals(phase) || "Failed".equals(phase);
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition("PodReadyToStartContainers", w.infraReady() && !completed, null, null));
        conditions.add(initialized
                ? condition("Initialized", true, completed && !w.initRecords().isEmpty() ? null : null, null)
                : condition("Initialized", false, "ContainersNotInitialized",
                        "containers with incomplete status: " + incomplete(w)));
        String readyReason = completed ? "PodCompleted" : "ContainersNotReady";
        String readyMessage = completed ? null : "containers with unready status: [" + String.join(" ", unready) + "]";
        boolean allReady = unready.isEmpty() && !completed && initialized;
        conditions.add(allReady ? condition("Ready", true, null, null)
                : condition("Ready", false, readyReason, readyMessage));
        conditions.add(allReady ? condition("ContainersReady", true, null, null)
                : condition("ContainersReady", false, readyReason, readyMessage));
        conditions.add(condition("PodScheduled", true, null, null));
        PodStatusBuilder b = new PodStatusBuilder()
                .withPhase(phase)
                .withConditions(conditions)
                .withHostIP(w.hostIPForStatus())
                .withPodIP(w.podIP())
                .withStartTime(Timestamps.time(w.startTime()))
                .withInitContainerStatuses(initStatuses)
                .withContainerStatuses(appStatuses)
                .withQosClass(qos(pod));
        if (w.hostIPForStatus() != null) {
            b.withHostIPs(new HostIP(w.hostIPForStatus()));
        }
        if (w.podIP() != null) {
            b.withPodIPs(new PodIP(w.podIP()));
        }
        if (w.failedReason() != null) {
            b.withReason(w.failedReason()).withMessage(w.failedMessage());
        } else if ("Unknown".equals(phase)) {
            b.withMessage(unknown);
        }
        return b.build();
    }

    private static String incomplete(PodWorker w) {
        List<String> names = new ArrayList<>();
        for (ContainerRecord r : w.initRecords()) {
            if (r.role == Role.SIDECAR ? !r.started : !r.succeeded()) {
                names.add(r.name());
            }
        }
        return "[" + String.join(" ", names) + "]";
    }

    private PodCondition condition(String type, boolean status, String reason, String message) {
        String s = status ? "True" : "False";
        PodCondition old = previous.get(type);
        String since = old != null && old.getStatus().equals(s) ? old.getLastTransitionTime() : Timestamps.time(Instant.now());
        PodCondition c = new PodConditionBuilder().withType(type).withStatus(s).withReason(reason).withMessage(message)
                .withLastTransitionTime(since).build();
        previous.put(type, c);
        return c;
    }

    private static ContainerStatus status(ContainerRecord r, PodWorker w) {
        ContainerStateBuilder state = new ContainerStateBuilder();
        if (r.running) {
            state.withNewRunning(Timestamps.time(r.startedAt));
        } else if (r.terminated != null && r.waitingReason == null) {
            state.withTerminated(r.terminated);
        } else {
            String reason = r.waitingReason;
            String message = r.waitingMessage;
            if (reason == null || "PodInitializing".equals(reason)) {
                if (!w.infraReady() || r.role != Role.APP) {
                    reason = "ContainerCreating";
                    message = w.infraMessage();
                } else {
                    reason = w.initRecords().stream().allMatch(i -> i.role == Role.SIDECAR ? i.started : i.succeeded())
                            ? "ContainerCreating" : "PodInitializing";
                    message = null;
                }
            }
            if (w.unreachableMessage() != null) {
                // Nothing is known of what the container waits for while Docker does not answer; without a
                // reason kubectl's STATUS column shows the phase, Unknown.
                reason = null;
                message = null;
            }
            state.withNewWaiting(message, reason);
        }
        // While a container waits to be restarted, its last exit is its lastState (as kubectl shows it).
        var lastExit = !r.running && r.terminated != null && r.waitingReason != null ? r.terminated : r.lastTerminated;
        ContainerState last = lastExit == null ? new ContainerState()
                : new ContainerStateBuilder().withTerminated(lastExit).build();
        return new ContainerStatusBuilder()
                .withName(r.name())
                .withState(state.build())
                .withLastState(last)
                .withReady(r.ready)
                .withStarted(r.running && r.started)
                .withRestartCount(r.restartCount)
                .withImage(r.spec.getImage())
                .withImageID(r.imageId == null ? "" : "docker-pullable://" + r.imageId)
                .withContainerID(r.containerId == null ? null : "docker://" + r.containerId)
                .build();
    }

    /** The kubelet's getPhase, with sidecars (restartable init containers) counted as it counts them. */
    static String phase(Pod pod, List<ContainerRecord> inits, List<ContainerRecord> apps) {
        String policy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        for (ContainerRecord r : inits) {
            if (r.role == Role.INIT && r.exited() && !r.succeeded() && "Never".equals(policy)) {
                return "Failed";
            }
        }
        boolean initPending = inits.stream().anyMatch(r -> r.role == Role.SIDECAR ? !r.started : !r.succeeded());
        if (initPending) {
            return "Pending";
        }
        int running = 0;
        int waiting = 0;
        int stopped = 0;
        int succeeded = 0;
        for (ContainerRecord r : apps) {
            if (r.running) {
                running++;
            } else if (r.exited() && (r.waitingReason == null || r.lastTerminated != null || r.restartCount > 0 || r.exited())) {
                stopped++;
                if (r.succeeded()) {
                    succeeded++;
                }
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
        if (stopped > 0) {
            if ("Always".equals(policy)) {
                return "Running";
            }
            if (stopped == succeeded) {
                return "Succeeded";
            }
            if ("Never".equals(policy)) {
                return "Failed";
            }
            return "Running";
        }
        return "Pending";
    }

    /** Guaranteed, Burstable or BestEffort, from requests and limits (pkg/apis/core/helper/qos). */
    static String qos(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        List<Container> all = new ArrayList<>(Nulls.orEmpty(pod.getSpec().getInitContainers()));
        all.addAll(Nulls.orEmpty(pod.getSpec().getContainers()));
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
}

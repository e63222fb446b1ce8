package io.pod4j.apiserver.table;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.pod4j.api.build.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pod row a cluster prints: READY counts ready containers (and started, ready sidecars) of all
 * containers (and sidecars); STATUS is the phase, or the reason of the first unfinished init
 * container ({@code Init:0/1}, {@code Init:CrashLoopBackOff}) or of the last container that is not
 * running ({@code CrashLoopBackOff}, {@code Completed}, {@code ExitCode:1}), {@code Terminating}
 * once deleted; RESTARTS adds when the last one was ({@code 2 (5s ago)}).
 */
final class PodPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(
            Column.objectName(),
            Column.string("Ready", "The aggregate readiness state of this pod for accepting traffic."),
            Column.string("Status", "The aggregate status of the containers in this pod."),
            Column.string("Restarts", "The number of times the containers in this pod have been restarted and when the"
                    + " last container in this pod has restarted."),
            Column.created(),
            Column.wide("IP", "The pod's first IP address (status.podIPs)."),
            Column.wide("Node", "The node the pod is bound to (spec.nodeName)."),
            Column.wide("Nominated Node", "The node the scheduler nominated for preemption (status.nominatedNodeName)."),
            Column.wide("Readiness Gates", "The readiness gates whose condition is True, of all (spec.readinessGates)."));

    private static final List<Map<String, String>> SUCCEEDED = List.of(Map.of("type", "Completed", "status", "True",
            "reason", "Succeeded", "message", "The pod has completed successfully."));
    private static final List<Map<String, String>> FAILED = List.of(Map.of("type", "Completed", "status", "True",
            "reason", "Failed", "message", "The pod failed."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Row row(HasMetadata object, Instant now) {
        Pod pod = (Pod) object;
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        Summary s = summarize(pod, spec, status);
        String restarts = Integer.toString(s.restarts);
        if (s.restarts != 0 && s.lastRestart != null) {
            restarts = s.restarts + " (" + Printer.since(s.lastRestart, now) + " ago)";
        }
        String ip = status.getPodIPs().isEmpty() ? null : status.getPodIPs().get(0).getIp();
        List<Object> cells = List.of(pod.getMetadata().getName(), s.ready + "/" + s.total, s.reason, restarts,
                Printer.since(pod.getMetadata().getCreationTimestamp(), now), Printer.orNone(ip),
                Printer.orNone(spec.getNodeName()), Printer.orNone(status.getNominatedNodeName()),
                readinessGates(spec, status));
        List<Map<String, String>> conditions = "Succeeded".equals(status.getPhase()) ? SUCCEEDED
                : "Failed".equals(status.getPhase()) ? FAILED : List.of();
        return new Row(cells, conditions);
    }

    private static final class Summary {
        int total;
        int ready;
        int restarts;
        Instant lastRestart;
        String reason;
    }

    private static Summary summarize(Pod pod, PodSpec spec, PodStatus status) {
        Summary s = new Summary();
        s.total = spec.getContainers().size();
        s.reason = status.getReason() != null && !status.getReason().isEmpty() ? status.getReason()
                : status.getPhase() == null ? "" : status.getPhase();
        for (PodCondition c : status.getConditions()) {
            if ("PodScheduled".equals(c.getType()) && "SchedulingGated".equals(c.getReason())) {
                s.reason = "SchedulingGated";
            }
        }
        Map<String, Container> inits = new HashMap<>();
        for (Container c : spec.getInitContainers()) {
            inits.put(c.getName(), c);
            if (sidecar(c)) {
                s.total++;
            }
        }
        int sidecarRestarts = 0;
        Instant lastSidecarRestart = null;
        boolean initializing = false;
        List<ContainerStatus> initStatuses = status.getInitContainerStatuses();
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus c = initStatuses.get(i);
            int count = c.getRestartCount() == null ? 0 : c.getRestartCount();
            s.restarts += count;
            s.lastRestart = later(s.lastRestart, lastFinished(c));
            boolean sidecar = sidecar(inits.get(c.getName()));
            if (sidecar) {
                sidecarRestarts += count;
                lastSidecarRestart = later(lastSidecarRestart, lastFinished(c));
            }
            ContainerState state = c.getState() == null ? new ContainerState() : c.getState();
            ContainerStateTerminated t = state.getTerminated();
            if (t != null && t.getExitCode() != null && t.getExitCode() == 0) {
                continue;
            }
            if (sidecar && Boolean.TRUE.equals(c.getStarted())) {
                if (Boolean.TRUE.equals(c.getReady())) {
                    s.ready++;
                }
                continue;
            }
            if (t != null) {
                s.reason = empty(t.getReason()) ? "Init:" + exit(t) : "Init:" + t.getReason();
            } else if (state.getWaiting() != null && !empty(state.getWaiting().getReason())
                    && !"PodInitializing".equals(state.getWaiting().getReason())) {
                s.reason = "Init:" + state.getWaiting().getReason();
            } else {
                s.reason = "Init:" + i + "/" + spec.getInitContainers().size();
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(status, "Initialized")) {
            s.restarts = sidecarRestarts;
            s.lastRestart = lastSidecarRestart;
            boolean running = false;
            List<ContainerStatus> statuses = status.getContainerStatuses();
            for (int i = statuses.size() - 1; i >= 0; i--) {
                ContainerStatus c = statuses.get(i);
                s.restarts += c.getRestartCount() == null ? 0 : c.getRestartCount();
                s.lastRestart = later(s.lastRestart, lastFinished(c));
                ContainerState state = c.getState() == null ? new ContainerState() : c.getState();
                if (state.getWaiting() != null && !empty(state.getWaiting().getReason())) {
                    s.reason = state.getWaiting().getReason();
                } else if (state.getTerminated() != null) {
                    ContainerStateTerminated t = state.getTerminated();
                    s.reason = empty(t.getReason()) ? exit(t) : t.getReason();
                } else if (Boolean.TRUE.equals(c.getReady()) && state.getRunning() != null) {
                    running = true;
                    s.ready++;
                }
            }
            if ("Completed".equals(s.reason) && running) {
                s.reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }
        boolean deleted = pod.getMetadata().getDeletionTimestamp() != null;
        if (deleted && "NodeLost".equals(status.getReason())) {
            s.reason = "Unknown";
        } else if (deleted && !"Succeeded".equals(status.getPhase()) && !"Failed".equals(status.getPhase())) {
            s.reason = "Terminating";
        }
        return s;
    }

    private static String readinessGates(PodSpec spec, PodStatus status) {
        if (spec.getReadinessGates().isEmpty()) {
            return "<none>";
        }
        int met = 0;
        for (PodReadinessGate gate : spec.getReadinessGates()) {
            for (PodCondition c : status.getConditions()) {
                if (c.getType() != null && c.getType().equals(gate.getConditionType())) {
                    if ("True".equals(c.getStatus())) {
                        met++;
                    }
                    break;
                }
            }
        }
        return met + "/" + spec.getReadinessGates().size();
    }

    private static boolean sidecar(Container c) {
        return c != null && "Always".equals(c.getRestartPolicy());
    }

    private static String exit(ContainerStateTerminated t) {
        return t.getSignal() != null && t.getSignal() != 0 ? "Signal:" + t.getSignal()
                : "ExitCode:" + (t.getExitCode() == null ? 0 : t.getExitCode());
    }

    private static boolean conditionTrue(PodStatus status, String type) {
        for (PodCondition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static Instant lastFinished(ContainerStatus c) {
        return c.getLastState() != null && c.getLastState().getTerminated() != null
                ? Timestamps.parse(c.getLastState().getTerminated().getFinishedAt()) : null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b != null && b.isAfter(a) ? b : a;
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}

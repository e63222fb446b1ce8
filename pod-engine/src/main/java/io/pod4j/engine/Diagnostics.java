package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;

/** A short, readable account of a pod's state, for exceptions that must explain themselves. */
final class Diagnostics {

    private Diagnostics() {
    }

    static String summary(Pod pod, List<Event> events) {
        if (pod == null || pod.getStatus() == null) {
            return "  (the pod does not exist)";
        }
        var s = pod.getStatus();
        StringBuilder sb = new StringBuilder();
        sb.append("  phase: ").append(s.getPhase());
        if (s.getReason() != null) {
            sb.append(" (").append(s.getReason()).append(": ").append(s.getMessage()).append(')');
        }
        sb.append('\n');
        for (PodCondition c : s.getConditions()) {
            sb.append("  condition ").append(c.getType()).append('=').append(c.getStatus());
            if (c.getReason() != null) {
                sb.append(" (").append(c.getReason()).append(c.getMessage() == null ? "" : ": " + c.getMessage()).append(')');
            }
            sb.append('\n');
        }
        for (ContainerStatus c : s.getInitContainerStatuses()) {
            sb.append("  init container ").append(describe(c)).append('\n');
        }
        for (ContainerStatus c : s.getContainerStatuses()) {
            sb.append("  container ").append(describe(c)).append('\n');
        }
        int from = Math.max(0, events.size() - 10);
        for (Event e : events.subList(from, events.size())) {
            sb.append("  event ").append(e.getType()).append(' ').append(e.getReason())
                    .append(e.getCount() != null && e.getCount() > 1 ? " (x" + e.getCount() + ")" : "")
                    .append(": ").append(e.getMessage()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String describe(ContainerStatus c) {
        StringBuilder sb = new StringBuilder(c.getName()).append(": ");
        var st = c.getState();
        if (st == null) {
            sb.append("unknown");
        } else if (st.getRunning() != null) {
            sb.append("running");
        } else if (st.getWaiting() != null) {
            sb.append("waiting (").append(st.getWaiting().getReason());
            if (st.getWaiting().getMessage() != null) {
                sb.append(": ").append(st.getWaiting().getMessage());
            }
            sb.append(')');
        } else if (st.getTerminated() != null) {
            sb.append("terminated (").append(st.getTerminated().getReason()).append(", exit code ")
                    .append(st.getTerminated().getExitCode()).append(')');
        }
        sb.append(", ready=").append(c.getReady()).append(", restarts=").append(c.getRestartCount());
        var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
        if (last != null) {
            sb.append(", last exit ").append(last.getExitCode()).append(" (").append(last.getReason()).append(')');
        }
        return sb.toString();
    }
}

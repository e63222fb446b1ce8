package io.pod4j.engine;

import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodCondition;
import java.util.List;

/** A short, readable account of a pod's state, for exceptions that must explain themselves. */
final class Diagnostics {

    private Diagnostics() {
    }

    static String summary(Pod pod, List<Event> events) {
        if (pod == null || pod.status() == null) {
            return "  (the pod does not exist)";
        }
        var s = pod.status();
        StringBuilder sb = new StringBuilder();
        sb.append("  phase: ").append(s.phase());
        if (s.reason() != null) {
            sb.append(" (").append(s.reason()).append(": ").append(s.message()).append(')');
        }
        sb.append('\n');
        for (PodCondition c : s.conditions()) {
            sb.append("  condition ").append(c.type()).append('=').append(c.status());
            if (c.reason() != null) {
                sb.append(" (").append(c.reason()).append(c.message() == null ? "" : ": " + c.message()).append(')');
            }
            sb.append('\n');
        }
        for (ContainerStatus c : s.initContainerStatuses()) {
            sb.append("  init container ").append(describe(c)).append('\n');
        }
        for (ContainerStatus c : s.containerStatuses()) {
            sb.append("  container ").append(describe(c)).append('\n');
        }
        int from = Math.max(0, events.size() - 10);
        for (Event e : events.subList(from, events.size())) {
            sb.append("  event ").append(e.type()).append(' ').append(e.reason())
                    .append(e.count() != null && e.count() > 1 ? " (x" + e.count() + ")" : "")
                    .append(": ").append(e.message()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static String describe(ContainerStatus c) {
        StringBuilder sb = new StringBuilder(c.name()).append(": ");
        var st = c.state();
        if (st == null) {
            sb.append("unknown");
        } else if (st.running() != null) {
            sb.append("running");
        } else if (st.waiting() != null) {
            sb.append("waiting (").append(st.waiting().reason());
            if (st.waiting().message() != null) {
                sb.append(": ").append(st.waiting().message());
            }
            sb.append(')');
        } else if (st.terminated() != null) {
            sb.append("terminated (").append(st.terminated().reason()).append(", exit code ")
                    .append(st.terminated().exitCode()).append(')');
        }
        sb.append(", ready=").append(c.ready()).append(", restarts=").append(c.restartCount());
        var last = c.lastState() == null ? null : c.lastState().terminated();
        if (last != null) {
            sb.append(", last exit ").append(last.exitCode()).append(" (").append(last.reason()).append(')');
        }
        return sb.toString();
    }
}

package io.pod4j.cli.print;

import io.pod4j.api.model.Container;
import io.pod4j.api.model.ContainerState;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.Pod;
import io.pod4j.engine.status.HumanDuration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code kubectl describe pod} text, in kubectl's layout. */
public final class Describe {

    private Describe() {
    }

    /**
     * @param pod the pod
     * @param events its events, oldest first
     * @param now the present, for event ages
     * @return the description
     */
    public static String pod(Pod pod, List<Event> events, Instant now) {
        StringBuilder sb = new StringBuilder();
        var m = pod.metadata();
        var s = pod.status();
        line(sb, "Name:", m.name());
        line(sb, "Namespace:", m.namespace());
        line(sb, "Priority:", "0");
        line(sb, "Node:", pod.spec().nodeName() == null ? "<none>"
                : pod.spec().nodeName() + (s != null && s.hostIP() != null ? "/" + s.hostIP() : ""));
        line(sb, "Start Time:", s == null || s.startTime() == null ? "<unset>" : s.startTime().toString());
        map(sb, "Labels:", m.labels());
        map(sb, "Annotations:", m.annotations());
        if (m.deletionTimestamp() != null) {
            line(sb, "Status:", "Terminating (lasts " + since(m.deletionTimestamp(), now) + ")");
        } else {
            line(sb, "Status:", s == null || s.phase() == null ? "Pending" : s.phase());
        }
        if (s != null && s.reason() != null) {
            line(sb, "Reason:", s.reason());
        }
        if (s != null && s.message() != null) {
            line(sb, "Message:", s.message());
        }
        line(sb, "IP:", s == null || s.podIP() == null ? "" : s.podIP());
        if (s != null && s.podIP() != null) {
            sb.append("IPs:\n  IP:  ").append(s.podIP()).append('\n');
        }
        if (!pod.spec().initContainers().isEmpty()) {
            sb.append("Init Containers:\n");
            containers(sb, pod.spec().initContainers(), s == null ? List.of() : s.initContainerStatuses());
        }
        sb.append("Containers:\n");
        containers(sb, pod.spec().containers(), s == null ? List.of() : s.containerStatuses());
        sb.append("Conditions:\n");
        if (s != null && !s.conditions().isEmpty()) {
            Table t = new Table().row(List.of("  Type", "Status"));
            s.conditions().forEach(c -> t.row(List.of("  " + c.type(), c.status())));
            sb.append(t.render().replaceAll("(?m)^", "  ").replaceAll("(?m)^  {2}", "  "));
        }
        sb.append("Volumes:");
        if (pod.spec().volumes().isEmpty()) {
            sb.append("  <none>\n");
        } else {
            sb.append('\n');
            pod.spec().volumes().forEach(v -> sb.append("  ").append(v.name()).append(":\n"));
        }
        line(sb, "QoS Class:", s == null || s.qosClass() == null ? "BestEffort" : s.qosClass());
        map(sb, "Node-Selectors:", pod.spec().nodeSelector());
        line(sb, "Tolerations:", "<none>");
        sb.append("Events:");
        if (events.isEmpty()) {
            sb.append("  <none>\n");
        } else {
            sb.append('\n');
            Table t = new Table().row(List.of("  Type", "Reason", "Age", "From", "Message"))
                    .row(List.of("  ----", "------", "----", "----", "-------"));
            for (Event e : events) {
                String age = since(e.lastTimestamp() != null ? e.lastTimestamp() : e.firstTimestamp(), now);
                if (e.count() != null && e.count() > 1) {
                    age = age + " (x" + e.count() + " over " + since(e.firstTimestamp(), now) + ")";
                }
                t.row(List.of("  " + e.type(), e.reason(), age,
                        e.source() == null || e.source().component() == null ? "" : e.source().component(), e.message()));
            }
            sb.append(t.render());
        }
        return sb.toString();
    }

    private static void containers(StringBuilder sb, List<Container> specs, List<ContainerStatus> statuses) {
        for (Container c : specs) {
            ContainerStatus st = statuses.stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
            sb.append("  ").append(c.name()).append(":\n");
            sub(sb, "Container ID:", st == null || st.containerID() == null ? "" : st.containerID());
            sub(sb, "Image:", c.image());
            sub(sb, "Image ID:", st == null || st.imageID() == null ? "" : st.imageID());
            sub(sb, "Port:", c.ports().isEmpty() ? "<none>" : c.ports().get(0).containerPort() + "/" + c.ports().get(0).protocol());
            sub(sb, "Host Port:", c.ports().isEmpty() ? "<none>" : (c.ports().get(0).hostPort() == null ? "0" : c.ports().get(0).hostPort())
                    + "/" + c.ports().get(0).protocol());
            if (!c.command().isEmpty()) {
                sb.append("    Command:\n");
                c.command().forEach(x -> sb.append("      ").append(x).append('\n'));
            }
            if (!c.args().isEmpty()) {
                sb.append("    Args:\n");
                c.args().forEach(x -> sb.append("      ").append(x).append('\n'));
            }
            state(sb, "State:", st == null ? null : st.state());
            if (st != null && st.lastState() != null && st.lastState().terminated() != null) {
                state(sb, "Last State:", st.lastState());
            }
            sub(sb, "Ready:", st != null && Boolean.TRUE.equals(st.ready()) ? "True" : "False");
            sub(sb, "Restart Count:", st == null || st.restartCount() == null ? "0" : st.restartCount().toString());
            if (c.livenessProbe() != null) {
                sub(sb, "Liveness:", probe(c.livenessProbe()));
            }
            if (c.readinessProbe() != null) {
                sub(sb, "Readiness:", probe(c.readinessProbe()));
            }
            if (c.env().isEmpty()) {
                sub(sb, "Environment:", "<none>");
            } else {
                sb.append("    Environment:\n");
                c.env().forEach(e -> sb.append("      ").append(e.name()).append(":  ")
                        .append(e.value() != null ? e.value() : e.valueFrom() != null && e.valueFrom().secretKeyRef() != null
                                ? "<set to the key '" + e.valueFrom().secretKeyRef().key() + "' in secret '"
                                + e.valueFrom().secretKeyRef().name() + "'>" : "<set from a reference>").append('\n'));
            }
            if (c.volumeMounts().isEmpty()) {
                sub(sb, "Mounts:", "<none>");
            } else {
                sb.append("    Mounts:\n");
                c.volumeMounts().forEach(v -> sb.append("      ").append(v.mountPath()).append(" from ").append(v.name())
                        .append(Boolean.TRUE.equals(v.readOnly()) ? " (ro)" : " (rw)").append('\n'));
            }
        }
    }

    private static String probe(io.pod4j.api.model.Probe p) {
        String action = p.tcpSocket() != null ? "tcp-socket :" + p.tcpSocket().port()
                : p.httpGet() != null ? "http-get http://:" + p.httpGet().port() + (p.httpGet().path() == null ? "/" : p.httpGet().path())
                : p.exec() != null ? "exec " + p.exec().command() : "grpc";
        return action + " delay=" + n(p.initialDelaySeconds(), 0) + "s timeout=" + n(p.timeoutSeconds(), 1) + "s period="
                + n(p.periodSeconds(), 10) + "s #success=" + n(p.successThreshold(), 1) + " #failure=" + n(p.failureThreshold(), 3);
    }

    private static int n(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static void state(StringBuilder sb, String label, ContainerState st) {
        if (st == null) {
            sub(sb, label, "Waiting");
        } else if (st.running() != null) {
            sub(sb, label, "Running");
            sb.append("      Started:      ").append(st.running().startedAt()).append('\n');
        } else if (st.terminated() != null) {
            var t = st.terminated();
            sub(sb, label, "Terminated");
            sb.append("      Reason:       ").append(t.reason()).append('\n');
            sb.append("      Exit Code:    ").append(t.exitCode()).append('\n');
            sb.append("      Started:      ").append(t.startedAt()).append('\n');
            sb.append("      Finished:     ").append(t.finishedAt()).append('\n');
        } else if (st.waiting() != null) {
            sub(sb, label, "Waiting");
            sb.append("      Reason:       ").append(st.waiting().reason()).append('\n');
        }
    }

    private static String since(Instant t, Instant now) {
        return t == null ? "<unknown>" : HumanDuration.format(java.time.Duration.between(t, now));
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-14s%s%n", label, value == null ? "" : value));
    }

    private static void sub(StringBuilder sb, String label, String value) {
        sb.append(String.format("    %-18s%s%n", label, value == null ? "" : value));
    }

    private static void map(StringBuilder sb, String label, Map<String, String> m) {
        if (m == null || m.isEmpty()) {
            line(sb, label, "<none>");
            return;
        }
        boolean first = true;
        for (var e : new TreeMap<>(m).entrySet()) {
            line(sb, first ? label : "", e.getKey() + "=" + e.getValue());
            first = false;
        }
    }
}

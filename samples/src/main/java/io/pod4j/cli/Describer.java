package io.pod4j.cli;

import io.pod4j.api.model.Container;
import io.pod4j.api.model.ContainerPort;
import io.pod4j.api.model.ContainerState;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.Node;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodCondition;
import io.pod4j.api.model.Probe;
import io.pod4j.api.model.Volume;
import io.pod4j.api.model.VolumeMount;
import io.pod4j.api.quantity.Quantity;
import io.pod4j.engine.status.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** {@code kubectl describe} text, in kubectl's layout. Secret values are never printed. */
final class Describer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private Describer() {
    }

    static String pod(Pod p, List<Event> events, Instant now) {
        StringBuilder sb = new StringBuilder();
        var m = p.metadata();
        var s = p.status();
        line(sb, 0, "Name:", m.name());
        line(sb, 0, "Namespace:", m.namespace());
        line(sb, 0, "Priority:", String.valueOf(p.spec().priority() == null ? 0 : p.spec().priority()));
        line(sb, 0, "Service Account:", p.spec().serviceAccountName());
        String node = p.spec().nodeName();
        line(sb, 0, "Node:", node == null ? "<none>" : node + (s != null && s.hostIP() != null ? "/" + s.hostIP() : ""));
        if (s != null && s.startTime() != null) {
            line(sb, 0, "Start Time:", TIME.format(s.startTime()));
        }
        map(sb, "Labels:", m.labels());
        map(sb, "Annotations:", m.annotations());
        String status = s == null || s.phase() == null ? "Pending" : s.phase();
        if (m.deletionTimestamp() != null) {
            status = "Terminating (lasts " + HumanDuration.format(Duration.between(m.deletionTimestamp(), now)) + ")";
            line(sb, 0, "Status:", status);
            line(sb, 0, "Termination Grace Period:", m.deletionGracePeriodSeconds() + "s");
        } else {
            line(sb, 0, "Status:", status);
        }
        if (s != null && s.reason() != null) {
            line(sb, 0, "Reason:", s.reason());
            line(sb, 0, "Message:", s.message());
        }
        line(sb, 0, "IP:", s == null || s.podIP() == null ? "" : s.podIP());
        sb.append("IPs:");
        if (s == null || s.podIP() == null) {
            sb.append("              <none>\n");
        } else {
            sb.append("\n  IP:  ").append(s.podIP()).append('\n');
        }
        if (!p.spec().initContainers().isEmpty()) {
            sb.append("Init Containers:\n");
            for (Container c : p.spec().initContainers()) {
                container(sb, c, status(s == null ? List.of() : s.initContainerStatuses(), c.name()), now);
            }
        }
        sb.append("Containers:\n");
        for (Container c : p.spec().containers()) {
            container(sb, c, status(s == null ? List.of() : s.containerStatuses(), c.name()), now);
        }
        if (s != null && !s.conditions().isEmpty()) {
            sb.append("Conditions:\n  Type                        Status\n");
            for (PodCondition c : s.conditions()) {
                sb.append("  ").append(pad(c.type(), 28)).append(c.status()).append('\n');
            }
        }
        sb.append("Volumes:");
        if (p.spec().volumes().isEmpty()) {
            sb.append("  <none>\n");
        } else {
            sb.append('\n');
            for (Volume v : p.spec().volumes()) {
                sb.append("  ").append(v.name()).append(":\n");
                volume(sb, v);
            }
        }
        line(sb, 0, "QoS Class:", s == null || s.qosClass() == null ? "BestEffort" : s.qosClass());
        map(sb, "Node-Selectors:", p.spec().nodeSelector());
        line(sb, 0, "Tolerations:", "<none>");
        events(sb, events, now);
        return sb.toString();
    }

    private static ContainerStatus status(List<ContainerStatus> statuses, String name) {
        return statuses.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
    }

    private static void container(StringBuilder sb, Container c, ContainerStatus cs, Instant now) {
        sb.append("  ").append(c.name()).append(":\n");
        line(sb, 4, "Container ID:", cs == null || cs.containerID() == null ? "" : cs.containerID());
        line(sb, 4, "Image:", c.image());
        line(sb, 4, "Image ID:", cs == null || cs.imageID() == null ? "" : cs.imageID());
        if (c.ports().isEmpty()) {
            line(sb, 4, "Port:", "<none>");
            line(sb, 4, "Host Port:", "<none>");
        } else {
            for (ContainerPort port : c.ports()) {
                line(sb, 4, "Port:", (port.name() == null ? "" : port.name() + "  ") + port.containerPort() + "/" + port.protocol());
                line(sb, 4, "Host Port:", (port.hostPort() == null ? "0" : port.hostPort().toString()) + "/" + port.protocol());
            }
        }
        if (!c.command().isEmpty()) {
            sb.append("    Command:\n");
            c.command().forEach(x -> sb.append("      ").append(x).append('\n'));
        }
        if (!c.args().isEmpty()) {
            sb.append("    Args:\n");
            c.args().forEach(x -> sb.append("      ").append(x).append('\n'));
        }
        if (cs != null) {
            state(sb, "State:", cs.state());
            if (cs.lastState() != null && cs.lastState().terminated() != null) {
                state(sb, "Last State:", cs.lastState());
            }
            line(sb, 4, "Ready:", String.valueOf(Boolean.TRUE.equals(cs.ready())).substring(0, 1).toUpperCase()
                    + String.valueOf(Boolean.TRUE.equals(cs.ready())).substring(1));
            line(sb, 4, "Restart Count:", String.valueOf(cs.restartCount() == null ? 0 : cs.restartCount()));
        } else {
            line(sb, 4, "State:", "Waiting");
            line(sb, 4, "Ready:", "False");
            line(sb, 4, "Restart Count:", "0");
        }
        if (c.resources() != null && !c.resources().limits().isEmpty()) {
            sb.append("    Limits:\n");
            quantities(sb, c.resources().limits());
        }
        if (c.resources() != null && !c.resources().requests().isEmpty()) {
            sb.append("    Requests:\n");
            quantities(sb, c.resources().requests());
        }
        probe(sb, "Liveness:", c.livenessProbe());
        probe(sb, "Readiness:", c.readinessProbe());
        probe(sb, "Startup:", c.startupProbe());
        sb.append("    Environment:");
        if (c.env().isEmpty() && c.envFrom().isEmpty()) {
            sb.append("  <none>\n");
        } else {
            sb.append('\n');
            for (EnvVar e : c.env()) {
                sb.append("      ").append(e.name()).append(":  ").append(envValue(e)).append('\n');
            }
            c.envFrom().forEach(f -> sb.append("      ").append(f.configMapRef() != null
                    ? "ConfigMap  " + f.configMapRef().name() : "Secret  " + f.secretRef().name())
                    .append("  Optional: false\n"));
        }
        sb.append("    Mounts:");
        if (c.volumeMounts().isEmpty()) {
            sb.append("  <none>\n");
        } else {
            sb.append('\n');
            for (VolumeMount vm : c.volumeMounts()) {
                sb.append("      ").append(vm.mountPath()).append(" from ").append(vm.name())
                        .append(Boolean.TRUE.equals(vm.readOnly()) ? " (ro)" : " (rw)").append('\n');
            }
        }
    }

    private static String envValue(EnvVar e) {
        if (e.valueFrom() == null) {
            return e.value() == null ? "" : e.value();
        }
        var f = e.valueFrom();
        if (f.secretKeyRef() != null) {
            return "<set to the key '" + f.secretKeyRef().key() + "' in secret '" + f.secretKeyRef().name() + "'>  Optional: "
                    + Boolean.TRUE.equals(f.secretKeyRef().optional());
        }
        if (f.configMapKeyRef() != null) {
            return "<set to the key '" + f.configMapKeyRef().key() + "' of config map '" + f.configMapKeyRef().name()
                    + "'>  Optional: " + Boolean.TRUE.equals(f.configMapKeyRef().optional());
        }
        if (f.fieldRef() != null) {
            return " (" + f.fieldRef().apiVersion() + ":" + f.fieldRef().fieldPath() + ")";
        }
        return "";
    }

    private static void state(StringBuilder sb, String label, ContainerState st) {
        if (st == null) {
            return;
        }
        if (st.running() != null) {
            line(sb, 4, label, "Running");
            if (st.running().startedAt() != null) {
                line(sb, 6, "Started:", TIME.format(st.running().startedAt()));
            }
        } else if (st.waiting() != null) {
            line(sb, 4, label, "Waiting");
            line(sb, 6, "Reason:", st.waiting().reason());
            if (st.waiting().message() != null) {
                line(sb, 6, "Message:", st.waiting().message());
            }
        } else if (st.terminated() != null) {
            var t = st.terminated();
            line(sb, 4, label, "Terminated");
            line(sb, 6, "Reason:", t.reason());
            if (t.message() != null) {
                line(sb, 6, "Message:", t.message().strip());
            }
            line(sb, 6, "Exit Code:", String.valueOf(t.exitCode()));
            if (t.startedAt() != null) {
                line(sb, 6, "Started:", TIME.format(t.startedAt()));
            }
            if (t.finishedAt() != null) {
                line(sb, 6, "Finished:", TIME.format(t.finishedAt()));
            }
        } else {
            line(sb, 4, label, "Waiting");
        }
    }

    private static void probe(StringBuilder sb, String label, Probe p) {
        if (p == null) {
            return;
        }
        String action;
        if (p.httpGet() != null) {
            var h = p.httpGet();
            action = "http-get " + h.scheme().toLowerCase() + "://" + (h.host() == null ? "" : h.host()) + ":" + h.port() + h.path();
        } else if (p.tcpSocket() != null) {
            action = "tcp-socket " + (p.tcpSocket().host() == null ? "" : p.tcpSocket().host()) + ":" + p.tcpSocket().port();
        } else if (p.exec() != null) {
            action = "exec [" + String.join(" ", p.exec().command()) + "]";
        } else {
            action = "grpc <pod>:" + p.grpc().port() + " " + (p.grpc().service() == null ? "" : p.grpc().service());
        }
        line(sb, 4, label, action + " delay=" + nz(p.initialDelaySeconds()) + "s timeout=" + p.timeoutSeconds() + "s period="
                + p.periodSeconds() + "s #success=" + p.successThreshold() + " #failure=" + p.failureThreshold());
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private static void volume(StringBuilder sb, Volume v) {
        if (v.emptyDir() != null) {
            line(sb, 4, "Type:", "EmptyDir (a temporary directory that shares a pod's lifetime)");
            line(sb, 4, "Medium:", v.emptyDir().medium() == null ? "" : v.emptyDir().medium());
            line(sb, 4, "SizeLimit:", v.emptyDir().sizeLimit() == null ? "<unset>" : v.emptyDir().sizeLimit().toString());
        } else if (v.hostPath() != null) {
            line(sb, 4, "Type:", "HostPath (bare host directory volume)");
            line(sb, 4, "Path:", v.hostPath().path());
            line(sb, 4, "HostPathType:", v.hostPath().type() == null ? "" : v.hostPath().type());
        } else if (v.configMap() != null) {
            line(sb, 4, "Type:", "ConfigMap (a volume populated by a ConfigMap)");
            line(sb, 4, "Name:", v.configMap().name());
            line(sb, 4, "Optional:", String.valueOf(Boolean.TRUE.equals(v.configMap().optional())));
        } else if (v.secret() != null) {
            line(sb, 4, "Type:", "Secret (a volume populated by a Secret)");
            line(sb, 4, "SecretName:", v.secret().secretName());
            line(sb, 4, "Optional:", String.valueOf(Boolean.TRUE.equals(v.secret().optional())));
        } else if (v.downwardAPI() != null) {
            line(sb, 4, "Type:", "DownwardAPI (a volume populated by information about the pod)");
        } else if (v.projected() != null) {
            line(sb, 4, "Type:", "Projected (a volume that contains injected data from multiple sources)");
        }
    }

    private static void quantities(StringBuilder sb, Map<String, Quantity> q) {
        new TreeMap<>(q).forEach((k, v) -> sb.append("      ").append(k).append(":  ").append(v).append('\n'));
    }

    private static void events(StringBuilder sb, List<Event> events, Instant now) {
        if (events.isEmpty()) {
            sb.append("Events:                      <none>\n");
            return;
        }
        Table t = new Table();
        t.row(List.of("  Type", "Reason", "Age", "From", "Message"));
        t.row(List.of("  ----", "------", "----", "----", "-------"));
        for (Event e : events) {
            String age = HumanDuration.format(Duration.between(e.lastTimestamp(), now));
            if (e.count() != null && e.count() > 1) {
                age = age + " (x" + e.count() + " over " + HumanDuration.format(Duration.between(e.firstTimestamp(), now)) + ")";
            }
            t.row(List.of("  " + e.type(), e.reason(), age, e.source() == null ? "" : e.source().component(), e.message()));
        }
        sb.append("Events:\n").append(t);
    }

    static String node(Node n) {
        StringBuilder sb = new StringBuilder();
        line(sb, 0, "Name:", n.metadata().name());
        line(sb, 0, "Roles:", "<none>");
        map(sb, "Labels:", n.metadata().labels());
        line(sb, 0, "CreationTimestamp:", TIME.format(n.metadata().creationTimestamp()));
        sb.append("Addresses:\n");
        n.status().addresses().forEach(a -> line(sb, 2, a.type() + ":", a.address()));
        sb.append("Capacity:\n");
        new TreeMap<>(n.status().capacity()).forEach((k, v) -> line(sb, 2, k + ":", v.toString()));
        sb.append("Allocatable:\n");
        new TreeMap<>(n.status().allocatable()).forEach((k, v) -> line(sb, 2, k + ":", v.toString()));
        var i = n.status().nodeInfo();
        sb.append("System Info:\n");
        line(sb, 2, "Kernel Version:", String.valueOf(i.kernelVersion()));
        line(sb, 2, "OS Image:", String.valueOf(i.osImage()));
        line(sb, 2, "Operating System:", i.operatingSystem());
        line(sb, 2, "Architecture:", i.architecture());
        line(sb, 2, "Container Runtime Version:", i.containerRuntimeVersion());
        return sb.toString();
    }

    private static void map(StringBuilder sb, String label, Map<String, String> map) {
        if (map.isEmpty()) {
            line(sb, 0, label, "<none>");
            return;
        }
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            line(sb, 0, first ? label : "", e.getKey() + "=" + e.getValue());
            first = false;
        }
    }

    private static void line(StringBuilder sb, int indent, String label, String value) {
        String l = " ".repeat(indent) + label;
        sb.append(pad(l, Math.max(l.length() + 1, indent == 0 ? 17 : indent + 18))).append(value == null ? "" : value).append('\n');
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}

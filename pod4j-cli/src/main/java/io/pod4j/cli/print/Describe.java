package io.pod4j.cli.print;

import io.pod4j.api.model.Container;
import io.pod4j.api.model.ContainerPort;
import io.pod4j.api.model.ContainerState;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
import io.pod4j.api.model.Toleration;
import io.pod4j.api.model.Volume;
import io.pod4j.api.model.VolumeMount;
import io.pod4j.engine.status.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code kubectl describe pod} text in kubectl's layout: the same sections, labels, wording and
 * times (RFC 1123 with numeric zone, in the local zone), written as tab-separated cells and aligned
 * section by section as kubectl's tabwriter aligns them. Secret values are never printed: an
 * environment variable from a Secret shows which key of which Secret, as kubectl does.
 */
public final class Describe {

    private static final DateTimeFormatter RFC1123Z = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    private static final String L1 = "  ";
    private static final String L2 = "    ";
    private static final String L3 = "      ";

    private Describe() {
    }

    /**
     * @param pod the pod
     * @param events its events, oldest first
     * @param now the present, for ages
     * @return the description
     */
    public static String pod(Pod pod, List<Event> events, Instant now) {
        StringBuilder w = new StringBuilder();
        var m = pod.metadata();
        var spec = pod.spec();
        var s = pod.status();
        w.append("Name:\t").append(m.name()).append('\n');
        w.append("Namespace:\t").append(m.namespace()).append('\n');
        w.append("Priority:\t").append(spec.priority() == null ? 0 : spec.priority()).append('\n');
        w.append("Service Account:\t").append(spec.serviceAccountName() == null ? "default" : spec.serviceAccountName()).append('\n');
        w.append("Node:\t").append(spec.nodeName() == null || spec.nodeName().isEmpty() ? "<none>"
                : spec.nodeName() + (s != null && s.hostIP() != null ? "/" + s.hostIP() : "")).append('\n');
        if (s != null && s.startTime() != null) {
            w.append("Start Time:\t").append(time(s.startTime())).append('\n');
        }
        multiline(w, "Labels", m.labels());
        multiline(w, "Annotations", m.annotations());
        if (m.deletionTimestamp() != null) {
            w.append("Status:\tTerminating (lasts ").append(since(m.deletionTimestamp(), now)).append(")\n");
            w.append("Termination Grace Period:\t").append(m.deletionGracePeriodSeconds() == null ? 30 : m.deletionGracePeriodSeconds())
                    .append("s\n");
        } else {
            w.append("Status:\t").append(s == null || s.phase() == null ? "Pending" : s.phase()).append('\n');
        }
        if (s != null && s.reason() != null && !s.reason().isEmpty()) {
            w.append("Reason:\t").append(s.reason()).append('\n');
        }
        if (s != null && s.message() != null && !s.message().isEmpty()) {
            w.append("Message:\t").append(s.message()).append('\n');
        }
        w.append("IP:\t").append(s == null || s.podIP() == null ? "" : s.podIP()).append('\n');
        if (s == null || s.podIP() == null) {
            w.append("IPs:\t<none>\n");
        } else {
            w.append("IPs:\n");
            w.append(L1).append("IP:\t").append(s.podIP()).append('\n');
        }
        if (!spec.initContainers().isEmpty()) {
            containers(w, "Init Containers", pod, spec.initContainers(), s == null ? List.of() : s.initContainerStatuses());
        }
        containers(w, "Containers", pod, spec.containers(), s == null ? List.of() : s.containerStatuses());
        if (s != null && !s.conditions().isEmpty()) {
            w.append("Conditions:\n").append(L1).append("Type\tStatus\n");
            s.conditions().forEach(c -> w.append(L1).append(c.type()).append(" \t").append(c.status()).append(" \n"));
        }
        volumes(w, spec.volumes());
        w.append("QoS Class:\t").append(s == null || s.qosClass() == null ? "BestEffort" : s.qosClass()).append('\n');
        multiline(w, "Node-Selectors", spec.nodeSelector());
        tolerations(w, spec.tolerations());
        if (events.isEmpty()) {
            w.append("Events:\t<none>\n");
        } else {
            w.append("Events:\n");
            w.append(L1).append("Type\tReason\tAge\tFrom\tMessage\n");
            w.append(L1).append("----\t------\t----\t----\t-------\n");
            for (Event e : events) {
                w.append(L1).append(e.type()).append('\t').append(e.reason()).append('\t').append(EventAge.of(e, now)).append('\t')
                        .append(e.source() == null || e.source().component() == null ? "" : e.source().component()).append('\t')
                        .append(e.message() == null ? "" : e.message().strip()).append('\n');
            }
        }
        return TabWriter.align(w.toString());
    }

    private static void containers(StringBuilder w, String title, Pod pod, List<Container> specs, List<ContainerStatus> statuses) {
        w.append(title).append(":\n");
        for (Container c : specs) {
            ContainerStatus st = statuses.stream().filter(x -> x.name().equals(c.name())).findFirst().orElse(null);
            w.append(L1).append(c.name()).append(":\n");
            if (st != null) {
                w.append(L2).append("Container ID:\t").append(st.containerID() == null ? "" : st.containerID()).append('\n');
            }
            w.append(L2).append("Image:\t").append(c.image()).append('\n');
            if (st != null) {
                w.append(L2).append("Image ID:\t").append(st.imageID() == null ? "" : st.imageID()).append('\n');
            }
            String ports = c.ports().stream().map(p -> p.containerPort() + "/" + protocol(p)).collect(Collectors.joining(", "));
            w.append(L2).append(ports.contains(",") ? "Ports:\t" : "Port:\t").append(ports.isEmpty() ? "<none>" : ports).append('\n');
            String hostPorts = c.ports().stream().map(p -> (p.hostPort() == null ? 0 : p.hostPort()) + "/" + protocol(p))
                    .collect(Collectors.joining(", "));
            w.append(L2).append(hostPorts.contains(",") ? "Host Ports:\t" : "Host Port:\t")
                    .append(hostPorts.isEmpty() ? "<none>" : hostPorts).append('\n');
            if (!c.command().isEmpty()) {
                w.append(L2).append("Command:\n");
                c.command().forEach(x -> x.lines().forEach(l -> w.append(L3).append(l).append('\n')));
            }
            if (!c.args().isEmpty()) {
                w.append(L2).append("Args:\n");
                c.args().forEach(x -> x.lines().forEach(l -> w.append(L3).append(l).append('\n')));
            }
            if (c.resources() != null && !c.resources().limits().isEmpty()) {
                w.append(L2).append("Limits:\n");
                new TreeMap<>(c.resources().limits()).forEach((k, v) -> w.append(L3).append(k).append(":\t").append(v).append('\n'));
            }
            if (c.resources() != null && !c.resources().requests().isEmpty()) {
                w.append(L2).append("Requests:\n");
                new TreeMap<>(c.resources().requests()).forEach((k, v) -> w.append(L3).append(k).append(":\t").append(v).append('\n'));
            }
            if (st != null) {
                state(w, "State", st.state());
                if (st.lastState() != null && st.lastState().terminated() != null) {
                    state(w, "Last State", st.lastState());
                }
                w.append(L2).append("Ready:\t").append(Boolean.TRUE.equals(st.ready()) ? "True" : "False").append('\n');
                w.append(L2).append("Restart Count:\t").append(st.restartCount() == null ? 0 : st.restartCount()).append('\n');
            }
            if (c.livenessProbe() != null) {
                w.append(L2).append("Liveness:\t").append(probe(c.livenessProbe())).append('\n');
            }
            if (c.readinessProbe() != null) {
                w.append(L2).append("Readiness:\t").append(probe(c.readinessProbe())).append('\n');
            }
            if (c.startupProbe() != null) {
                w.append(L2).append("Startup:\t").append(probe(c.startupProbe())).append('\n');
            }
            if (!c.envFrom().isEmpty()) {
                w.append(L2).append("Environment Variables from:\n");
                for (var from : c.envFrom()) {
                    String prefix = from.prefix() == null || from.prefix().isEmpty() ? "" : " with prefix '" + from.prefix() + "'";
                    if (from.configMapRef() != null) {
                        w.append(L3).append(from.configMapRef().name()).append("\tConfigMap").append(prefix).append("\tOptional: ")
                                .append(Boolean.TRUE.equals(from.configMapRef().optional())).append('\n');
                    } else if (from.secretRef() != null) {
                        w.append(L3).append(from.secretRef().name()).append("\tSecret").append(prefix).append("\tOptional: ")
                                .append(Boolean.TRUE.equals(from.secretRef().optional())).append('\n');
                    }
                }
            }
            if (c.env().isEmpty()) {
                w.append(L2).append("Environment:\t<none>\n");
            } else {
                w.append(L2).append("Environment:\n");
                c.env().forEach(e -> w.append(L3).append(e.name()).append(":\t").append(envValue(pod, e)).append('\n'));
            }
            if (c.volumeMounts().isEmpty()) {
                w.append(L2).append("Mounts:\t<none>\n");
            } else {
                w.append(L2).append("Mounts:\n");
                c.volumeMounts().stream().sorted(Comparator.comparing(VolumeMount::mountPath))
                        .forEach(v -> w.append(L3).append(v.mountPath()).append(" from ").append(v.name()).append(" (")
                                .append(Boolean.TRUE.equals(v.readOnly()) ? "ro" : "rw")
                                .append(v.subPath() == null || v.subPath().isEmpty() ? "" : ", path = \"" + v.subPath() + "\"")
                                .append(")\n"));
            }
        }
    }

    private static String protocol(ContainerPort p) {
        return p.protocol() == null ? "TCP" : p.protocol();
    }

    /** The value as kubectl shows it: literal values, resolved field references, and only the name of a Secret's key. */
    private static String envValue(Pod pod, EnvVar e) {
        if (e.valueFrom() == null) {
            return e.value() == null ? "" : e.value();
        }
        var from = e.valueFrom();
        if (from.secretKeyRef() != null) {
            return "<set to the key '" + from.secretKeyRef().key() + "' in secret '" + from.secretKeyRef().name() + "'>\tOptional: "
                    + Boolean.TRUE.equals(from.secretKeyRef().optional());
        }
        if (from.configMapKeyRef() != null) {
            return "<set to the key '" + from.configMapKeyRef().key() + "' of config map '" + from.configMapKeyRef().name()
                    + "'>\tOptional: " + Boolean.TRUE.equals(from.configMapKeyRef().optional());
        }
        if (from.fieldRef() != null) {
            String path = from.fieldRef().fieldPath();
            String api = from.fieldRef().apiVersion() == null ? "v1" : from.fieldRef().apiVersion();
            return field(pod, path) + " (" + api + ":" + path + ")";
        }
        if (from.resourceFieldRef() != null) {
            return "node allocatable (limits." + from.resourceFieldRef().resource().replaceFirst("^(limits|requests)\\.", "") + ")";
        }
        return "";
    }

    private static String field(Pod pod, String path) {
        var m = pod.metadata();
        var s = pod.status();
        String v = switch (path) {
            case "metadata.name" -> m.name();
            case "metadata.namespace" -> m.namespace();
            case "metadata.uid" -> m.uid();
            case "spec.nodeName" -> pod.spec().nodeName();
            case "spec.serviceAccountName" -> pod.spec().serviceAccountName();
            case "status.podIP" -> s == null ? null : s.podIP();
            case "status.hostIP" -> s == null ? null : s.hostIP();
            default -> {
                if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
                    yield m.labels().get(path.substring(17, path.length() - 2));
                }
                if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
                    yield m.annotations().get(path.substring(22, path.length() - 2));
                }
                yield null;
            }
        };
        return v == null ? "" : v;
    }

    private static String probe(Probe p) {
        String attrs = "delay=" + n(p.initialDelaySeconds(), 0) + "s timeout=" + n(p.timeoutSeconds(), 1) + "s period="
                + n(p.periodSeconds(), 10) + "s #success=" + n(p.successThreshold(), 1) + " #failure=" + n(p.failureThreshold(), 3);
        if (p.exec() != null) {
            return "exec [" + String.join(" ", p.exec().command()) + "] " + attrs;
        }
        if (p.httpGet() != null) {
            var g = p.httpGet();
            String scheme = g.scheme() == null ? "http" : g.scheme().toLowerCase(Locale.ROOT);
            String path = g.path() == null ? "" : g.path();
            return "http-get " + scheme + "://" + (g.host() == null ? "" : g.host()) + ":" + g.port() + path + " " + attrs;
        }
        if (p.tcpSocket() != null) {
            return "tcp-socket " + (p.tcpSocket().host() == null ? "" : p.tcpSocket().host()) + ":" + p.tcpSocket().port() + " " + attrs;
        }
        if (p.grpc() != null) {
            return "grpc <pod>:" + p.grpc().port() + " " + (p.grpc().service() == null ? "" : p.grpc().service()) + " " + attrs;
        }
        return "unknown " + attrs;
    }

    private static int n(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static void state(StringBuilder w, String label, ContainerState st) {
        if (st != null && st.running() != null) {
            w.append(L2).append(label).append(":\tRunning\n");
            w.append(L3).append("Started:\t").append(time(st.running().startedAt())).append('\n');
        } else if (st != null && st.terminated() != null) {
            var t = st.terminated();
            w.append(L2).append(label).append(":\tTerminated\n");
            if (t.reason() != null && !t.reason().isEmpty()) {
                w.append(L3).append("Reason:\t").append(t.reason()).append('\n');
            }
            if (t.message() != null && !t.message().isEmpty()) {
                w.append(L3).append("Message:\t").append(t.message().strip()).append('\n');
            }
            w.append(L3).append("Exit Code:\t").append(t.exitCode() == null ? 0 : t.exitCode()).append('\n');
            if (t.signal() != null && t.signal() > 0) {
                w.append(L3).append("Signal:\t").append(t.signal()).append('\n');
            }
            w.append(L3).append("Started:\t").append(time(t.startedAt())).append('\n');
            w.append(L3).append("Finished:\t").append(time(t.finishedAt())).append('\n');
        } else {
            w.append(L2).append(label).append(":\tWaiting\n");
            if (st != null && st.waiting() != null && st.waiting().reason() != null && !st.waiting().reason().isEmpty()) {
                w.append(L3).append("Reason:\t").append(st.waiting().reason()).append('\n');
            }
        }
    }

    private static void volumes(StringBuilder w, List<Volume> volumes) {
        if (volumes.isEmpty()) {
            w.append("Volumes:\t<none>\n");
            return;
        }
        w.append("Volumes:\n");
        for (Volume v : volumes) {
            w.append(L1).append(v.name()).append(":\n");
            if (v.emptyDir() != null) {
                w.append(L2).append("Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
                w.append(L2).append("Medium:\t").append(v.emptyDir().medium() == null ? "" : v.emptyDir().medium()).append('\n');
                w.append(L2).append("SizeLimit:\t").append(v.emptyDir().sizeLimit() == null ? "<unset>" : v.emptyDir().sizeLimit()).append('\n');
            } else if (v.hostPath() != null) {
                w.append(L2).append("Type:\tHostPath (bare host directory volume)\n");
                w.append(L2).append("Path:\t").append(v.hostPath().path()).append('\n');
                w.append(L2).append("HostPathType:\t").append(v.hostPath().type() == null ? "" : v.hostPath().type()).append('\n');
            } else if (v.configMap() != null) {
                w.append(L2).append("Type:\tConfigMap (a volume populated by a ConfigMap)\n");
                w.append(L2).append("Name:\t").append(v.configMap().name()).append('\n');
                w.append(L2).append("Optional:\t").append(Boolean.TRUE.equals(v.configMap().optional())).append('\n');
            } else if (v.secret() != null) {
                w.append(L2).append("Type:\tSecret (a volume populated by a Secret)\n");
                w.append(L2).append("SecretName:\t").append(v.secret().secretName()).append('\n');
                w.append(L2).append("Optional:\t").append(Boolean.TRUE.equals(v.secret().optional())).append('\n');
            } else if (v.downwardAPI() != null) {
                w.append(L2).append("Type:\tDownwardAPI (a volume populated by information about the pod)\n");
                w.append(L2).append("Items:\n");
                v.downwardAPI().items().forEach(i -> w.append(L3)
                        .append(i.fieldRef() != null ? i.fieldRef().fieldPath() : i.resourceFieldRef() != null ? i.resourceFieldRef().resource() : "")
                        .append(" -> ").append(i.path()).append('\n'));
            } else if (v.projected() != null) {
                w.append(L2).append("Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            }
        }
    }

    private static void tolerations(StringBuilder w, List<Toleration> tolerations) {
        if (tolerations.isEmpty()) {
            w.append("Tolerations:\t<none>\n");
            return;
        }
        boolean first = true;
        for (Toleration t : tolerations) {
            StringBuilder one = new StringBuilder(t.key() == null ? "" : t.key());
            if (t.value() != null && !t.value().isEmpty()) {
                one.append('=').append(t.value());
            }
            if (t.effect() != null && !t.effect().isEmpty()) {
                one.append(':').append(t.effect());
            }
            if ("Exists".equals(t.operator()) && (t.value() == null || t.value().isEmpty())) {
                one.append(t.key() == null || t.key().isEmpty() ? "op=Exists" : " op=Exists");
            }
            if (t.tolerationSeconds() != null) {
                one.append(" for ").append(t.tolerationSeconds()).append('s');
            }
            w.append(first ? "Tolerations:\t" : "\t").append(one).append('\n');
            first = false;
        }
    }

    private static void multiline(StringBuilder w, String title, Map<String, String> values) {
        w.append(title).append(":\t");
        if (values == null || values.isEmpty()) {
            w.append("<none>\n");
            return;
        }
        boolean first = true;
        for (var e : new TreeMap<>(values).entrySet()) {
            if (!first) {
                w.append('\t');
            }
            w.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            first = false;
        }
    }

    private static String time(Instant t) {
        return t == null ? "<unset>" : RFC1123Z.format(t.atZone(ZoneId.systemDefault()));
    }

    private static String since(Instant t, Instant now) {
        return t == null ? "<unknown>" : HumanDuration.format(Duration.between(t, now));
    }
}

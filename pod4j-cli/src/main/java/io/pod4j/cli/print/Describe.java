package io.pod4j.cli.print;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.pod4j.api.build.Timestamps;
import io.pod4j.apiserver.table.HumanDuration;
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
        var m = pod.getMetadata();
        var spec = pod.getSpec();
        PodStatus s = pod.getStatus();
        w.append("Name:\t").append(m.getName()).append('\n');
        w.append("Namespace:\t").append(m.getNamespace()).append('\n');
        w.append("Priority:\t").append(spec.getPriority() == null ? 0 : spec.getPriority()).append('\n');
        w.append("Service Account:\t").append(spec.getServiceAccountName() == null ? "default" : spec.getServiceAccountName()).append('\n');
        w.append("Node:\t").append(spec.getNodeName() == null || spec.getNodeName().isEmpty() ? "<none>"
                : spec.getNodeName() + (s != null && s.getHostIP() != null ? "/" + s.getHostIP() : "")).append('\n');
        if (s != null && s.getStartTime() != null) {
            w.append("Start Time:\t").append(time(s.getStartTime())).append('\n');
        }
        multiline(w, "Labels", m.getLabels());
        multiline(w, "Annotations", m.getAnnotations());
        if (m.getDeletionTimestamp() != null) {
            w.append("Status:\tTerminating (lasts ").append(since(m.getDeletionTimestamp(), now)).append(")\n");
            w.append("Termination Grace Period:\t").append(m.getDeletionGracePeriodSeconds() == null ? 30 : m.getDeletionGracePeriodSeconds())
                    .append("s\n");
        } else {
            w.append("Status:\t").append(s == null || s.getPhase() == null ? "Pending" : s.getPhase()).append('\n');
        }
        if (s != null && s.getReason() != null && !s.getReason().isEmpty()) {
            w.append("Reason:\t").append(s.getReason()).append('\n');
        }
        if (s != null && s.getMessage() != null && !s.getMessage().isEmpty()) {
            w.append("Message:\t").append(s.getMessage()).append('\n');
        }
        w.append("IP:\t").append(s == null || s.getPodIP() == null ? "" : s.getPodIP()).append('\n');
        if (s == null || s.getPodIP() == null) {
            w.append("IPs:\t<none>\n");
        } else {
            w.append("IPs:\n");
            w.append(L1).append("IP:\t").append(s.getPodIP()).append('\n');
        }
        if (!list(spec.getInitContainers()).isEmpty()) {
            containers(w, "Init Containers", pod, spec.getInitContainers(), s == null ? List.of() : list(s.getInitContainerStatuses()));
        }
        containers(w, "Containers", pod, list(spec.getContainers()), s == null ? List.of() : list(s.getContainerStatuses()));
        if (s != null && !list(s.getConditions()).isEmpty()) {
            w.append("Conditions:\n").append(L1).append("Type\tStatus\n");
            s.getConditions().forEach(c -> w.append(L1).append(c.getType()).append(" \t").append(c.getStatus()).append(" \n"));
        }
        volumes(w, list(spec.getVolumes()));
        w.append("QoS Class:\t").append(s == null || s.getQosClass() == null ? "BestEffort" : s.getQosClass()).append('\n');
        multiline(w, "Node-Selectors", spec.getNodeSelector());
        tolerations(w, list(spec.getTolerations()));
        if (events.isEmpty()) {
            w.append("Events:\t<none>\n");
        } else {
            w.append("Events:\n");
            w.append(L1).append("Type\tReason\tAge\tFrom\tMessage\n");
            w.append(L1).append("----\t------\t----\t----\t-------\n");
            for (Event e : events) {
                w.append(L1).append(e.getType()).append('\t').append(e.getReason()).append('\t').append(EventAge.of(e, now)).append('\t')
                        .append(e.getSource() == null || e.getSource().getComponent() == null ? "" : e.getSource().getComponent()).append('\t')
                        .append(e.getMessage() == null ? "" : e.getMessage().strip()).append('\n');
            }
        }
        return TabWriter.align(w.toString());
    }

    private static void containers(StringBuilder w, String title, Pod pod, List<Container> specs, List<ContainerStatus> statuses) {
        w.append(title).append(":\n");
        for (Container c : specs) {
            ContainerStatus st = statuses.stream().filter(x -> x.getName().equals(c.getName())).findFirst().orElse(null);
            w.append(L1).append(c.getName()).append(":\n");
            if (st != null) {
                w.append(L2).append("Container ID:\t").append(st.getContainerID() == null ? "" : st.getContainerID()).append('\n');
            }
            w.append(L2).append("Image:\t").append(c.getImage()).append('\n');
            if (st != null) {
                w.append(L2).append("Image ID:\t").append(st.getImageID() == null ? "" : st.getImageID()).append('\n');
            }
            List<ContainerPort> cports = list(c.getPorts());
            String ports = cports.stream().map(p -> p.getContainerPort() + "/" + protocol(p)).collect(Collectors.joining(", "));
            w.append(L2).append(ports.contains(",") ? "Ports:\t" : "Port:\t").append(ports.isEmpty() ? "<none>" : ports).append('\n');
            String hostPorts = cports.stream().map(p -> (p.getHostPort() == null ? 0 : p.getHostPort()) + "/" + protocol(p))
                    .collect(Collectors.joining(", "));
            w.append(L2).append(hostPorts.contains(",") ? "Host Ports:\t" : "Host Port:\t")
                    .append(hostPorts.isEmpty() ? "<none>" : hostPorts).append('\n');
            if (!list(c.getCommand()).isEmpty()) {
                w.append(L2).append("Command:\n");
                c.getCommand().forEach(x -> x.lines().forEach(l -> w.append(L3).append(l).append('\n')));
            }
            if (!list(c.getArgs()).isEmpty()) {
                w.append(L2).append("Args:\n");
                c.getArgs().forEach(x -> x.lines().forEach(l -> w.append(L3).append(l).append('\n')));
            }
            var resources = c.getResources();
            if (resources != null && resources.getLimits() != null && !resources.getLimits().isEmpty()) {
                w.append(L2).append("Limits:\n");
                new TreeMap<>(resources.getLimits()).forEach((k, v) -> w.append(L3).append(k).append(":\t").append(v).append('\n'));
            }
            if (resources != null && resources.getRequests() != null && !resources.getRequests().isEmpty()) {
                w.append(L2).append("Requests:\n");
                new TreeMap<>(resources.getRequests()).forEach((k, v) -> w.append(L3).append(k).append(":\t").append(v).append('\n'));
            }
            if (st != null) {
                state(w, "State", st.getState());
                if (st.getLastState() != null && st.getLastState().getTerminated() != null) {
                    state(w, "Last State", st.getLastState());
                }
                w.append(L2).append("Ready:\t").append(Boolean.TRUE.equals(st.getReady()) ? "True" : "False").append('\n');
                w.append(L2).append("Restart Count:\t").append(st.getRestartCount() == null ? 0 : st.getRestartCount()).append('\n');
            }
            if (c.getLivenessProbe() != null) {
                w.append(L2).append("Liveness:\t").append(probe(c.getLivenessProbe())).append('\n');
            }
            if (c.getReadinessProbe() != null) {
                w.append(L2).append("Readiness:\t").append(probe(c.getReadinessProbe())).append('\n');
            }
            if (c.getStartupProbe() != null) {
                w.append(L2).append("Startup:\t").append(probe(c.getStartupProbe())).append('\n');
            }
            if (!list(c.getEnvFrom()).isEmpty()) {
                w.append(L2).append("Environment Variables from:\n");
                for (var from : c.getEnvFrom()) {
                    String prefix = from.getPrefix() == null || from.getPrefix().isEmpty() ? "" : " with prefix '" + from.getPrefix() + "'";
                    if (from.getConfigMapRef() != null) {
                        w.append(L3).append(from.getConfigMapRef().getName()).append("\tConfigMap").append(prefix).append("\tOptional: ")
                                .append(Boolean.TRUE.equals(from.getConfigMapRef().getOptional())).append('\n');
                    } else if (from.getSecretRef() != null) {
                        w.append(L3).append(from.getSecretRef().getName()).append("\tSecret").append(prefix).append("\tOptional: ")
                                .append(Boolean.TRUE.equals(from.getSecretRef().getOptional())).append('\n');
                    }
                }
            }
            if (list(c.getEnv()).isEmpty()) {
                w.append(L2).append("Environment:\t<none>\n");
            } else {
                w.append(L2).append("Environment:\n");
                c.getEnv().forEach(e -> w.append(L3).append(e.getName()).append(":\t").append(envValue(pod, e)).append('\n'));
            }
            if (list(c.getVolumeMounts()).isEmpty()) {
                w.append(L2).append("Mounts:\t<none>\n");
            } else {
                w.append(L2).append("Mounts:\n");
                c.getVolumeMounts().stream().sorted(Comparator.comparing(VolumeMount::getMountPath))
                        .forEach(v -> w.append(L3).append(v.getMountPath()).append(" from ").append(v.getName()).append(" (")
                                .append(Boolean.TRUE.equals(v.getReadOnly()) ? "ro" : "rw")
                                .append(v.getSubPath() == null || v.getSubPath().isEmpty() ? "" : ", path = \"" + v.getSubPath() + "\"")
                                .append(")\n"));
            }
        }
    }

    private static String protocol(ContainerPort p) {
        return p.getProtocol() == null ? "TCP" : p.getProtocol();
    }

    /** The value as kubectl shows it: literal values, resolved field references, and only the name of a Secret's key. */
    private static String envValue(Pod pod, EnvVar e) {
        if (e.getValueFrom() == null) {
            return e.getValue() == null ? "" : e.getValue();
        }
        var from = e.getValueFrom();
        if (from.getSecretKeyRef() != null) {
            return "<set to the key '" + from.getSecretKeyRef().getKey() + "' in secret '" + from.getSecretKeyRef().getName()
                    + "'>\tOptional: " + Boolean.TRUE.equals(from.getSecretKeyRef().getOptional());
        }
        if (from.getConfigMapKeyRef() != null) {
            return "<set to the key '" + from.getConfigMapKeyRef().getKey() + "' of config map '" + from.getConfigMapKeyRef().getName()
                    + "'>\tOptional: " + Boolean.TRUE.equals(from.getConfigMapKeyRef().getOptional());
        }
        if (from.getFieldRef() != null) {
            String path = from.getFieldRef().getFieldPath();
            String api = from.getFieldRef().getApiVersion() == null ? "v1" : from.getFieldRef().getApiVersion();
            return field(pod, path) + " (" + api + ":" + path + ")";
        }
        if (from.getResourceFieldRef() != null) {
            return "node allocatable (limits." + from.getResourceFieldRef().getResource().replaceFirst("^(limits|requests)\\.", "") + ")";
        }
        return "";
    }

    private static String field(Pod pod, String path) {
        var m = pod.getMetadata();
        var s = pod.getStatus();
        String v = switch (path) {
            case "metadata.name" -> m.getName();
            case "metadata.namespace" -> m.getNamespace();
            case "metadata.uid" -> m.getUid();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP" -> s == null ? null : s.getPodIP();
            case "status.hostIP" -> s == null ? null : s.getHostIP();
            default -> {
                if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
                    yield map(m.getLabels()).get(path.substring(17, path.length() - 2));
                }
                if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
                    yield map(m.getAnnotations()).get(path.substring(22, path.length() - 2));
                }
                yield null;
            }
        };
        return v == null ? "" : v;
    }

    private static String probe(Probe p) {
        String attrs = "delay=" + n(p.getInitialDelaySeconds(), 0) + "s timeout=" + n(p.getTimeoutSeconds(), 1) + "s period="
                + n(p.getPeriodSeconds(), 10) + "s #success=" + n(p.getSuccessThreshold(), 1) + " #failure=" + n(p.getFailureThreshold(), 3);
        if (p.getExec() != null) {
            return "exec [" + String.join(" ", list(p.getExec().getCommand())) + "] " + attrs;
        }
        if (p.getHttpGet() != null) {
            var g = p.getHttpGet();
            String scheme = g.getScheme() == null ? "http" : g.getScheme().toLowerCase(Locale.ROOT);
            String path = g.getPath() == null ? "" : g.getPath();
            return "http-get " + scheme + "://" + (g.getHost() == null ? "" : g.getHost()) + ":" + port(g.getPort()) + path + " " + attrs;
        }
        if (p.getTcpSocket() != null) {
            return "tcp-socket " + (p.getTcpSocket().getHost() == null ? "" : p.getTcpSocket().getHost()) + ":"
                    + port(p.getTcpSocket().getPort()) + " " + attrs;
        }
        if (p.getGrpc() != null) {
            return "grpc <pod>:" + p.getGrpc().getPort() + " " + (p.getGrpc().getService() == null ? "" : p.getGrpc().getService()) + " " + attrs;
        }
        return "unknown " + attrs;
    }

    /** A port as kubectl prints an IntOrString: the number, or the name. */
    private static String port(IntOrString p) {
        return p == null ? "" : p.getIntVal() != null ? String.valueOf(p.getIntVal()) : p.getStrVal();
    }

    private static int n(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static void state(StringBuilder w, String label, ContainerState st) {
        if (st != null && st.getRunning() != null) {
            w.append(L2).append(label).append(":\tRunning\n");
            w.append(L3).append("Started:\t").append(time(st.getRunning().getStartedAt())).append('\n');
        } else if (st != null && st.getTerminated() != null) {
            var t = st.getTerminated();
            w.append(L2).append(label).append(":\tTerminated\n");
            if (t.getReason() != null && !t.getReason().isEmpty()) {
                w.append(L3).append("Reason:\t").append(t.getReason()).append('\n');
            }
            if (t.getMessage() != null && !t.getMessage().isEmpty()) {
                w.append(L3).append("Message:\t").append(t.getMessage().strip()).append('\n');
            }
            w.append(L3).append("Exit Code:\t").append(t.getExitCode() == null ? 0 : t.getExitCode()).append('\n');
            if (t.getSignal() != null && t.getSignal() > 0) {
                w.append(L3).append("Signal:\t").append(t.getSignal()).append('\n');
            }
            w.append(L3).append("Started:\t").append(time(t.getStartedAt())).append('\n');
            w.append(L3).append("Finished:\t").append(time(t.getFinishedAt())).append('\n');
        } else {
            w.append(L2).append(label).append(":\tWaiting\n");
            if (st != null && st.getWaiting() != null && st.getWaiting().getReason() != null && !st.getWaiting().getReason().isEmpty()) {
                w.append(L3).append("Reason:\t").append(st.getWaiting().getReason()).append('\n');
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
            w.append(L1).append(v.getName()).append(":\n");
            if (v.getEmptyDir() != null) {
                w.append(L2).append("Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
                w.append(L2).append("Medium:\t").append(v.getEmptyDir().getMedium() == null ? "" : v.getEmptyDir().getMedium()).append('\n');
                w.append(L2).append("SizeLimit:\t").append(v.getEmptyDir().getSizeLimit() == null ? "<unset>" : v.getEmptyDir().getSizeLimit())
                        .append('\n');
            } else if (v.getHostPath() != null) {
                w.append(L2).append("Type:\tHostPath (bare host directory volume)\n");
                w.append(L2).append("Path:\t").append(v.getHostPath().getPath()).append('\n');
                w.append(L2).append("HostPathType:\t").append(v.getHostPath().getType() == null ? "" : v.getHostPath().getType()).append('\n');
            } else if (v.getConfigMap() != null) {
                w.append(L2).append("Type:\tConfigMap (a volume populated by a ConfigMap)\n");
                w.append(L2).append("Name:\t").append(v.getConfigMap().getName()).append('\n');
                w.append(L2).append("Optional:\t").append(Boolean.TRUE.equals(v.getConfigMap().getOptional())).append('\n');
            } else if (v.getSecret() != null) {
                w.append(L2).append("Type:\tSecret (a volume populated by a Secret)\n");
                w.append(L2).append("SecretName:\t").append(v.getSecret().getSecretName()).append('\n');
                w.append(L2).append("Optional:\t").append(Boolean.TRUE.equals(v.getSecret().getOptional())).append('\n');
            } else if (v.getDownwardAPI() != null) {
                w.append(L2).append("Type:\tDownwardAPI (a volume populated by information about the pod)\n");
                w.append(L2).append("Items:\n");
                list(v.getDownwardAPI().getItems()).forEach(i -> w.append(L3)
                        .append(i.getFieldRef() != null ? i.getFieldRef().getFieldPath()
                                : i.getResourceFieldRef() != null ? i.getResourceFieldRef().getResource() : "")
                        .append(" -> ").append(i.getPath()).append('\n'));
            } else if (v.getProjected() != null) {
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
            StringBuilder one = new StringBuilder(t.getKey() == null ? "" : t.getKey());
            if (t.getValue() != null && !t.getValue().isEmpty()) {
                one.append('=').append(t.getValue());
            }
            if (t.getEffect() != null && !t.getEffect().isEmpty()) {
                one.append(':').append(t.getEffect());
            }
            if ("Exists".equals(t.getOperator()) && (t.getValue() == null || t.getValue().isEmpty())) {
                one.append(t.getKey() == null || t.getKey().isEmpty() ? "op=Exists" : " op=Exists");
            }
            if (t.getTolerationSeconds() != null) {
                one.append(" for ").append(t.getTolerationSeconds()).append('s');
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

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    private static String time(String t) {
        return t == null ? "<unset>" : RFC1123Z.format(Timestamps.parse(t).atZone(ZoneId.systemDefault()));
    }

    private static String since(String t, Instant now) {
        return t == null ? "<unknown>" : HumanDuration.format(Duration.between(Timestamps.parse(t), now));
    }
}

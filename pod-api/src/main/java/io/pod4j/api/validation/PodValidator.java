package io.pod4j.api.validation;

import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestValidationException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.Volume;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API server's validation of a Pod (pkg/apis/core/validation), with its wording: each
 * violation names the field and says {@code Required value}, {@code Invalid value: ...},
 * {@code Duplicate value: ...}, {@code Unsupported value: ...} or {@code Not found: ...}.
 */
public final class PodValidator {

    private static final long ANNOTATIONS_LIMIT = 256 * 1024;
    private static final Set<String> RESTART_POLICIES = Set.of("Always", "OnFailure", "Never");
    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");
    private static final Set<String> DNS_POLICIES = Set.of("ClusterFirst", "ClusterFirstWithHostNet", "Default", "None");
    private static final Set<String> MESSAGE_POLICIES = Set.of("File", "FallbackToLogsOnError");
    private static final Set<String> HOST_PATH_TYPES = Set.of("", "DirectoryOrCreate", "Directory", "FileOrCreate",
            "File", "Socket", "CharDevice", "BlockDevice");
    private static final Set<String> SCHEMES = Set.of("HTTP", "HTTPS");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    private final List<Violation> violations = new ArrayList<>();

    private PodValidator() {
    }

    /**
     * @param pod a defaulted Pod
     * @return every violation, in field order; empty when the Pod is valid
     */
    public static List<Violation> validate(Pod pod) {
        PodValidator v = new PodValidator();
        v.metadata(pod.getMetadata() == null ? new ObjectMeta() : pod.getMetadata());
        if (pod.getSpec() == null) {
            v.add("spec", "Required value");
        } else {
            v.spec(pod.getSpec());
        }
        return List.copyOf(v.violations);
    }

    /**
     * Validates a Pod built in Java.
     *
     * @param pod a defaulted Pod
     * @throws ManifestValidationException listing every violation, with source {@code <builder>}
     */
    public static void check(Pod pod) {
        List<Violation> found = validate(pod);
        if (!found.isEmpty()) {
            throw new ManifestValidationException(found.stream()
                    .map(x -> new ManifestProblem("<builder>", 0, 0, x.path(), x.message(), null))
                    .toList());
        }
    }

    private static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> entries(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private void add(String path, String message) {
        violations.add(new Violation(path, message));
    }

    private void invalid(String path, Object value, String why) {
        add(path, "Invalid value: " + quote(value) + ": " + why);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private void metadata(ObjectMeta m) {
        if (m.getName() == null || m.getName().isEmpty()) {
            if (m.getGenerateName() == null || m.getGenerateName().isEmpty()) {
                add("metadata.name", "Required value: name or generateName is required");
            }
        } else {
            for (String e : NameRules.dns1123Subdomain(m.getName())) {
                invalid("metadata.name", m.getName(), e);
            }
        }
        if (m.getNamespace() != null) {
            for (String e : NameRules.dns1123Label(m.getNamespace())) {
                invalid("metadata.namespace", m.getNamespace(), e);
            }
        }
        labels("metadata.labels", entries(m.getLabels()));
        long size = 0;
        for (Map.Entry<String, String> a : entries(m.getAnnotations()).entrySet()) {
            for (String e : NameRules.qualifiedName(a.getKey())) {
                invalid("metadata.annotations", a.getKey(), e);
            }
            size += a.getKey().getBytes(StandardCharsets.UTF_8).length;
            size += a.getValue() == null ? 0 : a.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (size > ANNOTATIONS_LIMIT) {
            add("metadata.annotations", "Too long: may not be more than " + ANNOTATIONS_LIMIT + " bytes");
        }
    }

    private void labels(String path, Map<String, String> labels) {
        for (Map.Entry<String, String> l : labels.entrySet()) {
            for (String e : NameRules.qualifiedName(l.getKey())) {
                invalid(path, l.getKey(), e);
            }
            String value = l.getValue() == null ? "" : l.getValue();
            for (String e : NameRules.labelValue(value)) {
                invalid(path, value, e);
            }
        }
    }

    private void spec(PodSpec s) {
        Set<String> volumes = new HashSet<>();
        for (int i = 0; i < each(s.getVolumes()).size(); i++) {
            volume("spec.volumes[" + i + "]", each(s.getVolumes()).get(i), volumes);
        }
        if (each(s.getContainers()).isEmpty()) {
            add("spec.containers", "Required value");
        }
        Set<String> names = new HashSet<>();
        boolean hostNetwork = Boolean.TRUE.equals(s.getHostNetwork());
        for (int i = 0; i < each(s.getInitContainers()).size(); i++) {
            Container c = each(s.getInitContainers()).get(i);
            String path = "spec.initContainers[" + i + "]";
            container(path, c, names, volumes, hostNetwork);
            boolean sidecar = "Always".equals(c.getRestartPolicy());
            if (c.getRestartPolicy() != null && !sidecar) {
                add(path + ".restartPolicy", "Unsupported value: " + quote(c.getRestartPolicy())
                        + ": supported values: \"Always\"");
            }
            if (!sidecar) {
                if (c.getLivenessProbe() != null) {
                    add(path + ".livenessProbe", "Forbidden: may not be set for init containers without restartPolicy=Always");
                }
                if (c.getReadinessProbe() != null) {
                    add(path + ".readinessProbe", "Forbidden: may not be set for init containers without restartPolicy=Always");
                }
                if (c.getStartupProbe() != null) {
                    add(path + ".startupProbe", "Forbidden: may not be set for init containers without restartPolicy=Always");
                }
            }
        }
        for (int i = 0; i < each(s.getContainers()).size(); i++) {
            Container c = each(s.getContainers()).get(i);
            String path = "spec.containers[" + i + "]";
            container(path, c, names, volumes, hostNetwork);
            if (c.getRestartPolicy() != null) {
                add(path + ".restartPolicy", "Forbidden: may not be set for non-init containers");
            }
        }
        if (s.getRestartPolicy() != null && !RESTART_POLICIES.contains(s.getRestartPolicy())) {
            add("spec.restartPolicy", "Unsupported value: " + quote(s.getRestartPolicy())
                    + ": supported values: \"Always\", \"OnFailure\", \"Never\"");
        }
        if (s.getDnsPolicy() != null && !DNS_POLICIES.contains(s.getDnsPolicy())) {
            add("spec.dnsPolicy", "Unsupported value: " + quote(s.getDnsPolicy())
                    + ": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"");
        }
        if (s.getTerminationGracePeriodSeconds() != null && s.getTerminationGracePeriodSeconds() < 0) {
            invalid("spec.terminationGracePeriodSeconds", s.getTerminationGracePeriodSeconds(),
                    "must be greater than or equal to 0");
        }
        if (s.getActiveDeadlineSeconds() != null && s.getActiveDeadlineSeconds() < 1) {
            invalid("spec.activeDeadlineSeconds", s.getActiveDeadlineSeconds(), "must be between 1 and 2147483647, inclusive");
        }
        labels("spec.nodeSelector", entries(s.getNodeSelector()));
        if (s.getHostname() != null) {
            for (String e : NameRules.dns1123Label(s.getHostname())) {
                invalid("spec.hostname", s.getHostname(), e);
            }
        }
        if (s.getSubdomain() != null) {
            for (String e : NameRules.dns1123Label(s.getSubdomain())) {
                invalid("spec.subdomain", s.getSubdomain(), e);
            }
        }
        for (int i = 0; i < each(s.getHostAliases()).size(); i++) {
            HostAlias h = each(s.getHostAliases()).get(i);
            String path = "spec.hostAliases[" + i + "]";
            if (h.getIp() == null || !IPV4.matcher(h.getIp()).matches() && !h.getIp().contains(":")) {
                invalid(path + ".ip", h.getIp(), "must be a valid IP address");
            }
        }
        if (Boolean.TRUE.equals(s.getHostNetwork()) && Boolean.TRUE.equals(s.getShareProcessNamespace()) && Boolean.TRUE.equals(s.getHostPID())) {
            add("spec.shareProcessNamespace", "Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled");
        }
        violations.addAll(PodFieldRules.validate(s));
    }

    private void volume(String path, Volume v, Set<String> names) {
        if (v.getName() == null || v.getName().isEmpty()) {
            add(path + ".name", "Required value");
        } else {
            for (String e : NameRules.dns1123Label(v.getName())) {
                invalid(path + ".name", v.getName(), e);
            }
            if (!names.add(v.getName())) {
                add(path + ".name", "Duplicate value: " + quote(v.getName()));
            }
        }
        int sources = volumeSources(v);
        if (sources == 0) {
            add(path, "Required value: must specify a volume type");
        } else if (sources > 1) {
            add(path, "Forbidden: may not specify more than 1 volume type");
        }
        if (v.getHostPath() != null) {
            if (v.getHostPath().getPath() == null || v.getHostPath().getPath().isEmpty()) {
                add(path + ".hostPath.path", "Required value");
            }
            String type = v.getHostPath().getType();
            if (type != null && !HOST_PATH_TYPES.contains(type)) {
                add(path + ".hostPath.type", "Unsupported value: " + quote(type) + ": supported values: \"\","
                        + " \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\","
                        + " \"FileOrCreate\", \"Socket\"");
            }
        }
        if (v.getEmptyDir() != null && v.getEmptyDir().getMedium() != null
                && !v.getEmptyDir().getMedium().isEmpty() && !v.getEmptyDir().getMedium().equals("Memory")) {
            add(path + ".emptyDir.medium", "Unsupported value: " + quote(v.getEmptyDir().getMedium())
                    + ": supported values: \"\", \"Memory\"");
        }
        if (v.getConfigMap() != null && (v.getConfigMap().getName() == null || v.getConfigMap().getName().isEmpty())) {
            add(path + ".configMap.name", "Required value");
        }
        if (v.getSecret() != null && (v.getSecret().getSecretName() == null || v.getSecret().getSecretName().isEmpty())) {
            add(path + ".secret.secretName", "Required value");
        }
        mode(path + ".configMap.defaultMode", v.getConfigMap() == null ? null : v.getConfigMap().getDefaultMode());
        mode(path + ".secret.defaultMode", v.getSecret() == null ? null : v.getSecret().getDefaultMode());
    }

    /** Counts the volume sources set, whichever of Kubernetes' thirty they are. */
    private static int volumeSources(Volume v) {
        int n = 0;
        for (java.util.Iterator<String> f = PodWarnings.TREES.valueToTree(v).fieldNames(); f.hasNext();) {
            n += f.next().equals("name") ? 0 : 1;
        }
        return n;
    }

    private void mode(String path, Integer mode) {
        if (mode != null && (mode < 0 || mode > 0777)) {
            invalid(path, mode, "must be a number between 0 and 0777 (octal), both inclusive");
        }
    }

    private void container(String path, Container c, Set<String> names, Set<String> volumes, boolean hostNetwork) {
        if (c.getName() == null || c.getName().isEmpty()) {
            add(path + ".name", "Required value");
        } else {
            for (String e : NameRules.dns1123Label(c.getName())) {
                invalid(path + ".name", c.getName(), e);
            }
            if (!names.add(c.getName())) {
                add(path + ".name", "Duplicate value: " + quote(c.getName()));
            }
        }
        if (c.getImage() == null || c.getImage().isBlank()) {
            add(path + ".image", "Required value");
        }
        if (c.getImagePullPolicy() != null && !PULL_POLICIES.contains(c.getImagePullPolicy())) {
            add(path + ".imagePullPolicy", "Unsupported value: " + quote(c.getImagePullPolicy())
                    + ": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
        }
        if (c.getTerminationMessagePolicy() != null && !MESSAGE_POLICIES.contains(c.getTerminationMessagePolicy())) {
            add(path + ".terminationMessagePolicy", "Unsupported value: " + quote(c.getTerminationMessagePolicy())
                    + ": supported values: \"File\", \"FallbackToLogsOnError\"");
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < each(c.getPorts()).size(); i++) {
            port(path + ".ports[" + i + "]", each(c.getPorts()).get(i), portNames, hostNetwork);
        }
        for (int i = 0; i < each(c.getEnv()).size(); i++) {
            env(path + ".env[" + i + "]", each(c.getEnv()).get(i));
        }
        Set<String> mountPaths = new HashSet<>();
        for (int i = 0; i < each(c.getVolumeMounts()).size(); i++) {
            VolumeMount m = each(c.getVolumeMounts()).get(i);
            String mp = path + ".volumeMounts[" + i + "]";
            if (m.getName() == null || m.getName().isEmpty()) {
                add(mp + ".name", "Required value");
            } else if (!volumes.contains(m.getName())) {
                add(mp + ".name", "Not found: " + quote(m.getName()));
            }
            if (m.getMountPath() == null || m.getMountPath().isEmpty()) {
                add(mp + ".mountPath", "Required value");
            } else if (!mountPaths.add(m.getMountPath())) {
                add(mp + ".mountPath", "Invalid value: " + quote(m.getMountPath()) + ": must be unique");
            }
            // The API server names these two without the mount's index (path + ".volumeMounts.subPath").
            String mounts = path + ".volumeMounts";
            if (m.getSubPath() != null && !m.getSubPath().isEmpty()) {
                localDescendingPath(mounts + ".subPath", m.getSubPath());
            }
            if (m.getSubPathExpr() != null && !m.getSubPathExpr().isEmpty()) {
                if (m.getSubPath() != null && !m.getSubPath().isEmpty()) {
                    invalid(mp + ".subPathExpr", m.getSubPathExpr(), "subPathExpr and subPath are mutually exclusive");
                }
                localDescendingPath(mounts + ".subPathExpr", m.getSubPathExpr());
            }
        }
        probe(path + ".livenessProbe", c.getLivenessProbe(), true, c);
        probe(path + ".readinessProbe", c.getReadinessProbe(), false, c);
        probe(path + ".startupProbe", c.getStartupProbe(), true, c);
        if (c.getLifecycle() != null) {
            handler(path + ".lifecycle.postStart", c.getLifecycle().getPostStart(), c);
            handler(path + ".lifecycle.preStop", c.getLifecycle().getPreStop(), c);
        }
    }

    private void localDescendingPath(String path, String value) {
        if (value.startsWith("/")) {
            invalid(path, value, "must be a relative path");
        }
        if (List.of(value.split("/")).contains("..")) {
            invalid(path, value, "must not contain '..'");
        }
    }

    private void port(String path, ContainerPort p, Set<String> names, boolean hostNetwork) {
        if (p.getContainerPort() == null) {
            add(path + ".containerPort", "Required value");
        } else if (p.getContainerPort() < 1 || p.getContainerPort() > 65535) {
            invalid(path + ".containerPort", p.getContainerPort(), "must be between 1 and 65535, inclusive");
        }
        if (p.getHostPort() != null && (p.getHostPort() < 0 || p.getHostPort() > 65535)) {
            invalid(path + ".hostPort", p.getHostPort(), "must be between 1 and 65535, inclusive");
        }
        if (hostNetwork && p.getHostPort() != null && p.getHostPort() != 0 && !p.getHostPort().equals(p.getContainerPort())) {
            invalid(path + ".hostPort", p.getHostPort(), "must match `containerPort` when `hostNetwork` is true");
        }
        if (p.getName() != null) {
            for (String e : NameRules.portName(p.getName())) {
                invalid(path + ".name", p.getName(), e);
            }
            if (!names.add(p.getName())) {
                add(path + ".name", "Duplicate value: " + quote(p.getName()));
            }
        }
        if (p.getProtocol() != null && !PROTOCOLS.contains(p.getProtocol())) {
            add(path + ".protocol", "Unsupported value: " + quote(p.getProtocol())
                    + ": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        }
    }

    private void env(String path, EnvVar e) {
        if (e.getName() == null || e.getName().isEmpty()) {
            add(path + ".name", "Required value");
        } else {
            for (String msg : NameRules.envVarName(e.getName())) {
                invalid(path + ".name", e.getName(), msg);
            }
        }
        EnvVarSource from = e.getValueFrom();
        if (from != null) {
            if (e.getValue() != null && !e.getValue().isEmpty()) {
                add(path + ".valueFrom", "Invalid value: \"\": may not be specified when `value` is not empty");
            }
            int n = (from.getFieldRef() != null ? 1 : 0) + (from.getResourceFieldRef() != null ? 1 : 0)
                    + (from.getConfigMapKeyRef() != null ? 1 : 0) + (from.getSecretKeyRef() != null ? 1 : 0);
            if (n != 1) {
                invalid(path + ".valueFrom", "", "may not have more than one field specified at a time");
            }
            if (from.getFieldRef() != null && from.getFieldRef().getFieldPath() == null) {
                add(path + ".valueFrom.fieldRef.fieldPath", "Required value");
            }
            if (from.getConfigMapKeyRef() != null && from.getConfigMapKeyRef().getKey() == null) {
                add(path + ".valueFrom.configMapKeyRef.key", "Required value");
            }
            if (from.getSecretKeyRef() != null && from.getSecretKeyRef().getKey() == null) {
                add(path + ".valueFrom.secretKeyRef.key", "Required value");
            }
        }
    }

    private void probe(String path, Probe p, boolean successMustBeOne, Container c) {
        if (p == null) {
            return;
        }
        int handlers = (p.getExec() != null ? 1 : 0) + (p.getHttpGet() != null ? 1 : 0)
                + (p.getTcpSocket() != null ? 1 : 0) + (p.getGrpc() != null ? 1 : 0);
        if (handlers == 0) {
            add(path, "Required value: must specify a handler type");
        } else if (handlers > 1) {
            add(path, "Forbidden: may not specify more than 1 handler type");
        }
        nonNegative(path + ".initialDelaySeconds", p.getInitialDelaySeconds());
        positive(path + ".timeoutSeconds", p.getTimeoutSeconds());
        positive(path + ".periodSeconds", p.getPeriodSeconds());
        positive(path + ".successThreshold", p.getSuccessThreshold());
        positive(path + ".failureThreshold", p.getFailureThreshold());
        if (successMustBeOne && p.getSuccessThreshold() != null && p.getSuccessThreshold() != 1) {
            invalid(path + ".successThreshold", p.getSuccessThreshold(), "must be 1");
        }
        if (p.getTerminationGracePeriodSeconds() != null && p.getTerminationGracePeriodSeconds() <= 0) {
            invalid(path + ".terminationGracePeriodSeconds", p.getTerminationGracePeriodSeconds(), "must be greater than 0");
        }
        if (p.getExec() != null && each(p.getExec().getCommand()).isEmpty()) {
            add(path + ".exec.command", "Required value");
        }
        if (p.getHttpGet() != null) {
            httpGet(path + ".httpGet", p.getHttpGet(), c);
        }
        if (p.getTcpSocket() != null) {
            portRef(path + ".tcpSocket.port", p.getTcpSocket().getPort(), c);
        }
        if (p.getGrpc() != null) {
            if (p.getGrpc().getPort() == null) {
                add(path + ".grpc.port", "Required value");
            } else if (p.getGrpc().getPort() < 1 || p.getGrpc().getPort() > 65535) {
                invalid(path + ".grpc.port", p.getGrpc().getPort(), "must be between 1 and 65535, inclusive");
            }
        }
    }

    private void handler(String path, LifecycleHandler h, Container c) {
        if (h == null) {
            return;
        }
        int n = (h.getExec() != null ? 1 : 0) + (h.getHttpGet() != null ? 1 : 0)
                + (h.getTcpSocket() != null ? 1 : 0) + (h.getSleep() != null ? 1 : 0);
        if (n == 0) {
            add(path, "Required value: must specify a handler type");
        } else if (n > 1) {
            add(path, "Forbidden: may not specify more than 1 handler type");
        }
        if (h.getHttpGet() != null) {
            httpGet(path + ".httpGet", h.getHttpGet(), c);
        }
        if (h.getSleep() != null && (h.getSleep().getSeconds() == null || h.getSleep().getSeconds() < 0)) {
            invalid(path + ".sleep.seconds", h.getSleep().getSeconds(), "must be greater than or equal to 0");
        }
    }

    private void httpGet(String path, HTTPGetAction h, Container c) {
        portRef(path + ".port", h.getPort(), c);
        if (h.getScheme() != null && !SCHEMES.contains(h.getScheme())) {
            add(path + ".scheme", "Unsupported value: " + quote(h.getScheme()) + ": supported values: \"HTTP\", \"HTTPS\"");
        }
    }

    private void portRef(String path, IntOrString port, Container c) {
        if (port == null || port.getIntVal() == null && port.getStrVal() == null) {
            add(path, "Required value");
        } else if (port.getIntVal() != null) {
            if (port.getIntVal() < 1 || port.getIntVal() > 65535) {
                invalid(path, port.getIntVal(), "must be between 1 and 65535, inclusive");
            }
        } else {
            // Like the API server, only the syntax is checked: an undeclared name fails at probe time.
            for (String e : NameRules.portName(port.getStrVal())) {
                invalid(path, port.getStrVal(), e);
            }
        }
    }

    private void nonNegative(String path, Integer value) {
        if (value != null && value < 0) {
            invalid(path, value, "must be greater than or equal to 0");
        }
    }

    private void positive(String path, Integer value) {
        if (value != null && value < 1) {
            invalid(path, value, "must be greater than or equal to 1");
        }
    }
}

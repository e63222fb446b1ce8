package io.pod4j.api.validation;

import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestValidationException;
import io.pod4j.api.model.Container;
import io.pod4j.api.model.ContainerPort;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.EnvVarSource;
import io.pod4j.api.model.HTTPGetAction;
import io.pod4j.api.model.HostAlias;
import io.pod4j.api.model.IntOrString;
import io.pod4j.api.model.LifecycleHandler;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodSpec;
import io.pod4j.api.model.Probe;
import io.pod4j.api.model.VolumeMount;
import io.pod4j.api.model.Volume;
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
        v.metadata(pod.metadata());
        if (pod.spec() == null) {
            v.add("spec", "Required value");
        } else {
            v.spec(pod.spec());
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
        if (m.name() == null || m.name().isEmpty()) {
            if (m.generateName() == null || m.generateName().isEmpty()) {
                add("metadata.name", "Required value: name or generateName is required");
            }
        } else {
            for (String e : NameRules.dns1123Subdomain(m.name())) {
                invalid("metadata.name", m.name(), e);
            }
        }
        if (m.namespace() != null) {
            for (String e : NameRules.dns1123Label(m.namespace())) {
                invalid("metadata.namespace", m.namespace(), e);
            }
        }
        labels("metadata.labels", m.labels());
        long size = 0;
        for (Map.Entry<String, String> a : m.annotations().entrySet()) {
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
        for (int i = 0; i < s.volumes().size(); i++) {
            volume("spec.volumes[" + i + "]", s.volumes().get(i), volumes);
        }
        if (s.containers().isEmpty()) {
            add("spec.containers", "Required value");
        }
        Set<String> names = new HashSet<>();
        boolean hostNetwork = Boolean.TRUE.equals(s.hostNetwork());
        for (int i = 0; i < s.initContainers().size(); i++) {
            Container c = s.initContainers().get(i);
            String path = "spec.initContainers[" + i + "]";
            container(path, c, names, volumes, hostNetwork);
            boolean sidecar = "Always".equals(c.restartPolicy());
            if (c.restartPolicy() != null && !sidecar) {
                add(path + ".restartPolicy", "Unsupported value: " + quote(c.restartPolicy())
                        + ": supported values: \"Always\"");
            }
            if (!sidecar) {
                if (c.livenessProbe() != null) {
                    add(path + ".livenessProbe", "Forbidden: may not be set for init containers without restartPolicy=Always");
                }
                if (c.readinessProbe() != null) {
                    add(path + ".readinessProbe", "Forbidden: may not be set for init containers without restartPolicy=Always");
                }
                if (c.startupProbe() != null) {
                    add(path + ".startupProbe", "Forbidden: may not be set for init containers without restartPolicy=Always");
                }
            }
        }
        for (int i = 0; i < s.containers().size(); i++) {
            Container c = s.containers().get(i);
            String path = "spec.containers[" + i + "]";
            container(path, c, names, volumes, hostNetwork);
            if (c.restartPolicy() != null) {
                add(path + ".restartPolicy", "Forbidden: may not be set for non-init containers");
            }
        }
        if (s.restartPolicy() != null && !RESTART_POLICIES.contains(s.restartPolicy())) {
            add("spec.restartPolicy", "Unsupported value: " + quote(s.restartPolicy())
                    + ": supported values: \"Always\", \"OnFailure\", \"Never\"");
        }
        if (s.dnsPolicy() != null && !DNS_POLICIES.contains(s.dnsPolicy())) {
            add("spec.dnsPolicy", "Unsupported value: " + quote(s.dnsPolicy())
                    + ": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"");
        }
        if (s.terminationGracePeriodSeconds() != null && s.terminationGracePeriodSeconds() < 0) {
            invalid("spec.terminationGracePeriodSeconds", s.terminationGracePeriodSeconds(),
                    "must be greater than or equal to 0");
        }
        if (s.activeDeadlineSeconds() != null && s.activeDeadlineSeconds() < 1) {
            invalid("spec.activeDeadlineSeconds", s.activeDeadlineSeconds(), "must be between 1 and 2147483647, inclusive");
        }
        labels("spec.nodeSelector", s.nodeSelector());
        if (s.hostname() != null) {
            for (String e : NameRules.dns1123Label(s.hostname())) {
                invalid("spec.hostname", s.hostname(), e);
            }
        }
        if (s.subdomain() != null) {
            for (String e : NameRules.dns1123Label(s.subdomain())) {
                invalid("spec.subdomain", s.subdomain(), e);
            }
        }
        for (int i = 0; i < s.hostAliases().size(); i++) {
            HostAlias h = s.hostAliases().get(i);
            String path = "spec.hostAliases[" + i + "]";
            if (h.ip() == null || !IPV4.matcher(h.ip()).matches() && !h.ip().contains(":")) {
                invalid(path + ".ip", h.ip(), "must be a valid IP address");
            }
        }
        if (Boolean.TRUE.equals(s.hostNetwork()) && Boolean.TRUE.equals(s.shareProcessNamespace()) && Boolean.TRUE.equals(s.hostPID())) {
            add("spec.shareProcessNamespace", "Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled");
        }
    }

    private void volume(String path, Volume v, Set<String> names) {
        if (v.name() == null || v.name().isEmpty()) {
            add(path + ".name", "Required value");
        } else {
            for (String e : NameRules.dns1123Label(v.name())) {
                invalid(path + ".name", v.name(), e);
            }
            if (!names.add(v.name())) {
                add(path + ".name", "Duplicate value: " + quote(v.name()));
            }
        }
        int sources = 0;
        sources += v.emptyDir() != null ? 1 : 0;
        sources += v.hostPath() != null ? 1 : 0;
        sources += v.configMap() != null ? 1 : 0;
        sources += v.secret() != null ? 1 : 0;
        sources += v.downwardAPI() != null ? 1 : 0;
        sources += v.projected() != null ? 1 : 0;
        if (sources == 0) {
            add(path, "Required value: must specify a volume type");
        } else if (sources > 1) {
            add(path, "Forbidden: may not specify more than 1 volume type");
        }
        if (v.hostPath() != null) {
            if (v.hostPath().path() == null || v.hostPath().path().isEmpty()) {
                add(path + ".hostPath.path", "Required value");
            }
            String type = v.hostPath().type();
            if (type != null && !HOST_PATH_TYPES.contains(type)) {
                add(path + ".hostPath.type", "Unsupported value: " + quote(type) + ": supported values: \"\","
                        + " \"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\","
                        + " \"FileOrCreate\", \"Socket\"");
            }
        }
        if (v.emptyDir() != null && v.emptyDir().medium() != null
                && !v.emptyDir().medium().isEmpty() && !v.emptyDir().medium().equals("Memory")) {
            add(path + ".emptyDir.medium", "Unsupported value: " + quote(v.emptyDir().medium())
                    + ": supported values: \"\", \"Memory\"");
        }
        if (v.configMap() != null && (v.configMap().name() == null || v.configMap().name().isEmpty())) {
            add(path + ".configMap.name", "Required value");
        }
        if (v.secret() != null && (v.secret().secretName() == null || v.secret().secretName().isEmpty())) {
            add(path + ".secret.secretName", "Required value");
        }
        mode(path + ".configMap.defaultMode", v.configMap() == null ? null : v.configMap().defaultMode());
        mode(path + ".secret.defaultMode", v.secret() == null ? null : v.secret().defaultMode());
    }

    private void mode(String path, Integer mode) {
        if (mode != null && (mode < 0 || mode > 0777)) {
            invalid(path, mode, "must be a number between 0 and 0777 (octal), both inclusive");
        }
    }

    private void container(String path, Container c, Set<String> names, Set<String> volumes, boolean hostNetwork) {
        if (c.name() == null || c.name().isEmpty()) {
            add(path + ".name", "Required value");
        } else {
            for (String e : NameRules.dns1123Label(c.name())) {
                invalid(path + ".name", c.name(), e);
            }
            if (!names.add(c.name())) {
                add(path + ".name", "Duplicate value: " + quote(c.name()));
            }
        }
        if (c.image() == null || c.image().isBlank()) {
            add(path + ".image", "Required value");
        }
        if (c.imagePullPolicy() != null && !PULL_POLICIES.contains(c.imagePullPolicy())) {
            add(path + ".imagePullPolicy", "Unsupported value: " + quote(c.imagePullPolicy())
                    + ": supported values: \"Always\", \"IfNotPresent\", \"Never\"");
        }
        if (c.terminationMessagePolicy() != null && !MESSAGE_POLICIES.contains(c.terminationMessagePolicy())) {
            add(path + ".terminationMessagePolicy", "Unsupported value: " + quote(c.terminationMessagePolicy())
                    + ": supported values: \"File\", \"FallbackToLogsOnError\"");
        }
        Set<String> portNames = new HashSet<>();
        for (int i = 0; i < c.ports().size(); i++) {
            port(path + ".ports[" + i + "]", c.ports().get(i), portNames, hostNetwork);
        }
        for (int i = 0; i < c.env().size(); i++) {
            env(path + ".env[" + i + "]", c.env().get(i));
        }
        Set<String> mountPaths = new HashSet<>();
        for (int i = 0; i < c.volumeMounts().size(); i++) {
            VolumeMount m = c.volumeMounts().get(i);
            String mp = path + ".volumeMounts[" + i + "]";
            if (m.name() == null || m.name().isEmpty()) {
                add(mp + ".name", "Required value");
            } else if (!volumes.contains(m.name())) {
                add(mp + ".name", "Not found: " + quote(m.name()));
            }
            if (m.mountPath() == null || m.mountPath().isEmpty()) {
                add(mp + ".mountPath", "Required value");
            } else if (!mountPaths.add(m.mountPath())) {
                add(mp + ".mountPath", "Invalid value: " + quote(m.mountPath()) + ": must be unique");
            }
            if (m.subPath() != null && (m.subPath().startsWith("/") || List.of(m.subPath().split("/")).contains(".."))) {
                invalid(mp + ".subPath", m.subPath(), "must be a relative path without '..'");
            }
        }
        probe(path + ".livenessProbe", c.livenessProbe(), true, c);
        probe(path + ".readinessProbe", c.readinessProbe(), false, c);
        probe(path + ".startupProbe", c.startupProbe(), true, c);
        if (c.lifecycle() != null) {
            handler(path + ".lifecycle.postStart", c.lifecycle().postStart(), c);
            handler(path + ".lifecycle.preStop", c.lifecycle().preStop(), c);
        }
    }

    private void port(String path, ContainerPort p, Set<String> names, boolean hostNetwork) {
        if (p.containerPort() == null) {
            add(path + ".containerPort", "Required value");
        } else if (p.containerPort() < 1 || p.containerPort() > 65535) {
            invalid(path + ".containerPort", p.containerPort(), "must be between 1 and 65535, inclusive");
        }
        if (p.hostPort() != null && (p.hostPort() < 0 || p.hostPort() > 65535)) {
            invalid(path + ".hostPort", p.hostPort(), "must be between 1 and 65535, inclusive");
        }
        if (hostNetwork && p.hostPort() != null && p.hostPort() != 0 && !p.hostPort().equals(p.containerPort())) {
            invalid(path + ".hostPort", p.hostPort(), "must match `containerPort` when `hostNetwork` is true");
        }
        if (p.name() != null) {
            for (String e : NameRules.portName(p.name())) {
                invalid(path + ".name", p.name(), e);
            }
            if (!names.add(p.name())) {
                add(path + ".name", "Duplicate value: " + quote(p.name()));
            }
        }
        if (p.protocol() != null && !PROTOCOLS.contains(p.protocol())) {
            add(path + ".protocol", "Unsupported value: " + quote(p.protocol())
                    + ": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        }
    }

    private void env(String path, EnvVar e) {
        if (e.name() == null || e.name().isEmpty()) {
            add(path + ".name", "Required value");
        } else {
            for (String msg : NameRules.envVarName(e.name())) {
                invalid(path + ".name", e.name(), msg);
            }
        }
        EnvVarSource from = e.valueFrom();
        if (from != null) {
            if (e.value() != null && !e.value().isEmpty()) {
                add(path + ".valueFrom", "Invalid value: \"\": may not be specified when `value` is not empty");
            }
            int n = (from.fieldRef() != null ? 1 : 0) + (from.resourceFieldRef() != null ? 1 : 0)
                    + (from.configMapKeyRef() != null ? 1 : 0) + (from.secretKeyRef() != null ? 1 : 0);
            if (n != 1) {
                invalid(path + ".valueFrom", "", "may not have more than one field specified at a time");
            }
            if (from.fieldRef() != null && from.fieldRef().fieldPath() == null) {
                add(path + ".valueFrom.fieldRef.fieldPath", "Required value");
            }
            if (from.configMapKeyRef() != null && from.configMapKeyRef().key() == null) {
                add(path + ".valueFrom.configMapKeyRef.key", "Required value");
            }
            if (from.secretKeyRef() != null && from.secretKeyRef().key() == null) {
                add(path + ".valueFrom.secretKeyRef.key", "Required value");
            }
        }
    }

    private void probe(String path, Probe p, boolean successMustBeOne, Container c) {
        if (p == null) {
            return;
        }
        int handlers = (p.exec() != null ? 1 : 0) + (p.httpGet() != null ? 1 : 0)
                + (p.tcpSocket() != null ? 1 : 0) + (p.grpc() != null ? 1 : 0);
        if (handlers == 0) {
            add(path, "Required value: must specify a handler type");
        } else if (handlers > 1) {
            add(path, "Forbidden: may not specify more than 1 handler type");
        }
        nonNegative(path + ".initialDelaySeconds", p.initialDelaySeconds());
        positive(path + ".timeoutSeconds", p.timeoutSeconds());
        positive(path + ".periodSeconds", p.periodSeconds());
        positive(path + ".successThreshold", p.successThreshold());
        positive(path + ".failureThreshold", p.failureThreshold());
        if (successMustBeOne && p.successThreshold() != null && p.successThreshold() != 1) {
            invalid(path + ".successThreshold", p.successThreshold(), "must be 1");
        }
        if (p.terminationGracePeriodSeconds() != null && p.terminationGracePeriodSeconds() <= 0) {
            invalid(path + ".terminationGracePeriodSeconds", p.terminationGracePeriodSeconds(), "must be greater than 0");
        }
        if (p.exec() != null && p.exec().command().isEmpty()) {
            add(path + ".exec.command", "Required value");
        }
        if (p.httpGet() != null) {
            httpGet(path + ".httpGet", p.httpGet(), c);
        }
        if (p.tcpSocket() != null) {
            portRef(path + ".tcpSocket.port", p.tcpSocket().port(), c);
        }
        if (p.grpc() != null) {
            if (p.grpc().port() == null) {
                add(path + ".grpc.port", "Required value");
            } else if (p.grpc().port() < 1 || p.grpc().port() > 65535) {
                invalid(path + ".grpc.port", p.grpc().port(), "must be between 1 and 65535, inclusive");
            }
        }
    }

    private void handler(String path, LifecycleHandler h, Container c) {
        if (h == null) {
            return;
        }
        int n = (h.exec() != null ? 1 : 0) + (h.httpGet() != null ? 1 : 0)
                + (h.tcpSocket() != null ? 1 : 0) + (h.sleep() != null ? 1 : 0);
        if (n == 0) {
            add(path, "Required value: must specify a handler type");
        } else if (n > 1) {
            add(path, "Forbidden: may not specify more than 1 handler type");
        }
        if (h.httpGet() != null) {
            httpGet(path + ".httpGet", h.httpGet(), c);
        }
        if (h.sleep() != null && (h.sleep().seconds() == null || h.sleep().seconds() < 0)) {
            invalid(path + ".sleep.seconds", h.sleep().seconds(), "must be greater than or equal to 0");
        }
    }

    private void httpGet(String path, HTTPGetAction h, Container c) {
        portRef(path + ".port", h.port(), c);
        if (h.scheme() != null && !SCHEMES.contains(h.scheme())) {
            add(path + ".scheme", "Unsupported value: " + quote(h.scheme()) + ": supported values: \"HTTP\", \"HTTPS\"");
        }
    }

    private void portRef(String path, IntOrString port, Container c) {
        if (port == null) {
            add(path, "Required value");
        } else if (port.isNumber()) {
            if (port.number() < 1 || port.number() > 65535) {
                invalid(path, port.number(), "must be between 1 and 65535, inclusive");
            }
        } else {
            // Like the API server, only the syntax is checked: an undeclared name fails at probe time.
            for (String e : NameRules.portName(port.name())) {
                invalid(path, port.name(), e);
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

package io.pod4j.engine.runtime;

import io.pod4j.api.model.ConfigMap;
import io.pod4j.api.model.ConfigMapKeySelector;
import io.pod4j.api.model.Container;
import io.pod4j.api.model.EnvFromSource;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.EnvVarSource;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Secret;
import io.pod4j.api.model.SecretKeySelector;
import io.pod4j.api.quantity.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes a container's environment as the kubelet does: {@code envFrom} first, then {@code env}
 * in order, each value expanded with {@code $(VAR)} against what is defined before it.
 */
final class EnvResolver {

    private final Pod pod;
    private final String nodeName;
    private final EngineContext.ObjectStore objects;

    EnvResolver(Pod pod, String nodeName, EngineContext.ObjectStore objects) {
        this.pod = pod;
        this.nodeName = nodeName;
        this.objects = objects;
    }

    Map<String, String> resolve(Container c) throws ContainerConfigException {
        String ns = pod.metadata().namespace();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.envFrom()) {
            String prefix = from.prefix() == null ? "" : from.prefix();
            if (from.configMapRef() != null) {
                Optional<ConfigMap> cm = objects.configMap(ns, from.configMapRef().name());
                if (cm.isEmpty()) {
                    if (!Boolean.TRUE.equals(from.configMapRef().optional())) {
                        throw new ContainerConfigException("configmap \"" + from.configMapRef().name() + "\" not found");
                    }
                } else {
                    cm.get().data().forEach((k, v) -> env.put(prefix + k, v));
                }
            }
            if (from.secretRef() != null) {
                Optional<Secret> s = objects.secret(ns, from.secretRef().name());
                if (s.isEmpty()) {
                    if (!Boolean.TRUE.equals(from.secretRef().optional())) {
                        throw new ContainerConfigException("secret \"" + from.secretRef().name() + "\" not found");
                    }
                } else {
                    secretData(s.get()).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        for (EnvVar e : c.env()) {
            String value;
            if (e.valueFrom() != null) {
                value = valueFrom(e.valueFrom(), c);
                if (value == null) {
                    continue; // an optional reference that is missing defines nothing
                }
            } else {
                value = EnvExpansion.expand(e.value() == null ? "" : e.value(), env);
            }
            env.put(e.name(), value);
        }
        return env;
    }

    /** @return the Secret's values, decoded, with stringData over data as the API server merges them */
    static Map<String, String> secretData(Secret s) {
        Map<String, String> out = new LinkedHashMap<>();
        s.data().forEach((k, v) -> out.put(k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
        out.putAll(s.stringData());
        return out;
    }

    private String valueFrom(EnvVarSource from, Container c) throws ContainerConfigException {
        String ns = pod.metadata().namespace();
        if (from.fieldRef() != null) {
            return field(from.fieldRef().fieldPath());
        }
        if (from.configMapKeyRef() != null) {
            ConfigMapKeySelector ref = from.configMapKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.optional());
            Optional<ConfigMap> cm = objects.configMap(ns, ref.name());
            if (cm.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("configmap \"" + ref.name() + "\" not found");
            }
            String v = cm.get().data().get(ref.key());
            if (v == null && !optional) {
                throw new ContainerConfigException("couldn't find key " + ref.key() + " in ConfigMap " + ns + "/" + ref.name());
            }
            return v;
        }
        if (from.secretKeyRef() != null) {
            SecretKeySelector ref = from.secretKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.optional());
            Optional<Secret> s = objects.secret(ns, ref.name());
            if (s.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("secret \"" + ref.name() + "\" not found");
            }
            String v = secretData(s.get()).get(ref.key());
            if (v == null && !optional) {
                throw new ContainerConfigException("couldn't find key " + ref.key() + " in Secret " + ns + "/" + ref.name());
            }
            return v;
        }
        if (from.resourceFieldRef() != null) {
            return resource(from.resourceFieldRef().resource(), from.resourceFieldRef().divisor(), c);
        }
        return "";
    }

    /**
     * @param path a downward API field path
     * @return its value for this pod
     */
    String field(String path) throws ContainerConfigException {
        var meta = pod.metadata();
        var status = pod.status();
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
            return meta.labels().getOrDefault(path.substring(17, path.length() - 2), "");
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
            return meta.annotations().getOrDefault(path.substring(22, path.length() - 2), "");
        }
        return switch (path) {
            case "metadata.name" -> meta.name();
            case "metadata.namespace" -> meta.namespace();
            case "metadata.uid" -> meta.uid();
            case "metadata.labels" -> format(meta.labels());
            case "metadata.annotations" -> format(meta.annotations());
            case "spec.nodeName" -> nodeName;
            case "spec.serviceAccountName" -> pod.spec().serviceAccountName();
            case "status.podIP" -> status == null || status.podIP() == null ? "" : status.podIP();
            case "status.podIPs" -> status == null || status.podIP() == null ? "" : status.podIP();
            case "status.hostIP", "status.hostIPs" -> status == null || status.hostIP() == null ? "" : status.hostIP();
            default -> throw new ContainerConfigException("unsupported fieldPath: " + path);
        };
    }

    /** Labels and annotations as the downward API writes them: {@code key="value"} lines, sorted. */
    static String format(Map<String, String> map) {
        return map.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=\"" + e.getValue().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"")
                .collect(Collectors.joining("\n"));
    }

    private String resource(String resource, Quantity divisor, Container c) {
        var r = c.resources();
        Quantity q = switch (resource) {
            case "limits.cpu" -> r.limits().get("cpu");
            case "limits.memory" -> r.limits().get("memory");
            case "requests.cpu" -> r.requests().get("cpu");
            case "requests.memory" -> r.requests().get("memory");
            default -> null;
        };
        if (q == null) {
            // Without a limit the kubelet reports the node's allocatable; we report nothing more precise.
            return resource.endsWith("cpu") ? String.valueOf(Runtime.getRuntime().availableProcessors()) : "0";
        }
        BigDecimal value = new BigDecimal(q.milliValue()).movePointLeft(3);
        BigDecimal by = divisor == null ? BigDecimal.ONE : new BigDecimal(divisor.milliValue()).movePointLeft(3);
        return value.divide(by, 0, RoundingMode.CEILING).toPlainString();
    }
}

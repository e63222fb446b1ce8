package io.pod4j.engine.runtime;

import io.pod4j.api.quantity.Quantities;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Computes a container's environment as the kubelet does: the Service variables, then
 * {@code envFrom}, then {@code env} in order, each value expanded with {@code $(VAR)} against what
 * is defined before it.
 */
final class EnvResolver {

    private final Pod pod;
    private final String nodeName;
    private final EngineContext.ObjectStore objects;
    private final Map<String, String> services;

    EnvResolver(Pod pod, String nodeName, EngineContext.ObjectStore objects) {
        this(pod, nodeName, objects, Map.of());
    }

    /** @param services the Service variables, under everything the container sets (enableServiceLinks) */
    EnvResolver(Pod pod, String nodeName, EngineContext.ObjectStore objects, Map<String, String> services) {
        this.pod = pod;
        this.nodeName = nodeName;
        this.objects = objects;
        this.services = services;
    }

    Map<String, String> resolve(Container c) throws ContainerConfigException {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>(services);
        for (EnvFromSource from : Nulls.orEmpty(c.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                Optional<ConfigMap> cm = objects.configMap(ns, from.getConfigMapRef().getName());
                if (cm.isEmpty()) {
                    if (!Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        throw new ContainerConfigException("configmap \"" + from.getConfigMapRef().getName() + "\" not found");
                    }
                } else {
                    Nulls.orEmpty(cm.get().getData()).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
            if (from.getSecretRef() != null) {
                Optional<Secret> s = objects.secret(ns, from.getSecretRef().getName());
                if (s.isEmpty()) {
                    if (!Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        throw new ContainerConfigException("secret \"" + from.getSecretRef().getName() + "\" not found");
                    }
                } else {
                    secretData(s.get()).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        for (EnvVar e : Nulls.orEmpty(c.getEnv())) {
            String value;
            if (e.getValueFrom() != null) {
                value = valueFrom(e.getValueFrom(), c);
                if (value == null) {
                    continue; // an optional reference that is missing defines nothing
                }
            } else {
                value = EnvExpansion.expand(e.getValue() == null ? "" : e.getValue(), env);
            }
            env.put(e.getName(), value);
        }
        return env;
    }

    /** @return the Secret's values, decoded, with stringData over data as the API server merges them */
    static Map<String, String> secretData(Secret s) {
        Map<String, String> out = new LinkedHashMap<>();
        Nulls.orEmpty(s.getData()).forEach((k, v) -> out.put(k, new String(Base64.getMimeDecoder().decode(v), StandardCharsets.UTF_8)));
        out.putAll(Nulls.orEmpty(s.getStringData()));
        return out;
    }


    private String valueFrom(EnvVarSource from, Container c) throws ContainerConfigException {
        String ns = pod.getMetadata().getNamespace();
        if (from.getFieldRef() != null) {
            return field(from.getFieldRef().getFieldPath());
        }
        if (from.getConfigMapKeyRef() != null) {
            ConfigMapKeySelector ref = from.getConfigMapKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Optional<ConfigMap> cm = objects.configMap(ns, ref.getName());
            if (cm.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("configmap \"" + ref.getName() + "\" not found");
            }
            String v = Nulls.orEmpty(cm.get().getData()).get(ref.getKey());
            if (v == null && !optional) {
                throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in ConfigMap " + ns + "/" + ref.getName());
            }
            return v;
        }
        if (from.getSecretKeyRef() != null) {
            SecretKeySelector ref = from.getSecretKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Optional<Secret> s = objects.secret(ns, ref.getName());
            if (s.isEmpty()) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("secret \"" + ref.getName() + "\" not found");
            }
            String v = secretData(s.get()).get(ref.getKey());
            if (v == null && !optional) {
                throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in Secret " + ns + "/" + ref.getName());
            }
            return v;
        }
        if (from.getResourceFieldRef() != null) {
            return resource(from.getResourceFieldRef().getResource(), from.getResourceFieldRef().getDivisor(), c);
        }
        return "";
    }

    /**
     * @param path a downward API field path
     * @return its value for this pod
     */
    String field(String path) throws ContainerConfigException {
        var meta = pod.getMetadata();
        var status = pod.getStatus();
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
            return Nulls.orEmpty(meta.getLabels()).getOrDefault(path.substring(17, path.length() - 2), "");
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
            return Nulls.orEmpty(meta.getAnnotations()).getOrDefault(path.substring(22, path.length() - 2), "");
        }
        return switch (path) {
            case "metadata.name" -> meta.getName();
            case "metadata.namespace" -> meta.getNamespace();
            case "metadata.uid" -> meta.getUid();
            case "metadata.labels" -> format(Nulls.orEmpty(meta.getLabels()));
            case "metadata.annotations" -> format(Nulls.orEmpty(meta.getAnnotations()));
            case "spec.nodeName" -> nodeName;
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
            case "status.podIP", "status.podIPs" -> status == null || status.getPodIP() == null ? "" : status.getPodIP();
            case "status.hostIP", "status.hostIPs" -> status == null || status.getHostIP() == null ? "" : status.getHostIP();
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
        var r = c.getResources();
        Map<String, Quantity> limits = r == null ? Map.of() : Nulls.orEmpty(r.getLimits());
        Map<String, Quantity> requests = r == null ? Map.of() : Nulls.orEmpty(r.getRequests());
        Quantity q = switch (resource) {
            case "limits.cpu" -> limits.get("cpu");
            case "limits.memory" -> limits.get("memory");
            case "requests.cpu" -> requests.get("cpu");
            case "requests.memory" -> requests.get("memory");
            default -> null;
        };
        if (q == null) {
            // Without a limit the kubelet reports the node's allocatable; we report nothing more precise.
            return resource.endsWith("cpu") ? String.valueOf(Runtime.getRuntime().availableProcessors()) : "0";
        }
        BigDecimal value = new BigDecimal(Quantities.milliValue(q)).movePointLeft(3);
        BigDecimal by = divisor == null ? BigDecimal.ONE : new BigDecimal(Quantities.milliValue(divisor)).movePointLeft(3);
        return value.divide(by, 0, RoundingMode.CEILING).toPlainString();
    }
}

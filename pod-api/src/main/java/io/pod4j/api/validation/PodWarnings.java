package io.pod4j.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fields of a Pod's spec that are set but that pod4j's local engine does not act on
 * ({@code topologySpreadConstraints}, {@code resizePolicy}, a {@code persistentVolumeClaim}
 * volume, {@code securityContext.fsGroup}...), as warnings in the style of the API server's
 * {@code Warning} header: {@code spec.topologySpreadConstraints: ...}. Such fields are kept and
 * written back; they only have no effect. Each field is reported once, at its first occurrence.
 *
 * <p>{@link #ACTED_ON} is the list of what the engine (or the store's admission, for
 * {@code priorityClassName}) does act on; everything else is warned about. A few fields are acted
 * on for some values only ({@link #ACTED_ON_WHEN}): {@code schedulerName} is honoured as the
 * default scheduler only, an emptyDir's {@code sizeLimit} only for {@code medium: Memory} (a tmpfs
 * of that size; a disk-backed emptyDir is not measured, so never evicted).
 */
public final class PodWarnings {

    /** Why a field has no effect, after its path. */
    public static final String NOT_ACTED_ON = "is kept but not acted on by pod4j's local engine";

    private static final String PROBE = "exec,httpGet.path,httpGet.port,httpGet.host,httpGet.scheme,httpGet.httpHeaders,"
            + "tcpSocket.port,tcpSocket.host,grpc.port,grpc.service,initialDelaySeconds,timeoutSeconds,periodSeconds,"
            + "successThreshold,failureThreshold,terminationGracePeriodSeconds";
    private static final String HANDLER = "exec,httpGet.path,httpGet.port,httpGet.host,httpGet.scheme,httpGet.httpHeaders,"
            + "tcpSocket.port,tcpSocket.host,sleep";
    private static final String CONTAINER = "name,image,command,args,workingDir,"
            + "ports[*].name,ports[*].hostPort,ports[*].containerPort,ports[*].protocol,ports[*].hostIP,"
            + "envFrom[*].prefix,envFrom[*].configMapRef,envFrom[*].secretRef,"
            + "env[*].name,env[*].value,env[*].valueFrom.fieldRef,env[*].valueFrom.resourceFieldRef,"
            + "env[*].valueFrom.configMapKeyRef,env[*].valueFrom.secretKeyRef,"
            + "resources.limits,resources.requests,restartPolicy,"
            + "volumeMounts[*].name,volumeMounts[*].readOnly,volumeMounts[*].mountPath,volumeMounts[*].subPath,"
            + "volumeMounts[*].subPathExpr,"
            + prefixed("livenessProbe.", PROBE) + "," + prefixed("readinessProbe.", PROBE) + ","
            + prefixed("startupProbe.", PROBE) + ","
            + prefixed("lifecycle.postStart.", HANDLER) + "," + prefixed("lifecycle.preStop.", HANDLER) + ","
            + "terminationMessagePath,terminationMessagePolicy,imagePullPolicy,"
            + "securityContext.capabilities,securityContext.privileged,securityContext.runAsUser,"
            + "securityContext.runAsGroup,securityContext.runAsNonRoot,securityContext.readOnlyRootFilesystem,"
            + "securityContext.allowPrivilegeEscalation,securityContext.seccompProfile,stdin,stdinOnce,tty";
    private static final String SPEC = "restartPolicy,terminationGracePeriodSeconds,activeDeadlineSeconds,dnsPolicy,dnsConfig,"
            + "nodeSelector,serviceAccountName,nodeName,hostNetwork,hostPID,hostIPC,shareProcessNamespace,"
            + "securityContext.runAsUser,securityContext.runAsGroup,securityContext.runAsNonRoot,"
            + "securityContext.seccompProfile,hostname,subdomain,affinity.nodeAffinity,"
            + "tolerations,hostAliases,priority,priorityClassName,preemptionPolicy,enableServiceLinks,"
            + "imagePullSecrets,resources.limits,"
            + "volumes[*].name,volumes[*].emptyDir.medium,volumes[*].hostPath,"
            + "volumes[*].configMap,volumes[*].secret,volumes[*].downwardAPI,volumes[*].projected.defaultMode,"
            + "volumes[*].projected.sources[*].configMap,volumes[*].projected.sources[*].secret,"
            + "volumes[*].projected.sources[*].downwardAPI,"
            + prefixed("containers[*].", CONTAINER) + "," + prefixed("initContainers[*].", CONTAINER) + ","
            + prefixed("ephemeralContainers[*].", CONTAINER + ",targetContainerName");

    /**
     * The spec fields the local engine acts on, as paths under {@code spec} with {@code [*]} for
     * any list index; a path covers everything below it.
     */
    public static final Set<String> ACTED_ON = Set.of(SPEC.split(","));

    /**
     * Fields acted on for some values only, by path: the test gets the object holding the field
     * and the field's value.
     */
    public static final Map<String, BiPredicate<JsonNode, JsonNode>> ACTED_ON_WHEN = Map.of(
            "schedulerName", (holder, value) -> "default-scheduler".equals(value.asText()),
            "volumes[*].emptyDir.sizeLimit", (holder, value) -> "Memory".equals(holder.path("medium").asText()));

    /** Every prefix of an acted-on path: objects to look into rather than warn about. */
    private static final Set<String> PARTLY_ACTED_ON = partly();

    /** Objects as JSON trees, for looking at which fields are set; shared with {@link PodValidator} so serializers are built once. */
    static final ObjectMapper TREES = JsonMapper.builder().build();

    private PodWarnings() {
    }

    /**
     * @param pod a Pod; not changed
     * @return one warning per set field the local engine does not act on, such as
     *     {@code spec.topologySpreadConstraints: is kept but not acted on by pod4j's local engine}, in field order
     */
    public static List<String> of(Pod pod) {
        if (pod.getSpec() == null) {
            return List.of();
        }
        Map<String, String> first = new LinkedHashMap<>();
        walk(TREES.valueToTree(pod.getSpec()), "", "", first);
        return first.values().stream().map(path -> "spec." + path + ": " + NOT_ACTED_ON).toList();
    }

    /** @param general the path with {@code [*]} for indices @param concrete the path as in this Pod */
    private static void walk(JsonNode node, String general, String concrete, Map<String, String> first) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), general + "[*]", concrete + "[" + i + "]", first);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            String g = general.isEmpty() ? f.getKey() : general + "." + f.getKey();
            String c = concrete.isEmpty() ? f.getKey() : concrete + "." + f.getKey();
            if (ACTED_ON.contains(g)) {
                continue;
            }
            BiPredicate<JsonNode, JsonNode> when = ACTED_ON_WHEN.get(g);
            if (when != null && when.test(node, f.getValue())) {
                continue;
            }
            if (PARTLY_ACTED_ON.contains(g)) {
                walk(f.getValue(), g, c, first);
            } else {
                first.putIfAbsent(g, c);
            }
        }
    }

    private static String prefixed(String prefix, String fields) {
        return Stream.of(fields.split(",")).map(f -> prefix + f).collect(Collectors.joining(","));
    }

    private static Set<String> partly() {
        Set<String> prefixes = new HashSet<>();
        List<String> paths = new ArrayList<>(ACTED_ON);
        paths.addAll(ACTED_ON_WHEN.keySet());
        for (String path : paths) {
            for (int i = 0; i < path.length(); i++) {
                if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                    prefixes.add(path.substring(0, i));
                }
            }
        }
        return Set.copyOf(new ArrayList<>(prefixes));
    }
}

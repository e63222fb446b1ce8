package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the API server's Pod strategy does beyond the generic rules: the status a new Pod starts
 * with (Pending, its QoS class, {@code SchedulingGated} when gated) and how long a delete waits for
 * the kubelet ({@code CheckGracefulDelete}).
 */
final class PodStrategy {

    private static final List<String> COMPUTE = List.of("cpu", "memory");

    private PodStrategy() {
    }

    static boolean isPod(ResourceType<?> type) {
        return type.group().isEmpty() && "Pod".equals(type.kind());
    }

    /** A new Pod's status: whatever the request said, it starts Pending. */
    static void prepareForCreate(ObjectNode pod, Instant now) {
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        if (pod.path("spec").path("schedulingGates").size() > 0) {
            ObjectNode c = status.putArray("conditions").addObject();
            c.put("type", "PodScheduled").put("status", "False").putNull("lastProbeTime");
            c.put("lastTransitionTime", MetaRules.timestamp(now)).put("reason", "SchedulingGated")
                    .put("message", "Scheduling is blocked due to non-empty scheduling gates");
        }
        status.put("qosClass", qosClass(pod.path("spec")));
    }

    /** @return why a Pod cannot be bound to a node, in the API server's words; null when it can */
    static String cannotBind(ObjectNode pod, String name) {
        String node = pod.path("spec").path("nodeName").asText("");
        if (!node.isEmpty()) {
            return "pod " + name + " is already assigned to node \"" + node + "\"";
        }
        if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
            return "pod " + name + " is being deleted, cannot be assigned to a host";
        }
        if (pod.path("spec").path("schedulingGates").size() > 0) {
            return "pod " + name + " has non-empty .spec.schedulingGates";
        }
        return null;
    }

    /** Sets {@code PodScheduled=True}, keeping the other conditions. */
    static void setScheduled(ObjectNode pod, Instant now) {
        ObjectNode status = Json.obj(pod, "status");
        com.fasterxml.jackson.databind.node.ArrayNode conditions = status.get("conditions") instanceof
                com.fasterxml.jackson.databind.node.ArrayNode a ? a : status.putArray("conditions");
        for (JsonNode c : conditions) {
            if ("PodScheduled".equals(c.path("type").asText())) {
                if (!"True".equals(c.path("status").asText())) {
                    ((ObjectNode) c).put("status", "True").put("lastTransitionTime", MetaRules.timestamp(now));
                    ((ObjectNode) c).remove(List.of("reason", "message"));
                }
                return;
            }
        }
        conditions.addObject().put("type", "PodScheduled").put("status", "True").putNull("lastProbeTime")
                .put("lastTransitionTime", MetaRules.timestamp(now));
    }

    /**
     * The QoS class: BestEffort without any CPU or memory request or limit, Guaranteed when every
     * container limits both and requests what it limits, else Burstable.
     */
    static String qosClass(JsonNode spec) {
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean guaranteed = true;
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : spec.path(list)) {
                JsonNode res = c.path("resources");
                int limited = 0;
                for (String r : COMPUTE) {
                    BigDecimal limit = amount(res.path("limits").get(r));
                    BigDecimal request = amount(res.path("requests").get(r));
                    if (request == null) {
                        request = limit; // the API server's defaulting: a limit without a request requests the limit
                    }
                    if (request != null && request.signum() > 0) {
                        requests.merge(r, request, BigDecimal::add);
                    }
                    if (limit != null && limit.signum() > 0) {
                        limits.merge(r, limit, BigDecimal::add);
                        limited++;
                    }
                }
                guaranteed &= limited == COMPUTE.size();
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return "BestEffort";
        }
        boolean same = requests.keySet().equals(limits.keySet())
                && requests.entrySet().stream().allMatch(e -> e.getValue().compareTo(limits.get(e.getKey())) == 0);
        return guaranteed && same ? "Guaranteed" : "Burstable";
    }

    private static BigDecimal amount(JsonNode q) {
        return q == null || q.isNull() ? null : Quantity.getAmountInBytes(new Quantity(q.asText()));
    }

    /**
     * The grace period of a first delete ({@code CheckGracefulDelete}): the request's, else the
     * Pod's {@code terminationGracePeriodSeconds}, else 0; 0 for a Pod no node runs or that has
     * finished; 1 for a negative one.
     */
    static long gracePeriod(ObjectNode pod, Long requested) {
        long period = requested != null ? requested : pod.path("spec").path("terminationGracePeriodSeconds").asLong(0);
        if (pod.path("spec").path("nodeName").asText("").isEmpty()) {
            period = 0;
        }
        String phase = pod.path("status").path("phase").asText("");
        if (phase.equals("Failed") || phase.equals("Succeeded")) {
            period = 0;
        }
        return period < 0 ? 1 : period;
    }
}

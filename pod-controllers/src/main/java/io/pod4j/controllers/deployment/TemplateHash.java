package io.pod4j.controllers.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} of a Deployment's template ({@code controller.ComputeHash}): an
 * FNV-32a hash of the template (and the collision count), written with the API machinery's
 * "safe" alphabet. The Kubernetes hash is of Go's printing of the struct; this one is of the
 * template's JSON with sorted keys, so the values differ from a cluster's but have their form and
 * their use: one ReplicaSet name and label per template.
 */
final class TemplateHash {

    static final String LABEL = "pod-template-hash";
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private TemplateHash() {
    }

    static String of(PodTemplateSpec template, Integer collisionCount) {
        int hash = 0x811c9dc5;
        byte[] bytes = canonical(JSON.valueToTree(template)).toString().getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        if (collisionCount != null) {
            for (byte b : Integer.toString(collisionCount).getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= 0x01000193;
            }
        }
        String decimal = Integer.toUnsignedString(hash);
        StringBuilder safe = new StringBuilder();
        for (char c : decimal.toCharArray()) {
            safe.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
        }
        return safe.toString();
    }

    /**
     * Whether a ReplicaSet's template is the Deployment's ({@code EqualIgnoreHash}): equal once the
     * ReplicaSet's {@code pod-template-hash} label is left out.
     */
    static boolean sameTemplate(PodTemplateSpec deployment, PodTemplateSpec replicaSet) {
        return canonical(withoutHash(JSON.valueToTree(deployment))).equals(canonical(withoutHash(JSON.valueToTree(replicaSet))));
    }

    private static JsonNode withoutHash(JsonNode template) {
        JsonNode labels = template.path("metadata").path("labels");
        if (labels instanceof ObjectNode l) {
            l.remove(LABEL);
            if (l.isEmpty()) {
                ((ObjectNode) template.get("metadata")).remove("labels");
            }
        }
        return template;
    }

    /** Objects with sorted fields and no empty maps or lists, so equal templates print the same. */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JSON.createObjectNode();
            java.util.List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            for (String n : names) {
                JsonNode v = canonical(node.get(n));
                if (v.isNull() || (v.isContainerNode() && v.isEmpty())) {
                    continue;
                }
                sorted.set(n, v);
            }
            return sorted;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            node.forEach(e -> out.add(canonical(e)));
            return out;
        }
        return node;
    }
}

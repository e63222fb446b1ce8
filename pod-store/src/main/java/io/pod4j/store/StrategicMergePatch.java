package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kubernetes' strategic merge patch ({@code k8s.io/apimachinery/pkg/util/strategicpatch}): maps
 * merge key by key (null removes), lists with a merge key merge item by item, lists of primitives
 * with the merge strategy merge as sets, every other list is replaced; with the directives
 * {@code $patch: replace|delete|merge}, {@code $retainKeys}, {@code $deleteFromPrimitiveList/<field>}
 * and {@code $setElementOrder/<field>}.
 */
final class StrategicMergePatch {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";
    private static final String ELEMENT_ORDER = "$setElementOrder/";

    private StrategicMergePatch() {
    }

    /**
     * @param original the object (not changed)
     * @param patch the patch, an object
     * @param rootType the object's type in {@link PatchSchema}
     * @return the patched object
     * @throws StoreException BadRequest for a patch that breaks the format's rules
     */
    static ObjectNode apply(ObjectNode original, JsonNode patch, String rootType) {
        if (!(patch instanceof ObjectNode p)) {
            throw bad("strategic merge patch must be a JSON object, got: " + patch);
        }
        ObjectNode merged = mergeMap(original, p, rootType);
        return merged == null ? NODES.objectNode() : merged;
    }

    /** @return the merged map, or null when the patch deletes it */
    private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, String type) {
        String directive = patch.path(PATCH).asText(null);
        if (directive != null) {
            switch (directive) {
                case "replace" -> {
                    return mergeMap(NODES.objectNode(), without(patch, PATCH), type);
                }
                case "delete" -> {
                    return null;
                }
                case "merge" -> {
                    // the default
                }
                default -> throw bad("Unknown patch type: " + directive + " in map: " + goMap(patch));
            }
        }
        ObjectNode result = original == null ? NODES.objectNode() : original.deepCopy();
        if (patch.has(RETAIN_KEYS)) {
            retainKeys(result, patch);
        }
        Map<String, JsonNode> orders = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            if (key.startsWith(DELETE_PRIMITIVE)) {
                deleteFromPrimitiveList(result, key.substring(DELETE_PRIMITIVE.length()), e.getValue());
            } else if (key.startsWith(ELEMENT_ORDER)) {
                orders.put(key.substring(ELEMENT_ORDER.length()), e.getValue());
            }
        }
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            String key = e.getKey();
            if (key.equals(PATCH) || key.equals(RETAIN_KEYS) || key.startsWith(DELETE_PRIMITIVE) || key.startsWith(ELEMENT_ORDER)) {
                continue;
            }
            JsonNode value = e.getValue();
            PatchSchema.Field field = PatchSchema.field(type, key);
            String childType = field == null ? null : field.type();
            if (value.isNull()) {
                result.remove(key);
            } else if (value instanceof ObjectNode pv) {
                ObjectNode merged = mergeMap(result.get(key) instanceof ObjectNode o ? o : null, pv, childType);
                if (merged == null) {
                    result.remove(key);
                } else {
                    result.set(key, merged);
                }
            } else if (value instanceof ArrayNode pa && field != null && field.merge()) {
                ArrayNode current = result.get(key) instanceof ArrayNode a ? a : NODES.arrayNode();
                result.set(key, mergeList(current, pa, field, orders.remove(key)));
            } else if (value instanceof ArrayNode pa) {
                result.set(key, replaced(pa, childType));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        // An order for a list the patch does not otherwise touch still reorders it.
        for (Map.Entry<String, JsonNode> o : orders.entrySet()) {
            PatchSchema.Field field = PatchSchema.field(type, o.getKey());
            if (result.get(o.getKey()) instanceof ArrayNode a && field != null && field.merge()) {
                result.set(o.getKey(), order(a, o.getValue(), field.mergeKey(), a));
            }
        }
        return result;
    }

    private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, PatchSchema.Field field, JsonNode order) {
        String key = field.mergeKey();
        if (key == null) {
            ArrayNode result = original.deepCopy();
            for (JsonNode item : patch) {
                if (!contains(result, item)) {
                    result.add(item.deepCopy());
                }
            }
            return order == null ? result : order(result, order, null, original);
        }
        for (JsonNode item : patch) {
            if ("replace".equals(item.path(PATCH).asText(null)) && item.size() == 1) {
                ArrayNode result = NODES.arrayNode();
                for (JsonNode other : patch) {
                    if (other != item) {
                        result.add(mergeMap(null, requireObject(other), field.type()));
                    }
                }
                return result;
            }
        }
        List<JsonNode> result = new ArrayList<>();
        original.forEach(n -> result.add(n.deepCopy()));
        Set<JsonNode> deleted = new HashSet<>();
        for (JsonNode item : patch) {
            ObjectNode p = requireObject(item);
            JsonNode k = p.get(key);
            if (k == null) {
                throw bad("map: " + goMap(p) + " does not contain declared merge key: " + key);
            }
            if ("delete".equals(p.path(PATCH).asText(null))) {
                deleted.add(k);
                continue;
            }
            int at = indexOf(result, key, k);
            ObjectNode merged = mergeMap(at < 0 ? null : (ObjectNode) result.get(at), p, field.type());
            if (at < 0) {
                if (merged != null) {
                    result.add(merged);
                }
            } else if (merged == null) {
                result.remove(at);
            } else {
                result.set(at, merged);
            }
        }
        result.removeIf(n -> deleted.stream().anyMatch(d -> Json.same(d, n.get(key))));
        ArrayNode out = NODES.arrayNode().addAll(result);
        return order == null ? out : order(out, order, key, original);
    }

    /**
     * Applies {@code $setElementOrder}: the items it names in its order, the other (server-only)
     * items kept where they stood relative to them in the original list.
     */
    private static ArrayNode order(ArrayNode merged, JsonNode order, String key, ArrayNode original) {
        List<JsonNode> wanted = new ArrayList<>();
        order.forEach(o -> wanted.add(key == null ? o : o.get(key)));
        List<JsonNode> inOrder = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (position(wanted, id(item, key)) >= 0 ? inOrder : serverOnly).add(item);
        }
        inOrder.sort((a, b) -> Integer.compare(position(wanted, id(a, key)), position(wanted, id(b, key))));
        List<JsonNode> originalIds = new ArrayList<>();
        original.forEach(o -> originalIds.add(id(o, key)));
        ArrayNode out = NODES.arrayNode();
        int i = 0;
        int j = 0;
        while (i < serverOnly.size() || j < inOrder.size()) {
            if (j >= inOrder.size()) {
                out.add(serverOnly.get(i++));
            } else if (i >= serverOnly.size()) {
                out.add(inOrder.get(j++));
            } else {
                int s = position(originalIds, id(serverOnly.get(i), key));
                int p = position(originalIds, id(inOrder.get(j), key));
                out.add(s >= 0 && p >= 0 && s < p ? serverOnly.get(i++) : inOrder.get(j++));
            }
        }
        return out;
    }

    private static void retainKeys(ObjectNode result, ObjectNode patch) {
        JsonNode keep = patch.get(RETAIN_KEYS);
        if (!keep.isArray()) {
            throw bad("invalid patch: $retainKeys must be a list of strings");
        }
        Set<String> kept = new HashSet<>();
        keep.forEach(k -> kept.add(k.asText()));
        for (Iterator<String> it = patch.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.startsWith("$") && !patch.get(f).isNull() && !kept.contains(f)) {
                throw new StoreException(Statuses.unprocessable("patch content doesn't match retainKeys list"));
            }
        }
        result.retain(kept);
    }

    private static void deleteFromPrimitiveList(ObjectNode result, String field, JsonNode values) {
        if (!values.isArray()) {
            throw bad("invalid patch: " + DELETE_PRIMITIVE + field + " must be a list");
        }
        if (result.get(field) instanceof ArrayNode current) {
            ArrayNode kept = NODES.arrayNode();
            current.forEach(v -> {
                if (!contains((ArrayNode) values, v)) {
                    kept.add(v);
                }
            });
            result.set(field, kept);
        }
    }

    /** A replaced list: its items as given, without directives. */
    private static ArrayNode replaced(ArrayNode list, String itemType) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode item : list) {
            out.add(item instanceof ObjectNode o ? mergeMap(null, o, itemType) : item.deepCopy());
        }
        return out;
    }

    private static JsonNode id(JsonNode item, String key) {
        return key == null ? item : item.get(key);
    }

    private static int position(List<JsonNode> ids, JsonNode id) {
        for (int i = 0; i < ids.size(); i++) {
            if (Json.same(ids.get(i), id)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<JsonNode> items, String key, JsonNode value) {
        for (int i = 0; i < items.size(); i++) {
            if (Json.same(value, items.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode n : list) {
            if (Json.same(n, value)) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode requireObject(JsonNode n) {
        if (n instanceof ObjectNode o) {
            return o;
        }
        throw bad("invalid patch: expected a map in a list merged by key, got: " + n);
    }

    private static ObjectNode without(ObjectNode n, String field) {
        ObjectNode copy = n.deepCopy();
        copy.remove(field);
        return copy;
    }

    /** A map as Go prints it in the API server's message, e.g. {@code map[image:busybox]}. */
    private static String goMap(ObjectNode n) {
        List<String> parts = new ArrayList<>();
        TreeMap<String, JsonNode> sorted = new TreeMap<>();
        n.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((k, v) -> parts.add(k + ":" + (v.isTextual() ? v.asText() : v.toString())));
        return "map[" + String.join(" ", parts) + "]";
    }

    private static StoreException bad(String message) {
        return new StoreException(Statuses.badRequest(message));
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How an applied configuration goes into an object (structured-merge-diff's merge): structs and
 * maps field by field, lists of type map item by item by their keys, sets by value, and every
 * scalar, atomic list and atomic struct replaced; and how fields an applier gave up are removed.
 */
final class ApplyMerge {

    private ApplyMerge() {
    }

    /** @return {@code live} with {@code config} merged in (neither is changed); null when the result is absent */
    static JsonNode merge(JsonNode live, JsonNode config, FieldType type) {
        if (config == null) {
            return live == null ? null : live.deepCopy();
        }
        if (config.isNull()) {
            return null; // an explicit null: the field is owned and absent, as Go decodes it
        }
        if (live == null || live.isNull() || live.getNodeType() != config.getNodeType()) {
            return config.deepCopy();
        }
        if (config.isObject() && !type.atomic() && type.kind() != FieldType.Kind.SCALAR
                && type.kind() != FieldType.Kind.LIST) {
            ObjectNode out = ((ObjectNode) live).deepCopy();
            for (Map.Entry<String, JsonNode> e : config.properties()) {
                FieldType field = type.kind() == FieldType.Kind.UNTYPED ? FieldType.UNTYPED : type.field(e.getKey());
                JsonNode merged = merge(out.get(e.getKey()), e.getValue(), field == null ? FieldType.UNTYPED : field);
                if (merged == null) {
                    out.remove(e.getKey());
                } else {
                    out.set(e.getKey(), merged);
                }
            }
            return out;
        }
        if (config.isArray() && type.kind() == FieldType.Kind.LIST && type.listType() != FieldType.ListType.ATOMIC) {
            return mergeList((ArrayNode) live, (ArrayNode) config, type);
        }
        return config.deepCopy();
    }

    /**
     * Items in both lists take the configuration's order; items only the live list has keep their
     * place among them; new items come where the configuration puts them.
     */
    private static ArrayNode mergeList(ArrayNode live, ArrayNode config, FieldType type) {
        List<FieldPaths.Problem> ignored = new ArrayList<>();
        Map<String, JsonNode> lhs = FieldPaths.items(live, type, List.of(), ignored, false);
        Map<String, JsonNode> rhs = FieldPaths.items(config, type, List.of(), ignored, false);
        List<String> left = new ArrayList<>(lhs.keySet());
        List<String> right = new ArrayList<>(rhs.keySet());
        List<String> shared = new ArrayList<>(right.stream().filter(lhs::containsKey).toList());
        Set<String> done = new HashSet<>();
        ArrayNode out = Json.MAPPER.createArrayNode();
        int l = 0;
        int r = 0;
        while (l < left.size() || r < right.size()) {
            if (l < left.size() && r < right.size()) {
                String pe = left.get(l);
                if (pe.equals(right.get(r))) {
                    add(out, merge(lhs.get(pe), rhs.get(pe), type.element()));
                    done.add(pe);
                    l++;
                    r++;
                    shared.remove(pe);
                    continue;
                }
                if (rhs.containsKey(pe) && !shared.isEmpty() && !shared.get(0).equals(pe)) {
                    l++; // the configuration moves it: it comes with the configuration's items
                    continue;
                }
            }
            if (l < left.size()) {
                String pe = left.get(l);
                if (!rhs.containsKey(pe)) {
                    add(out, lhs.get(pe).deepCopy());
                    l++;
                    continue;
                } else if (done.contains(pe)) {
                    l++;
                }
            }
            if (r < right.size()) {
                String pe = right.get(r);
                done.add(pe);
                add(out, merge(lhs.get(pe), rhs.get(pe), type.element()));
                r++;
                if (!shared.isEmpty() && shared.get(0).equals(pe)) {
                    shared.remove(0);
                }
            }
        }
        return out;
    }

    private static void add(ArrayNode list, JsonNode item) {
        if (item != null) {
            list.add(item);
        }
    }

    /**
     * Removes a field, map key or list item from an object, in place. A map or list left empty goes
     * too, as Go's {@code omitempty} drops it; an emptied struct stays.
     */
    static void remove(ObjectNode object, List<String> path, FieldType type) {
        removeAt(object, type, path, 0);
    }

    /** @return whether the container at this level is now empty and may go (maps and lists only) */
    private static boolean removeAt(JsonNode node, FieldType type, List<String> path, int at) {
        String element = path.get(at);
        boolean last = at == path.size() - 1;
        if (node instanceof ObjectNode o && element.startsWith("f:")) {
            String name = element.substring(2);
            FieldType field = type.kind() == FieldType.Kind.UNTYPED ? FieldType.UNTYPED : type.field(name);
            JsonNode child = o.get(name);
            if (child == null) {
                return false;
            }
            if (last || removeAt(child, field == null ? FieldType.UNTYPED : field, path, at + 1)) {
                o.remove(name);
            }
            return o.isEmpty() && type.kind() != FieldType.Kind.STRUCT;
        }
        if (node instanceof ArrayNode a && type.kind() == FieldType.Kind.LIST) {
            for (int i = 0; i < a.size(); i++) {
                String pe;
                try {
                    pe = FieldPaths.element(type, a.get(i));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (pe.equals(element)) {
                    if (last || removeAt(a.get(i), type.element(), path, at + 1)) {
                        a.remove(i);
                    }
                    break;
                }
            }
            return a.isEmpty();
        }
        return false;
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Field paths of typed objects, as structured-merge-diff computes them: the set of fields an
 * object (an applied configuration) sets, and what changed between two versions of an object.
 */
final class FieldPaths {

    private FieldPaths() {
    }

    /** What changed from one object to the next: paths added, modified and removed. */
    record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

        Comparison without(FieldSet prefixes) {
            return new Comparison(added.withoutPrefixes(prefixes), modified.withoutPrefixes(prefixes),
                    removed.withoutPrefixes(prefixes));
        }

        FieldSet changed() {
            return added.union(modified);
        }
    }

    /** A value that does not fit its schema: where (as {@code .spec.foo}) and why. */
    record Problem(String path, String message) {
        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    /**
     * @param problems where values that do not fit the schema are reported (fields it does not
     *     declare, list items without keys, duplicate keys)
     * @return the fields the object sets: every scalar, atomic list or map, list item ({@code .}),
     *     map key, and empty or null value
     */
    static FieldSet of(JsonNode object, FieldType type, List<Problem> problems) {
        FieldSet set = new FieldSet();
        walk(object, type, new ArrayList<>(), set, problems);
        return set;
    }

    private static void walk(JsonNode value, FieldType type, List<String> path, FieldSet set, List<Problem> problems) {
        switch (effectiveKind(type, value)) {
            case SCALAR -> set.insert(path);
            case LIST -> {
                if (type.kind() != FieldType.Kind.LIST || type.listType() == FieldType.ListType.ATOMIC) {
                    set.insert(path);
                    return;
                }
                Map<String, JsonNode> items = items(value, type, path, problems, true);
                for (Map.Entry<String, JsonNode> e : items.entrySet()) {
                    path.add(e.getKey());
                    walk(e.getValue(), type.element(), path, set, problems);
                    set.insert(path);
                    path.remove(path.size() - 1);
                }
            }
            case STRUCT, MAP -> {
                if (type.atomic()) {
                    set.insert(path);
                    return;
                }
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    FieldType field = fieldOf(type, e.getKey());
                    path.add("f:" + e.getKey());
                    if (field == null) {
                        problems.add(new Problem(FieldSet.display(path), "field not declared in schema"));
                    } else {
                        JsonNode v = e.getValue();
                        walk(v, field, path, set, problems);
                        if (v.isNull() || v.isObject() && v.isEmpty() || !type.declares(e.getKey())) {
                            set.insert(path);
                        }
                    }
                    path.remove(path.size() - 1);
                }
            }
            default -> set.insert(path);
        }
    }

    /** Untyped places take the shape of their value: maps granular, lists atomic, null a leaf. */
    private static FieldType.Kind effectiveKind(FieldType type, JsonNode value) {
        if (value == null || value.isNull()) {
            return FieldType.Kind.SCALAR;
        }
        if (type.kind() == FieldType.Kind.UNTYPED) {
            return value.isObject() ? FieldType.Kind.MAP : value.isArray() ? FieldType.Kind.LIST : FieldType.Kind.SCALAR;
        }
        if ((type.kind() == FieldType.Kind.STRUCT || type.kind() == FieldType.Kind.MAP) && !value.isObject()
                || type.kind() == FieldType.Kind.LIST && !value.isArray()) {
            return FieldType.Kind.SCALAR; // a mismatch: owned as a whole; admission judges the value
        }
        return type.kind();
    }

    private static FieldType fieldOf(FieldType type, String name) {
        return type.kind() == FieldType.Kind.UNTYPED ? FieldType.UNTYPED : type.field(name);
    }

    /**
     * The items of a list by their path element ({@code k:{...}} or {@code v:...}), in list order.
     *
     * @param strict whether duplicates are problems (an applied configuration) or the first one counts (a stored object)
     */
    static Map<String, JsonNode> items(JsonNode list, FieldType type, List<String> path, List<Problem> problems,
            boolean strict) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            String element;
            try {
                element = element(type, item);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(FieldSet.display(path), "element " + i + ": " + e.getMessage()));
                continue;
            }
            if (out.containsKey(element)) {
                if (strict) {
                    problems.add(new Problem(FieldSet.display(path), "duplicate entries for key "
                            + FieldSet.display(List.of(element))));
                }
                continue;
            }
            out.put(element, item);
        }
        return out;
    }

    /**
     * @return the path element of a list item: its keys for a list of type map, its value for a set
     * @throws IllegalArgumentException when an item of a list of type map has none of its keys
     */
    static String element(FieldType list, JsonNode item) {
        if (list.listType() == FieldType.ListType.SET) {
            return "v:" + scalar(item);
        }
        if (item == null || item.isNull()) {
            throw new IllegalArgumentException("associative list with keys may not have a null element");
        }
        if (!item.isObject()) {
            throw new IllegalArgumentException("associative list with keys may not have non-map elements");
        }
        TreeMap<String, JsonNode> keys = new TreeMap<>();
        for (String k : list.keys()) {
            JsonNode v = item.get(k);
            if (v == null) {
                v = list.keyDefault(k);
            }
            if (v != null) {
                keys.put(k, v);
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("associative list with keys has an element that omits all key fields "
                    + list.keys().stream().map(k -> '"' + k + '"').toList().toString().replace(", ", " ")
                    + " (and doesn't have default values for any key fields)");
        }
        StringBuilder key = new StringBuilder("k:{");
        for (Map.Entry<String, JsonNode> e : keys.entrySet()) {
            key.append(key.length() > 3 ? "," : "").append(quoted(e.getKey())).append(':').append(scalar(e.getValue()));
        }
        return key.append('}').toString();
    }

    /** Compact JSON of a key's value, as Go's encoder writes it (Jackson's own writer is slow to start on a cold JVM). */
    private static String scalar(JsonNode v) {
        if (v.isTextual()) {
            return quoted(v.textValue());
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        b.append(String.format("\\u%04x", (int) c)); // Go escapes these for HTML safety
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** @return what changed from {@code before} to {@code after} (both may be null: absent) */
    static Comparison compare(JsonNode before, JsonNode after, FieldType type) {
        return compare(before, after, type, new FieldSet());
    }

    /**
     * @param skip fields not to compare at all (and what is below them), e.g. the spec of a status write
     * @return what changed from {@code before} to {@code after} outside the skipped fields
     */
    static Comparison compare(JsonNode before, JsonNode after, FieldType type, FieldSet skip) {
        Comparison c = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
        compare(before, after, type, new ArrayList<>(), c, skip);
        return c;
    }

    private static void compare(JsonNode lhs, JsonNode rhs, FieldType type, List<String> path, Comparison c,
            FieldSet skip) {
        JsonNode l = lhs == null || lhs.isNull() ? null : lhs;
        JsonNode r = rhs == null || rhs.isNull() ? null : rhs;
        if (l == null && r == null) {
            if (lhs != null && rhs == null) {
                c.removed().insert(path);
            } else if (lhs == null && rhs != null) {
                c.added().insert(path);
            }
            return;
        }
        JsonNode shape = r != null ? r : l;
        FieldType.Kind kind = effectiveKind(type, shape);
        boolean sameShape = l == null || r == null || l.getNodeType() == r.getNodeType();
        boolean leaf = !sameShape || switch (kind) {
            case LIST -> type.kind() != FieldType.Kind.LIST || type.listType() == FieldType.ListType.ATOMIC
                    || isEmpty(l) && isEmpty(r);
            case STRUCT, MAP -> type.atomic() || isEmpty(l) && isEmpty(r);
            default -> true;
        };
        if (leaf) {
            if (lhs == null) {
                c.added().insert(path);
            } else if (rhs == null) {
                c.removed().insert(path);
            } else if (!Json.same(lhs, rhs)) {
                c.modified().insert(path);
            }
            return;
        }
        if (kind == FieldType.Kind.LIST) {
            List<Problem> ignored = new ArrayList<>();
            Map<String, JsonNode> left = l == null ? Map.of() : items(l, type, path, ignored, false);
            Map<String, JsonNode> right = r == null ? Map.of() : items(r, type, path, ignored, false);
            Map<String, Boolean> all = new LinkedHashMap<>();
            left.keySet().forEach(k -> all.put(k, true));
            right.keySet().forEach(k -> all.put(k, true));
            for (String element : all.keySet()) {
                FieldSet below = skip == null ? null : skip.child(element);
                if (below != null && below.isMember()) {
                    continue;
                }
                path.add(element);
                compare(left.get(element), right.get(element), type.element(), path, c, below);
                path.remove(path.size() - 1);
            }
        } else {
            Map<String, Boolean> all = new LinkedHashMap<>();
            if (l != null) {
                l.fieldNames().forEachRemaining(k -> all.put(k, true));
            }
            if (r != null) {
                r.fieldNames().forEachRemaining(k -> all.put(k, true));
            }
            for (String name : all.keySet()) {
                FieldSet below = skip == null ? null : skip.child("f:" + name);
                if (below != null && below.isMember()) {
                    continue;
                }
                FieldType field = fieldOf(type, name);
                path.add("f:" + name);
                compare(l == null ? null : l.get(name), r == null ? null : r.get(name),
                        field == null ? FieldType.UNTYPED : field, path, c, below);
                path.remove(path.size() - 1);
            }
        }
        // Only absence counts here: a null (Go's zero slice or map without omitempty) is a value.
        if (lhs == null) {
            c.added().insert(path);
        } else if (rhs == null) {
            c.removed().insert(path);
        }
    }

    private static boolean isEmpty(JsonNode n) {
        return n == null || n.isEmpty();
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A set of field paths, as structured-merge-diff's {@code fieldpath.Set}: what one manager owns, or
 * what a change added, modified or removed. A path is a list of path elements written as in
 * {@code FieldsV1}: {@code f:spec} (a field), {@code k:{"name":"app"}} (a list item by its keys),
 * {@code v:"a"} (an item of a set), {@code i:0} (an item by index). A node is a member when the
 * path ending there is in the set ({@code .} in FieldsV1), and has children for longer paths.
 * Mutable while it is built; the operations return new sets.
 */
final class FieldSet {

    /** FieldsV1's order: fields, then keys, then values, then indexes; the item itself ({@code .}) first. */
    static final Comparator<String> ORDER = Comparator.comparingInt(FieldSet::rank)
            .thenComparing((a, b) -> a.startsWith("i:") && b.startsWith("i:")
                    ? Integer.compare(Integer.parseInt(a.substring(2)), Integer.parseInt(b.substring(2))) : a.compareTo(b));

    private final TreeMap<String, FieldSet> children = new TreeMap<>(ORDER);
    private boolean member;

    private static int rank(String element) {
        return switch (element.charAt(0)) {
            case 'f' -> 0;
            case 'k' -> 1;
            case 'v' -> 2;
            default -> 3;
        };
    }

    /** Adds a path (its last element becomes a member). */
    FieldSet insert(List<String> path) {
        FieldSet node = this;
        for (String element : path) {
            node = node.children.computeIfAbsent(element, e -> new FieldSet());
        }
        if (node != this) {
            node.member = true;
        }
        return this;
    }

    boolean isEmpty() {
        if (member) {
            return false;
        }
        for (FieldSet c : children.values()) {
            if (!c.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** @return whether the path is a member */
    boolean has(List<String> path) {
        FieldSet n = node(path);
        return n != null && n.member;
    }

    /** @return whether the path or any path below it is a member */
    boolean hasAtOrBelow(List<String> path) {
        FieldSet n = node(path);
        return n != null && !n.isEmpty();
    }

    /** @return the subset below one path element (paths relative to it), or null */
    FieldSet child(String element) {
        return children.get(element);
    }

    /** @return whether the empty path (the node this set is rooted at) is a member */
    boolean isMember() {
        return member;
    }

    private FieldSet node(List<String> path) {
        FieldSet n = this;
        for (String e : path) {
            n = n.children.get(e);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    FieldSet copy() {
        return union(new FieldSet());
    }

    FieldSet union(FieldSet other) {
        FieldSet out = new FieldSet();
        out.member = member || other.member;
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            FieldSet o = other.children.get(e.getKey());
            out.children.put(e.getKey(), e.getValue().union(o == null ? new FieldSet() : o));
        }
        for (Map.Entry<String, FieldSet> e : other.children.entrySet()) {
            out.children.computeIfAbsent(e.getKey(), k -> e.getValue().copy());
        }
        return out.pruned();
    }

    /** Members of this set that are not members of the other (paths below a member of the other stay). */
    FieldSet difference(FieldSet other) {
        FieldSet out = new FieldSet();
        out.member = member && !other.member;
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            FieldSet o = other.children.get(e.getKey());
            out.children.put(e.getKey(), o == null ? e.getValue().copy() : e.getValue().difference(o));
        }
        return out.pruned();
    }

    FieldSet intersection(FieldSet other) {
        FieldSet out = new FieldSet();
        out.member = member && other.member;
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            FieldSet o = other.children.get(e.getKey());
            if (o != null) {
                out.children.put(e.getKey(), e.getValue().intersection(o));
            }
        }
        return out.pruned();
    }

    /** This set without the given paths and everything below them (structured-merge-diff's RecursiveDifference). */
    FieldSet withoutPrefixes(FieldSet prefixes) {
        FieldSet out = new FieldSet();
        out.member = member;
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            FieldSet p = prefixes.children.get(e.getKey());
            if (p == null) {
                out.children.put(e.getKey(), e.getValue().copy());
            } else if (!p.member) {
                out.children.put(e.getKey(), e.getValue().withoutPrefixes(p));
            }
        }
        return out.pruned();
    }

    private FieldSet pruned() {
        children.values().removeIf(FieldSet::isEmpty);
        return this;
    }

    /** Visits every member path: a node's own membership first, then its children in order. */
    void forEach(Consumer<List<String>> visitor) {
        walk(new ArrayList<>(), visitor);
    }

    private void walk(List<String> prefix, Consumer<List<String>> visitor) {
        if (member) {
            visitor.accept(List.copyOf(prefix));
        }
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            prefix.add(e.getKey());
            e.getValue().walk(prefix, visitor);
            prefix.remove(prefix.size() - 1);
        }
    }

    /** @return the set as FieldsV1 JSON, e.g. {@code {"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},...}}}}} */
    ObjectNode toFieldsV1() {
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, FieldSet> e : children.entrySet()) {
            FieldSet c = e.getValue();
            ObjectNode node = c.toFieldsV1();
            if (c.member && !c.children.isEmpty()) {
                ObjectNode withSelf = Json.MAPPER.createObjectNode();
                withSelf.putObject(".");
                withSelf.setAll(node);
                node = withSelf;
            }
            out.set(e.getKey(), node);
        }
        return out;
    }

    /**
     * @throws IllegalArgumentException for a FieldsV1 document that does not parse
     */
    static FieldSet fromFieldsV1(JsonNode fields) {
        FieldSet set = new FieldSet();
        read(set, fields, true);
        return set.pruned();
    }

    private static void read(FieldSet node, JsonNode fields, boolean root) {
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("expected an object, got " + fields);
        }
        if (!root && fields.isEmpty()) {
            node.member = true;
        }
        for (Map.Entry<String, JsonNode> e : fields.properties()) {
            String key = e.getKey();
            if (key.equals(".")) {
                node.member = true;
                continue;
            }
            if (key.length() < 2 || key.charAt(1) != ':' || "fkvi".indexOf(key.charAt(0)) < 0) {
                throw new IllegalArgumentException("unknown path element " + key);
            }
            FieldSet child = node.children.computeIfAbsent(key, k -> new FieldSet());
            read(child, e.getValue(), false);
        }
    }

    /** @return a path as the API server prints it, e.g. {@code .spec.containers[name="app"].image} */
    static String display(List<String> path) {
        StringBuilder b = new StringBuilder();
        for (String e : path) {
            String body = e.substring(2);
            switch (e.charAt(0)) {
                case 'f' -> b.append('.').append(body);
                case 'k' -> {
                    List<String> parts = new ArrayList<>();
                    Json.parse(body).properties().forEach(kv -> parts.add(kv.getKey() + "=" + kv.getValue().toString()));
                    b.append('[').append(String.join(",", parts)).append(']');
                }
                case 'v' -> b.append("[=").append(body).append(']');
                default -> b.append('[').append(body).append(']');
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return toFieldsV1().toString();
    }
}

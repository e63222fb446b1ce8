package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The diff the API server appends to a refused Pod update, so the user sees which field they may
 * not change. Kubernetes prints Go's {@code cmp.Diff} of its internal structs; this prints the same
 * lines ({@code -} stored, {@code +} requested) with the fields' JSON paths and values.
 */
final class SpecDiff {

    private SpecDiff() {
    }

    static String of(JsonNode old, JsonNode now) {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        Map<String, JsonNode> after = new LinkedHashMap<>();
        flatten("", old, before);
        flatten("", now, after);
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<String> lines = new ArrayList<>();
        lines.add("  core.PodSpec{");
        for (String p : paths) {
            JsonNode a = before.get(p);
            JsonNode b = after.get(p);
            if (a != null && a.equals(b)) {
                continue;
            }
            if (a != null) {
                lines.add("- \t" + p + ": " + a);
            }
            if (b != null) {
                lines.add("+ \t" + p + ": " + b);
            }
        }
        lines.add("  }");
        return String.join("\n", lines) + "\n";
    }

    private static void flatten(String path, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject() && node.size() > 0) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(path, node);
        }
    }
}

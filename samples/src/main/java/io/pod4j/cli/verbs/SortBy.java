package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pod4j.api.model.KubeObject;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.print.JsonPath;
import io.pod4j.cli.print.OutputFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code get --sort-by=.metadata.creationTimestamp}: a stable sort by the first value the
 * expression finds in each object; numbers compare as numbers, everything else as text (RFC 3339
 * times, as the API writes them, sort in time order); objects without the field come first.
 */
final class SortBy {

    private SortBy() {
    }

    /**
     * @param items the objects in the server's order
     * @param expression the {@code --sort-by} value, or null to keep that order
     * @return the objects in order
     */
    static <T extends KubeObject> List<T> sort(List<T> items, String expression) {
        if (expression == null || expression.isEmpty()) {
            return items;
        }
        JsonPath path;
        try {
            path = JsonPath.relaxed(expression);
        } catch (IllegalArgumentException e) {
            throw new ApiError(null, e.getMessage());
        }
        record Keyed<T>(T item, JsonNode key) {
        }
        List<Keyed<T>> keyed = new ArrayList<>();
        for (T item : items) {
            JsonNode key = null;
            try {
                for (List<JsonNode> r : path.find(OutputFormat.tree(item))) {
                    if (!r.isEmpty()) {
                        key = r.get(0);
                        break;
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new ApiError(null, "couldn't find any field with path \"" + path.template() + "\" in the list of objects");
            }
            keyed.add(new Keyed<>(item, key));
        }
        keyed.sort(Comparator.comparing(Keyed::key, SortBy::compare));
        return keyed.stream().map(Keyed::item).toList();
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.asText().compareTo(b.asText());
    }
}

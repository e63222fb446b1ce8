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
 * expression finds in each object; numbers compare as numbers, text in kubectl's natural order
 * ({@code pod-9} before {@code pod-10}; RFC 3339 times, as the API writes them, sort in time order);
 * objects without the field come first.
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
        return natural(a.asText(), b.asText());
    }

    /** kubectl's {@code sortorder.NaturalLess}: runs of digits compare by value, the rest as text. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String da = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String db = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = da.length() != db.length() ? Integer.compare(da.length(), db.length()) : da.compareTo(db);
                if (c != 0) {
                    return c;
                }
                // The same value: fewer leading zeros first.
                c = Integer.compare(i - si, j - sj);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

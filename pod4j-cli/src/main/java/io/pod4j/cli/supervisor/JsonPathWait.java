package io.pod4j.cli.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pod4j.api.model.Pod;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.print.JsonPath;
import java.util.List;

/**
 * {@code kubectl wait --for=jsonpath='{.status.phase}'=Running}: an expression (relaxed as in
 * custom-columns, so {@code .status.phase} works too) and the value it must print, or no value to
 * wait until the expression finds anything.
 *
 * @param path the expression
 * @param value the wanted value, or null for "exists"
 */
record JsonPathWait(JsonPath path, String value) {

    private static final String FORMAT = "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3"
            + " or --for=jsonpath='{.status.readyReplicas}'";

    /**
     * @param arg what follows {@code --for=jsonpath=}
     * @return the wait
     * @throws ApiError with kubectl's words when it cannot be read
     */
    static JsonPathWait parse(String arg) {
        // The value follows the last '=' outside the braces: {.a[?(@.b=="c")].d}=x
        int depth = 0;
        int split = -1;
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == '=' && depth == 0) {
                split = i;
            }
        }
        String expr = split < 0 ? arg : arg.substring(0, split);
        String value = split < 0 ? null : arg.substring(split + 1).replaceAll("^['\"]|['\"]$", "");
        if (expr.isEmpty() || (value != null && value.isEmpty())) {
            throw new ApiError(null, FORMAT);
        }
        try {
            return new JsonPathWait(JsonPath.relaxed(expr), value);
        } catch (IllegalArgumentException e) {
            throw new ApiError(null, e.getMessage());
        }
    }

    /**
     * @param pod the pod as it is now
     * @return true when the expression prints the wanted value (or finds anything, without one)
     */
    boolean matches(Pod pod) {
        JsonNode tree;
        try {
            tree = Wire.JSON.readTree(Manifests.toJson(pod));
        } catch (JsonProcessingException e) {
            return false;
        }
        try {
            List<List<JsonNode>> found = path.find(tree);
            boolean any = found.stream().anyMatch(r -> !r.isEmpty());
            return value == null ? any : any && path.print(tree).equals(value);
        } catch (IllegalArgumentException notYet) {
            // An index not there yet (containerStatuses[0] before the first status): keep waiting.
            return false;
        }
    }

    @Override
    public String toString() {
        return path.template() + (value == null ? "" : "=" + value);
    }
}

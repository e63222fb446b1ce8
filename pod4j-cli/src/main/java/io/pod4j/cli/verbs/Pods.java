package io.pod4j.cli.verbs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.cli.supervisor.Wire;
import java.util.ArrayList;
import java.util.List;

/** Turns the supervisor's JSON back into fabric8 objects. */
final class Pods {

    private Pods() {
    }

    static Pod pod(JsonNode n) {
        try {
            return Wire.JSON.treeToValue(n, Pod.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable pod from the supervisor: " + e.getMessage(), e);
        }
    }

    static List<Pod> pods(JsonNode items) {
        List<Pod> out = new ArrayList<>();
        items.forEach(n -> out.add(pod(n)));
        return out;
    }

    static List<Event> events(JsonNode items) {
        List<Event> out = new ArrayList<>();
        try {
            for (JsonNode n : items) {
                out.add(Wire.JSON.treeToValue(n, Event.class));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable event from the supervisor: " + e.getMessage(), e);
        }
        return out;
    }

    static Node node(JsonNode n) {
        try {
            return Wire.JSON.treeToValue(n, Node.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable node from the supervisor: " + e.getMessage(), e);
        }
    }

    /**
     * Prints per-object results ({@code pod/x created}), errors, and the warnings before them
     * ({@code Warning: spec.topologySpreadConstraints: ...}); returns the exit code.
     */
    static int report(JsonNode results, String format) {
        int code = 0;
        for (JsonNode r : results) {
            r.path("warnings").forEach(w -> System.err.println("Warning: " + w.asText()));
            if (r.has("error")) {
                JsonNode e = r.get("error");
                String reason = e.path("reason").isNull() || e.path("reason").isMissingNode() ? null : e.get("reason").asText();
                System.err.println(io.pod4j.cli.ApiError.kubectlText(reason, e.path("message").asText()));
                code = 1;
            } else {
                System.out.println(String.format(format, r.path("kind").asText(), r.path("name").asText(), r.path("action").asText()));
            }
        }
        return code;
    }
}

package io.pod4j.cli.supervisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.error.ManifestException;
import io.pod4j.cli.ApiError;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The supervisor's label and annotate: a pod's labels or annotations, and the node's labels, set and removed. */
final class LabelEdits {

    private final PodEngine engine;
    private final ObjectStore store;

    LabelEdits(PodEngine engine) {
        this.engine = engine;
        this.store = engine.store();
    }

    JsonNode meta(JsonNode req) {
        boolean labelsKind = "labels".equals(req.path("field").asText());
        String ns = Operations.ns(req);
        List<Pod> pods = new ArrayList<>();
        ArrayNode results = Wire.JSON.createArrayNode();
        if (req.path("all").asBoolean() || req.hasNonNull("labelSelector")) {
            pods.addAll(engine.list(ns, req.hasNonNull("labelSelector") ? Operations.parseLabels(req.get("labelSelector").asText()) : null, null));
        } else {
            for (JsonNode n : req.path("names")) {
                var p = engine.get(ns, n.asText());
                if (p.isEmpty()) {
                    Operations.error(results.addObject().put("name", n.asText()), "NotFound", "pods \"" + n.asText() + "\" not found");
                } else {
                    pods.add(p.get());
                }
            }
        }
        boolean overwrite = req.path("overwrite").asBoolean();
        for (Pod p : pods) {
            ObjectNode r = results.addObject().put("kind", "pod").put("name", p.getMetadata().getName());
            Map<String, String> labels = map(p.getMetadata().getLabels());
            Map<String, String> annotations = map(p.getMetadata().getAnnotations());
            Map<String, String> current = new LinkedHashMap<>(labelsKind ? labels : annotations);
            Map<String, String> before = Map.copyOf(current);
            String conflict = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = req.path("set").fields(); it.hasNext(); ) {
                var e = it.next();
                String old = current.get(e.getKey());
                if (old != null && !overwrite && !old.equals(e.getValue().asText())) {
                    conflict = "'" + e.getKey() + "' already has a value (" + old + "), and --overwrite is false";
                    break;
                }
                current.put(e.getKey(), e.getValue().asText());
            }
            if (conflict != null) {
                Operations.error(r, null, conflict);
                continue;
            }
            for (JsonNode k : req.path("remove")) {
                if (current.remove(k.asText()) == null) {
                    r.putArray("notFound").add(k.asText());
                }
            }
            if (current.equals(before)) {
                r.put("action", labelsKind ? "not labeled" : "annotated");
                continue;
            }
            try {
                // The store validates the keys and values, in the API server's words.
                store.patch(ResourceTypes.PODS, p.getMetadata().getNamespace(), p.getMetadata().getName(), PatchType.JSON,
                        "[{\"op\":\"add\",\"path\":\"/metadata/" + (labelsKind ? "labels" : "annotations") + "\",\"value\":"
                                + Wire.JSON.writeValueAsString(current) + "}]");
            } catch (StoreException e) {
                ApiError refused = StoreErrors.of(e);
                Operations.error(r, refused.reason(), refused.getMessage());
                continue;
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
            r.put("action", labelsKind ? labelVerb(before, current, overwrite) : "annotated");
        }
        return results;
    }

    /**
     * kubectl's word for a label change: "unlabeled" when, without --overwrite, the object got
     * shorter (it compares the JSON before and after; only the labels changed here), else "labeled".
     */
    static String labelVerb(Map<String, String> before, Map<String, String> after, boolean overwrite) {
        if (before.equals(after)) {
            return "not labeled";
        }
        int was = before.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length() + 6).sum();
        int is = after.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length() + 6).sum();
        return !overwrite && is < was ? "unlabeled" : "labeled";
    }

    JsonNode labelNode(JsonNode req) {
        Node node = engine.node();
        ArrayNode results = Wire.JSON.createArrayNode();
        for (JsonNode n : req.path("names")) {
            ObjectNode r = results.addObject().put("kind", "node").put("name", n.asText());
            if (!n.asText().equals(node.getMetadata().getName())) {
                Operations.error(r, "NotFound", "nodes \"" + n.asText() + "\" not found");
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>(map(node.getMetadata().getLabels()));
            Map<String, String> before = Map.copyOf(labels);
            String conflict = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = req.path("set").fields(); it.hasNext(); ) {
                var e = it.next();
                String old = labels.get(e.getKey());
                if (old != null && !req.path("overwrite").asBoolean() && !old.equals(e.getValue().asText())) {
                    conflict = "'" + e.getKey() + "' already has a value (" + old + "), and --overwrite is false";
                    break;
                }
                labels.put(e.getKey(), e.getValue().asText());
            }
            if (conflict != null) {
                Operations.error(r, null, conflict);
                continue;
            }
            req.path("remove").forEach(k -> labels.remove(k.asText()));
            if (labels.equals(before)) {
                r.put("action", "not labeled");
            } else {
                try {
                    engine.labelNode(labels);
                    r.put("action", labelVerb(before, labels, req.path("overwrite").asBoolean()));
                } catch (ManifestException e) {
                    Operations.error(r, "Invalid", ApiError.invalid("Node", n.asText(), e.problems().stream()
                            .map(x -> x.path().isEmpty() ? x.message() : x.path() + ": " + x.message()).toList()).getMessage());
                }
            }
        }
        return results;
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}

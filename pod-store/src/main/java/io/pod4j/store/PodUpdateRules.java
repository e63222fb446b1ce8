package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What may change in the spec of an existing Pod, as the API server's {@code ValidatePodUpdate}:
 * container and init container images, {@code activeDeadlineSeconds} (set, or lowered, never
 * removed or raised), tolerations (additions, and a changed {@code tolerationSeconds}),
 * scheduling gates (removals), node selector terms of a gated Pod (additions),
 * {@code terminationGracePeriodSeconds} from negative to 1. Any other
 * change is refused with its message and the spec's diff.
 */
final class PodUpdateRules {

    static final String FORBIDDEN = "pod updates may not change fields other than `spec.containers[*].image`,"
            + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to"
            + " existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was"
            + " previously negative)";
    private static final long MAX_INT32 = Integer.MAX_VALUE;

    private PodUpdateRules() {
    }

    /**
     * @param spec the new spec (defaulted)
     * @param old the stored spec
     * @return the problems, with paths under {@code spec}
     */
    static List<FieldError> validate(JsonNode newSpec, JsonNode oldSpec) {
        JsonNode spec = newSpec.isObject() ? newSpec : JsonNodeFactory.instance.objectNode();
        JsonNode old = oldSpec.isObject() ? oldSpec : JsonNodeFactory.instance.objectNode();
        List<FieldError> errors = new ArrayList<>();
        for (String list : List.of("containers", "initContainers")) {
            if (containers(spec, old, list, errors)) {
                return errors;
            }
        }
        JsonNode deadline = spec.get("activeDeadlineSeconds");
        JsonNode oldDeadline = old.get("activeDeadlineSeconds");
        if (deadline != null && !deadline.isNull()) {
            long d = deadline.asLong();
            if (d < 0 || d > MAX_INT32) {
                errors.add(FieldError.invalid("spec.activeDeadlineSeconds", d, "must be between 0 and 2147483647, inclusive"));
                return errors;
            }
            if (oldDeadline != null && !oldDeadline.isNull() && oldDeadline.asLong() < d) {
                errors.add(FieldError.invalid("spec.activeDeadlineSeconds", d, "must be less than or equal to previous value"));
                return errors;
            }
        } else if (oldDeadline != null && !oldDeadline.isNull()) {
            errors.add(FieldError.invalid("spec.activeDeadlineSeconds", null, "must not update from a positive integer to nil value"));
        }
        tolerations(spec.path("tolerations"), old.path("tolerations"), errors);
        schedulingGates(spec.path("schedulingGates"), old.path("schedulingGates"), errors);

        ObjectNode munged = ((ObjectNode) spec).deepCopy();
        for (String list : List.of("containers", "initContainers")) {
            for (int i = 0; i < munged.path(list).size(); i++) {
                ObjectNode c = (ObjectNode) munged.path(list).get(i);
                set(c, "image", old.path(list).get(i).get("image"));
            }
        }
        set(munged, "activeDeadlineSeconds", oldDeadline);
        set(munged, "schedulingGates", old.get("schedulingGates"));
        set(munged, "tolerations", old.get("tolerations"));
        if (old.path("schedulingGates").size() > 0) {
            nodeSelectorAdditions(spec.path("nodeSelector"), old.path("nodeSelector"), errors);
            set(munged, "nodeSelector", old.get("nodeSelector"));
        }
        JsonNode grace = munged.get("terminationGracePeriodSeconds");
        JsonNode oldGrace = old.get("terminationGracePeriodSeconds");
        if (oldGrace != null && oldGrace.asLong() < 0 && grace != null && grace.asLong() == 1) {
            set(munged, "terminationGracePeriodSeconds", oldGrace);
        }
        if (!Json.same(munged, old)) {
            errors.add(FieldError.forbidden("spec", FORBIDDEN + "\n" + SpecDiff.of(old, munged)));
        }
        return errors;
    }

    /** @return true when the lists differ in length: nothing else is checked then */
    private static boolean containers(JsonNode spec, JsonNode old, String list, List<FieldError> errors) {
        if (spec.path(list).size() != old.path(list).size()) {
            errors.add(FieldError.forbidden("spec." + list, "pod updates may not add or remove containers"));
            return true;
        }
        for (int i = 0; i < spec.path(list).size(); i++) {
            String image = spec.path(list).get(i).path("image").asText("");
            String path = "spec." + list + "[" + i + "].image";
            if (image.isEmpty()) {
                errors.add(FieldError.required(path, ""));
            } else if (!image.strip().equals(image)) {
                errors.add(FieldError.invalid(path, image, "must not have leading or trailing whitespace"));
            }
        }
        return false;
    }

    private static void tolerations(JsonNode now, JsonNode before, List<FieldError> errors) {
        for (JsonNode old : before) {
            boolean kept = false;
            for (JsonNode t : now) {
                ObjectNode o = ((ObjectNode) old).deepCopy();
                set(o, "tolerationSeconds", t.get("tolerationSeconds"));
                if (Json.same(o, t)) {
                    kept = true;
                    break;
                }
            }
            if (!kept) {
                errors.add(FieldError.forbidden("spec.tolerations", "existing toleration can not be modified except its tolerationSeconds"));
                return;
            }
        }
    }

    private static void schedulingGates(JsonNode now, JsonNode before, List<FieldError> errors) {
        Set<String> old = new HashSet<>();
        before.forEach(g -> old.add(g.path("name").asText()));
        for (int i = 0; i < now.size(); i++) {
            String name = now.get(i).path("name").asText();
            if (!old.contains(name)) {
                errors.add(FieldError.forbidden("spec.schedulingGates[" + i + "].name",
                        "only deletion is allowed, but found new scheduling gate '" + name + "'"));
            }
        }
    }

    /** A Pod still gated may get more node selector terms, as a scheduler's helper adds them; none may change. */
    private static void nodeSelectorAdditions(JsonNode now, JsonNode before, List<FieldError> errors) {
        for (var e : before.properties()) {
            if (!e.getValue().equals(now.get(e.getKey()))) {
                StringBuilder value = new StringBuilder("map[string]string{");
                List<String> pairs = new ArrayList<>();
                now.properties().forEach(p -> pairs.add('"' + p.getKey() + "\":\"" + p.getValue().asText() + '"'));
                value.append(String.join(", ", pairs)).append('}');
                errors.add(new FieldError(FieldError.Type.INVALID, "spec.nodeSelector", "Invalid value: " + value
                        + ": only additions to spec.nodeSelector are allowed (no mutations or deletions)"));
                return;
            }
        }
    }

    private static void set(ObjectNode node, String field, JsonNode value) {
        if (value == null) {
            node.remove(field);
        } else {
            node.set(field, value.deepCopy());
        }
    }
}

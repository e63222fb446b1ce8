package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.util.Map;

/** Applies a JSON, merge or strategic merge patch to a stored object, as the API server does. */
final class Patches {

    private Patches() {
    }

    /**
     * @param original the stored object (not changed)
     * @return the patched object
     * @throws StoreException BadRequest for a patch that does not parse; 422 for one that cannot be applied;
     *     415 for a strategic merge patch of a kind without strategic-merge metadata
     */
    static ObjectNode apply(ResourceType<?> type, ObjectNode original, PatchType patchType, String patch) {
        JsonNode p = Json.parse(patch);
        return switch (patchType) {
            case JSON -> jsonPatch(original, p);
            case MERGE -> {
                if (!p.isObject()) {
                    throw new StoreException(Statuses.badRequest("json: cannot unmarshal " + p.getNodeType()
                            .toString().toLowerCase(java.util.Locale.ROOT) + " into Go value of type map[string]interface {}"));
                }
                yield (ObjectNode) mergePatch(original, p);
            }
            case STRATEGIC_MERGE -> {
                String root = PatchSchema.rootOf(type);
                if (root == null) {
                    throw new StoreException(new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure")
                            .withCode(415).withReason("UnsupportedMediaType").withMessage("the body of the request was in"
                                    + " an unknown format - accepted media types include: application/json-patch+json,"
                                    + " application/merge-patch+json").withNewMetadata().endMetadata().build());
                }
                yield StrategicMergePatch.apply(original, p, root);
            }
            case APPLY -> throw new IllegalArgumentException("an apply is not a patch of the stored object: see FieldManager");
        };
    }

    private static ObjectNode jsonPatch(ObjectNode original, JsonNode patch) {
        if (!patch.isArray()) {
            throw new StoreException(Statuses.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch"));
        }
        try {
            JsonNode result = JsonPatch.apply(patch, original);
            if (!(result instanceof ObjectNode o)) {
                throw new StoreException(Statuses.unprocessable("the patch replaced the object with " + result.getNodeType()));
            }
            return o;
        } catch (JsonPatchException e) {
            // The API server's JSON patch library words a failed test this way.
            String message = e.getOperation() == io.fabric8.zjsonpatch.Operation.TEST && e.getPath() != null
                    ? "testing value " + e.getPath() + " failed: test failed" : e.getMessage();
            throw new StoreException(Statuses.unprocessable(message));
        } catch (IllegalArgumentException e) {
            throw new StoreException(Statuses.unprocessable(e.getMessage()));
        }
    }

    /** RFC 7386: an object merges key by key, null removes, anything else replaces. */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> e : patch.properties()) {
            if (e.getValue().isNull()) {
                result.remove(e.getKey());
            } else {
                result.set(e.getKey(), mergePatch(result.get(e.getKey()), e.getValue()));
            }
        }
        return result;
    }
}

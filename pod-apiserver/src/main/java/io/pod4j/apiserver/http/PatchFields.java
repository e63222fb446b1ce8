package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.error.ManifestSyntaxException;
import io.pod4j.api.error.StrictDecodingException;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.store.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code fieldValidation} for merge and strategic merge patches, whose documents have the object's
 * shape: a field the kind does not have is refused under Strict, warned about under Warn (the
 * default), and in every mode left out of the patch, so that it is never stored (the API server
 * decodes the patched object into its typed struct, which has no place for it). Patch directives
 * ({@code $patch}, {@code $retainKeys}, {@code $setElementOrder/...}) are not fields.
 */
final class PatchFields {

    private PatchFields() {
    }

    /**
     * @param type the kind patched
     * @param patch the patch document, an object
     * @param fieldValidation Strict, Warn, Ignore or null (Warn)
     * @param warnings receives the warnings
     * @return the patch without the unknown fields
     * @throws ApiException 400 under Strict when the patch names an unknown field
     */
    static ObjectNode clean(ResourceType<?> type, ObjectNode patch, String fieldValidation, Consumer<String> warnings) {
        String validation = Bodies.fieldValidation(fieldValidation);
        ObjectNode probe = patch.deepCopy();
        probe.put("apiVersion", type.apiVersion()).put("kind", type.kind());
        List<String> unknown;
        try {
            Manifests.strict().read("patch", probe.toString());
            return patch;
        } catch (StrictDecodingException e) {
            unknown = new ArrayList<>(e.rejected().get(0).fields());
        } catch (ManifestSyntaxException | IllegalArgumentException e) {
            return patch; // values the store judges (null deletes a field, a list item may be a directive)
        }
        unknown.removeIf(path -> path.contains("$"));
        if (unknown.isEmpty()) {
            return patch;
        }
        if (validation.equals("Strict")) {
            throw new ApiException(HttpStatuses.badRequest("error strict decoding patch: "
                    + String.join(", ", unknown.stream().map(f -> "unknown field \"" + f + "\"").toList())));
        }
        if (validation.equals("Warn")) {
            unknown.forEach(f -> warnings.accept("unknown field \"" + f + "\""));
        }
        ObjectNode cleaned = patch.deepCopy();
        unknown.forEach(path -> remove(cleaned, path));
        return cleaned;
    }

    /** Removes {@code a.b[2].c} from the tree. */
    static void remove(JsonNode root, String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            steps.add(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                steps.add(part.substring(bracket, close + 1));
                bracket = part.indexOf('[', close);
            }
        }
        JsonNode at = root;
        for (int i = 0; i < steps.size() - 1 && at != null; i++) {
            String step = steps.get(i);
            at = step.startsWith("[") ? at.get(Integer.parseInt(step.substring(1, step.length() - 1))) : at.get(step);
        }
        String last = steps.get(steps.size() - 1);
        if (at instanceof ObjectNode o) {
            o.remove(last);
        } else if (at instanceof ArrayNode a && last.startsWith("[")) {
            a.remove(Integer.parseInt(last.substring(1, last.length() - 1)));
        }
    }
}

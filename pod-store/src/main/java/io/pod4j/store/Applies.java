package io.pod4j.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** What the API server checks of an apply request before the fieldmanager sees it: its options, its YAML, its name. */
final class Applies {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final int MAX_MANAGER_LENGTH = 128;

    private Applies() {
    }

    /**
     * {@code ValidatePatchOptions}: an apply names its field manager; force is for applies only.
     *
     * @throws StoreException 422 for PatchOptions, in the API server's words
     */
    static void checkOptions(PatchType patchType, WriteOptions options) {
        String manager = options.fieldManager() == null ? "" : options.fieldManager();
        if (patchType == PatchType.APPLY && manager.isEmpty()) {
            throw new StoreException(Statuses.invalidOptions("PatchOptions",
                    FieldError.required("fieldManager", "is required for apply patch")));
        }
        if (patchType != PatchType.APPLY && options.force()) {
            throw new StoreException(Statuses.invalidOptions("PatchOptions",
                    FieldError.forbidden("force", "may not be specified for non-apply patch")));
        }
        if (manager.length() > MAX_MANAGER_LENGTH) {
            throw new StoreException(Statuses.invalidOptions("PatchOptions", new FieldError(FieldError.Type.TOO_LONG,
                    "fieldManager", "Too long: may not be more than " + MAX_MANAGER_LENGTH + " bytes")));
        }
    }

    /**
     * @param patch the applied configuration, YAML (or JSON, which is YAML)
     * @throws StoreException 400 when it is not a YAML object
     */
    static ObjectNode parse(String patch) {
        JsonNode tree;
        try {
            tree = YAML.readTree(patch == null ? "" : patch);
        } catch (JsonProcessingException e) {
            throw new StoreException(Statuses.badRequest("error decoding YAML: " + e.getOriginalMessage()));
        }
        if (!(tree instanceof ObjectNode o)) {
            throw new StoreException(Statuses.badRequest("error decoding YAML: the applied configuration is not an object"));
        }
        return o;
    }

    /**
     * The configuration names the object of the URL (a configuration without a name gets the URL's).
     *
     * @throws StoreException 400 in the API server's words
     */
    static void checkSameObject(ResourceType<?> type, ObjectNode config, String namespace, String name) {
        ObjectNode meta = MetaRules.meta(config);
        String given = meta.path("name").asText("");
        if (given.isEmpty()) {
            meta.put("name", name);
        } else if (!given.equals(name)) {
            throw new StoreException(Statuses.badRequest("the name of the object (" + given
                    + ") does not match the name on the URL (" + name + ")"));
        }
        if (type.namespaced()) {
            String ns = namespace == null || namespace.isEmpty() ? MetaRules.DEFAULT_NAMESPACE : namespace;
            String givenNs = meta.path("namespace").asText("");
            if (!givenNs.isEmpty() && !givenNs.equals(ns)) {
                throw new StoreException(Statuses.badRequest(
                        "the namespace of the provided object does not match the namespace sent on the request"));
            }
        }
    }
}

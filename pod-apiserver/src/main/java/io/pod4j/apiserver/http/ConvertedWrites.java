package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.zjsonpatch.JsonPatch;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.pod4j.apiserver.conversion.Conversion;
import io.pod4j.apiserver.discovery.ServedResource;
import io.pod4j.store.Deletion;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceType;
import io.pod4j.store.StoreException;
import io.pod4j.store.WriteOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The writing verbs of a resource served in one group version and stored as another
 * ({@code events.k8s.io/v1} Events): the body is converted to the stored kind and the store's
 * answer back. A patch applies to the served form of the stored object (JSON patch, merge patch;
 * a strategic merge patch merges as a merge patch, the served kinds having no merge keys), whose
 * result is written as an update of the version read; server-side apply is not offered here.
 */
final class ConvertedWrites {

    private static final String PATCH_MEDIA_TYPES = "application/json-patch+json, application/merge-patch+json, "
            + "application/strategic-merge-patch+json";

    private final ObjectStore store;
    private final Namespaces namespaces;

    ConvertedWrites(ObjectStore store, Namespaces namespaces) {
        this.store = store;
        this.namespaces = namespaces;
    }

    void serve(Exchange ex, ServedResource served) {
        HttpMethod method = ex.request().method();
        boolean named = ex.path().named();
        if (ex.path().subresource() != null) {
            throw new ApiException(HttpStatuses.methodNotAllowed());
        }
        if (method.equals(HttpMethod.POST) && !named) {
            create(ex, served);
        } else if (method.equals(HttpMethod.PUT) && named) {
            update(ex, served);
        } else if (method.equals(HttpMethod.PATCH) && named) {
            patch(ex, served);
        } else if (method.equals(HttpMethod.DELETE) && named) {
            delete(ex, served);
        } else if (method.equals(HttpMethod.DELETE)) {
            deleteCollection(ex, served);
        } else {
            throw new ApiException(HttpStatuses.methodNotAllowed());
        }
    }

    private void create(Exchange ex, ServedResource served) {
        WriteOptions options = FieldManagers.of(ex, DryRuns.of(ex, "CreateOptions"));
        ResourceType<?> type = served.type();
        String ns = ex.path().namespace();
        ObjectNode body = servedBody(ex, type);
        HasMetadata object = stored(ex, served, body);
        Writes.placeIn(object, ns, served.storage());
        namespaces.checkAcceptsContent(ns, type, object.getMetadata().getName());
        List<String> errors = served.conversion().createErrors(body);
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatuses.invalid(type.groupKind() + " \"" + object.getMetadata().getName()
                    + "\" is invalid: " + (errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]")));
        }
        ex.json(HttpResponseStatus.CREATED, served(served, store.create(object, options)));
    }

    private void update(Exchange ex, ServedResource served) {
        WriteOptions options = FieldManagers.of(ex, DryRuns.of(ex, "UpdateOptions"));
        HasMetadata object = stored(ex, served, servedBody(ex, served.type()));
        Writes.placeIn(object, ex.path().namespace(), served.storage());
        String name = object.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            object.getMetadata().setName(ex.path().name());
        } else if (!name.equals(ex.path().name())) {
            throw new ApiException(HttpStatuses.badRequest("the name of the object (" + name
                    + ") does not match the name on the URL (" + ex.path().name() + ")"));
        }
        ex.json(HttpResponseStatus.OK, served(served, store.update(object, options)));
    }

    private void patch(Exchange ex, ServedResource served) {
        WriteOptions options = FieldManagers.of(ex, DryRuns.of(ex, "PatchOptions"));
        String media = Bodies.media(ex.header(HttpHeaderNames.CONTENT_TYPE));
        JsonNode patch;
        try {
            patch = Json.MAPPER.readTree(ex.body());
        } catch (java.io.IOException e) {
            throw new ApiException(HttpStatuses.badRequest("error decoding patch: " + e.getMessage().lines()
                    .findFirst().orElse("")));
        }
        ObjectNode current = served(served, store.get(served.storage(), ex.path().namespace(), ex.path().name()));
        JsonNode patched = switch (media) {
            case "application/json-patch+json" -> {
                try {
                    yield JsonPatch.apply(patch, current);
                } catch (RuntimeException e) {
                    throw new ApiException(HttpStatuses.invalid("the server rejected our request due to an error in "
                            + "our request: " + e.getMessage()));
                }
            }
            case "application/merge-patch+json", "application/strategic-merge-patch+json" -> merge(current, patch);
            default -> throw new ApiException(HttpStatuses.unsupportedMediaType(PATCH_MEDIA_TYPES));
        };
        if (!(patched instanceof ObjectNode result)) {
            throw new ApiException(HttpStatuses.badRequest("the patch does not leave an object"));
        }
        ObjectNode meta = result.withObject("metadata");
        if (!meta.path("name").asText("").equals(ex.path().name())) {
            throw new ApiException(HttpStatuses.badRequest("the name of the object (" + meta.path("name").asText("")
                    + ") does not match the name on the URL (" + ex.path().name() + ")"));
        }
        if (!meta.hasNonNull("resourceVersion")) {
            meta.set("resourceVersion", current.path("metadata").path("resourceVersion")); // the version patched
        }
        HasMetadata object = toObject(served, served.conversion().toStored(result));
        ex.json(HttpResponseStatus.OK, served(served, store.update(object, options)));
    }

    private <T extends HasMetadata> void delete(Exchange ex, ServedResource served) {
        DeleteOptions options = Writes.deleteOptions(ex);
        @SuppressWarnings("unchecked")
        ResourceType<T> storage = (ResourceType<T>) served.storage();
        Deletion<T> d = store.delete(storage, ex.path().namespace(), ex.path().name(), options);
        if (d.gone()) {
            ex.json(HttpResponseStatus.OK, HttpStatuses.success(d.object().getMetadata().getName(), served.type().group(),
                    served.type().plural(), d.object().getMetadata().getUid()));
        } else {
            ex.json(HttpResponseStatus.ACCEPTED, served(served, d.object()));
        }
    }

    private <T extends HasMetadata> void deleteCollection(Exchange ex, ServedResource served) {
        DeleteOptions options = Writes.deleteOptions(ex);
        @SuppressWarnings("unchecked")
        ResourceType<T> storage = (ResourceType<T>) served.storage();
        ObjectNode answer = Json.MAPPER.createObjectNode().put("kind", served.type().kind() + "List")
                .put("apiVersion", served.type().apiVersion());
        ArrayNode items = answer.putArray("items");
        for (T item : store.list(storage, Resources.listOptions(ex, served)).items()) {
            try {
                items.add(served(served, store.delete(storage, item.getMetadata().getNamespace(),
                        item.getMetadata().getName(), options).object()));
            } catch (StoreException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        answer.putObject("metadata").put("resourceVersion", store.resourceVersion());
        ex.json(HttpResponseStatus.OK, answer);
    }

    /** @return the request's body, checked to be of the served kind and version */
    private static ObjectNode servedBody(Exchange ex, ResourceType<?> type) {
        ObjectNode tree = Bodies.tree(ex.bodyBytes(), ex.header(HttpHeaderNames.CONTENT_TYPE));
        String apiVersion = tree.path("apiVersion").asText("");
        String kind = tree.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw new ApiException(HttpStatuses.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")"));
        }
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw new ApiException(HttpStatuses.badRequest(kind + " in version \"" + type.version()
                    + "\" cannot be handled as a " + type.kind() + ": the kind in the body does not match the URL's ("
                    + type.groupResource() + ")"));
        }
        return tree.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    }

    /** @return the served body as the stored kind, decoded with the request's field validation */
    private static HasMetadata stored(Exchange ex, ServedResource served, ObjectNode body) {
        byte[] json = served.conversion().toStored(body).toString().getBytes(StandardCharsets.UTF_8);
        return Bodies.decode(served.storage(), json, "application/json", ex.param("fieldValidation"), ex::warn);
    }

    private static HasMetadata toObject(ServedResource served, ObjectNode stored) {
        try {
            return Json.MAPPER.treeToValue(stored, served.storage().type());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new ApiException(HttpStatuses.badRequest(served.type().kind() + " in version \""
                    + served.type().version() + "\" cannot be handled as a " + served.type().kind() + ": "
                    + e.getMessage().lines().findFirst().orElse("")));
        }
    }

    private static ObjectNode served(ServedResource served, HasMetadata stored) {
        Conversion c = served.conversion();
        return c.toServed(Json.MAPPER.valueToTree(stored));
    }

    /** RFC 7386: objects merge field by field, null removes, anything else replaces. */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : Json.MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        fields.forEachRemaining(entries::add);
        for (Map.Entry<String, JsonNode> f : entries) {
            if (f.getValue().isNull()) {
                result.remove(f.getKey());
            } else {
                result.set(f.getKey(), merge(result.get(f.getKey()), f.getValue()));
            }
        }
        return result;
    }
}

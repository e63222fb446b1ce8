package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.pod4j.api.validation.PodWarnings;
import io.pod4j.store.Deletion;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import io.pod4j.store.WriteOptions;
import java.util.Objects;
import java.util.Set;

/**
 * The writing verbs: create (POST), update (PUT), patch (PATCH: JSON, merge, strategic merge;
 * apply through {@link ApplyPatcher}), delete and deletecollection (DELETE), and
 * {@code pods/binding}. The store judges every request; this checks what only the URL knows (name,
 * namespace) and what the API server checks before its registry (media types, parameters).
 */
final class Writes {

    private static final String PATCH_MEDIA_TYPES = "application/json-patch+json, application/merge-patch+json, "
            + "application/strategic-merge-patch+json, application/apply-patch+yaml";
    private static final Set<String> PROPAGATION = Set.of("Orphan", "Background", "Foreground");

    private final ObjectStore store;
    private final Extensions extensions;
    private final Namespaces namespaces;

    Writes(ObjectStore store, Extensions extensions, Namespaces namespaces) {
        this.store = store;
        this.extensions = extensions;
        this.namespaces = namespaces;
    }

    <T extends HasMetadata> void create(Exchange ex, ResourceType<T> type) {
        WriteOptions options = FieldManagers.of(ex, DryRuns.of(ex, "CreateOptions"));
        String ns = ex.path().namespace();
        if (type.namespaced() && ns == null) {
            throw new ApiException(HttpStatuses.methodNotAllowed());
        }
        T object = Bodies.decode(type, ex.bodyBytes(), ex.header(HttpHeaderNames.CONTENT_TYPE), ex.param("fieldValidation"),
                ex::warn);
        placeIn(object, ns, type);
        if (type.namespaced()) {
            namespaces.checkAcceptsContent(ns, type, object.getMetadata().getName());
        }
        warnFor(ex, object);
        ex.json(HttpResponseStatus.CREATED, store.create(object, options));
    }

    <T extends HasMetadata> void update(Exchange ex, ResourceType<T> type) {
        WriteOptions options = FieldManagers.of(ex, DryRuns.of(ex, "UpdateOptions"));
        T object = Bodies.decode(type, ex.bodyBytes(), ex.header(HttpHeaderNames.CONTENT_TYPE), ex.param("fieldValidation"),
                ex::warn);
        placeIn(object, ex.path().namespace(), type);
        String name = object.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            object.getMetadata().setName(ex.path().name());
        } else if (!name.equals(ex.path().name())) {
            throw new ApiException(HttpStatuses.badRequest("the name of the object (" + name
                    + ") does not match the name on the URL (" + ex.path().name() + ")"));
        }
        warnFor(ex, object);
        String sub = ex.path().subresource();
        HasMetadata stored = "status".equals(sub) ? store.updateStatus(object, options)
                : "ephemeralcontainers".equals(sub) ? store.updateEphemeralContainers((Pod) object, options)
                : store.update(object, options);
        ex.json(HttpResponseStatus.OK, stored);
    }

    /** {@code PUT namespaces/NAME/finalize}: the namespace's {@code spec.finalizers}, nothing else. */
    void finalizeNamespace(Exchange ex) {
        WriteOptions options = FieldManagers.of(ex, DryRuns.of(ex, "UpdateOptions"));
        Namespace ns = Bodies.decode(ResourceTypes.NAMESPACES, ex.bodyBytes(), ex.header(HttpHeaderNames.CONTENT_TYPE),
                ex.param("fieldValidation"), ex::warn);
        String name = ns.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            ns.getMetadata().setName(ex.path().name());
        } else if (!name.equals(ex.path().name())) {
            throw new ApiException(HttpStatuses.badRequest("the name of the object (" + name
                    + ") does not match the name on the URL (" + ex.path().name() + ")"));
        }
        ex.json(HttpResponseStatus.OK, store.finalizeNamespace(ns, options));
    }

    <T extends HasMetadata> void patch(Exchange ex, ResourceType<T> type) {
        boolean dryRun = DryRuns.of(ex, "PatchOptions");
        String media = Bodies.media(ex.header(HttpHeaderNames.CONTENT_TYPE));
        String ns = ex.path().namespace();
        String name = ex.path().name();
        boolean status = "status".equals(ex.path().subresource());
        HasMetadata result;
        HttpResponseStatus answer = HttpResponseStatus.OK;
        if (media.equals("application/apply-patch+yaml")) {
            if (!status && !exists(type, ns, name)) {
                answer = HttpResponseStatus.CREATED; // an apply creates what does not exist, as a POST would
                if (type.namespaced()) {
                    namespaces.checkAcceptsContent(ns, type, name);
                }
            }
            // apply names its manager itself: no User-Agent fallback, the store refuses an apply without one
            result = extensions.apply().apply(store, type, ns, name, ex.body(),
                    new WriteOptions(ex.param("fieldManager"), ex.flag("force"), dryRun), ex.path().subresource());
        } else {
            PatchType patchType = PatchType.ofContentType(media)
                    .orElseThrow(() -> new ApiException(HttpStatuses.unsupportedMediaType(PATCH_MEDIA_TYPES)));
            String body = ex.body();
            JsonNode document;
            try {
                document = Json.MAPPER.readTree(body);
            } catch (java.io.IOException e) {
                throw new ApiException(HttpStatuses.badRequest("error decoding patch: " + e.getMessage().lines()
                        .findFirst().orElse("")));
            }
            if (patchType != PatchType.JSON && document instanceof ObjectNode object) {
                body = PatchFields.clean(type, object, ex.param("fieldValidation"), ex::warn).toString();
            }
            WriteOptions options = FieldManagers.of(ex, dryRun);
            result = status ? store.patchStatus(type, ns, name, patchType, body, options)
                    : "ephemeralcontainers".equals(ex.path().subresource())
                            ? store.patchEphemeralContainers(ns, name, patchType, body, options)
                            : store.patch(type, ns, name, patchType, body, options);
        }
        warnFor(ex, result);
        ex.json(answer, result);
    }

    private boolean exists(ResourceType<?> type, String namespace, String name) {
        try {
            store.get(type, namespace, name);
            return true;
        } catch (StoreException notFound) {
            return false;
        }
    }

    <T extends HasMetadata> void delete(Exchange ex, ResourceType<T> type) {
        DeleteOptions options = deleteOptions(ex);
        if (type.equals(ResourceTypes.NAMESPACES)) {
            Namespace marked = namespaces.delete(ex.path().name(), options);
            ex.json(HttpResponseStatus.OK, marked);
            return;
        }
        Deletion<T> d = store.delete(type, ex.path().namespace(), ex.path().name(), options);
        answerDeletion(ex, type, d);
    }

    <T extends HasMetadata> void deleteCollection(Exchange ex, ResourceType<T> type, ListOptions selection) {
        DeleteOptions options = deleteOptions(ex);
        ObjectNode answer = Json.MAPPER.createObjectNode().put("kind", type.kind() + "List")
                .put("apiVersion", type.apiVersion());
        ArrayNode items = answer.putArray("items");
        for (T item : store.list(type, selection).items()) {
            try {
                items.add(Json.MAPPER.valueToTree(store.delete(type, item.getMetadata().getNamespace(),
                        item.getMetadata().getName(), options).object()));
            } catch (StoreException e) {
                if (e.code() != 404) {
                    throw e; // one deleted meanwhile is not an error; anything else is
                }
            }
        }
        answer.putObject("metadata").put("resourceVersion", store.resourceVersion());
        ex.json(HttpResponseStatus.OK, answer);
    }

    void bind(Exchange ex) {
        if (DryRuns.of(ex, "CreateOptions")) {
            throw new ApiException(HttpStatuses.badRequest("dryRun=All is not supported by pod4j's API server for "
                    + "pods/binding: bind without dryRun"));
        }
        ObjectNode binding = Bodies.tree(ex.bodyBytes(), ex.header(HttpHeaderNames.CONTENT_TYPE));
        String target = binding.path("target").path("name").asText("");
        if (target.isEmpty()) {
            throw new ApiException(HttpStatuses.invalid("Binding.meta.k8s.io \"" + ex.path().name()
                    + "\" is invalid: target.name: Required value"));
        }
        Pod bound = store.bind(ex.path().namespace(), ex.path().name(), target);
        ex.json(HttpResponseStatus.CREATED, HttpStatuses.success(bound.getMetadata().getName(), "", "pods",
                bound.getMetadata().getUid()));
    }

    /** As the registry: Pods and Namespaces answer with the object; other kinds with a Success Status once gone. */
    private static <T extends HasMetadata> void answerDeletion(Exchange ex, ResourceType<T> type, Deletion<T> d) {
        if (type.equals(ResourceTypes.PODS)) {
            ex.json(HttpResponseStatus.OK, d.object());
        } else if (!d.gone()) {
            ex.json(HttpResponseStatus.ACCEPTED, d.object());
        } else {
            ex.json(HttpResponseStatus.OK, HttpStatuses.success(d.object().getMetadata().getName(), type.group(),
                    type.plural(), d.object().getMetadata().getUid()));
        }
    }

    static DeleteOptions deleteOptions(Exchange ex) {
        DeleteOptions options = new DeleteOptions();
        String body = ex.body();
        if (!body.isBlank()) {
            JsonNode tree = Bodies.tree(ex.bodyBytes(), ex.header(HttpHeaderNames.CONTENT_TYPE));
            try {
                options = Json.MAPPER.treeToValue(tree, DeleteOptions.class);
            } catch (java.io.IOException e) {
                throw new ApiException(HttpStatuses.badRequest("cannot decode DeleteOptions: " + e.getMessage()
                        .lines().findFirst().orElse("")));
            }
        }
        Long grace = ex.number("gracePeriodSeconds");
        if (grace != null) {
            options.setGracePeriodSeconds(grace);
        }
        String propagation = ex.param("propagationPolicy");
        if (propagation != null && !propagation.isEmpty()) {
            options.setPropagationPolicy(propagation);
        }
        if (DryRuns.of(ex, "DeleteOptions") || DryRuns.requested(options.getDryRun(), "DeleteOptions")) {
            options.setDryRun(java.util.List.of(DryRuns.ALL));
        }
        if (options.getPropagationPolicy() != null && !PROPAGATION.contains(options.getPropagationPolicy())) {
            throw new ApiException(HttpStatuses.invalid("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: "
                    + "Unsupported value: \"" + options.getPropagationPolicy()
                    + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));
        }
        return options;
    }

    /** The URL's namespace for the object: filled in when the body has none, refused when it names another. */
    static void placeIn(HasMetadata object, String namespace, ResourceType<?> type) {
        if (object.getMetadata() == null) {
            object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        if (!type.namespaced()) {
            return;
        }
        String own = object.getMetadata().getNamespace();
        if (own == null || own.isEmpty()) {
            object.getMetadata().setNamespace(namespace);
        } else if (!Objects.equals(own, namespace)) {
            throw new ApiException(HttpStatuses.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request"));
        }
    }

    private static void warnFor(Exchange ex, HasMetadata object) {
        if (object instanceof Pod pod) {
            PodWarnings.of(pod).forEach(ex::warn);
        }
    }
}

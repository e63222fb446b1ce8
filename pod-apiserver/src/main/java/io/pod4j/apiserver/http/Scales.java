package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.zjsonpatch.JsonPatch;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceType;

/**
 * The {@code scale} subresource of Deployments, ReplicaSets and StatefulSets, as the API server
 * serves it: an {@code autoscaling/v1} Scale read from the object ({@code spec.replicas},
 * {@code status.replicas}, the selector as a string), and writes of it (PUT, or a JSON, merge or
 * strategic merge patch, as {@code kubectl scale} sends) that change the object's
 * {@code spec.replicas}, honouring a resourceVersion precondition.
 */
final class Scales {

    private final ObjectStore store;

    Scales(ObjectStore store) {
        this.store = store;
    }

    void get(Exchange ex, ResourceType<?> type) {
        ex.json(HttpResponseStatus.OK, scale(store.get(type, ex.path().namespace(), ex.path().name())));
    }

    void update(Exchange ex, ResourceType<?> type) {
        write(ex, type, Bodies.tree(ex.bodyBytes(), ex.header(HttpHeaderNames.CONTENT_TYPE)));
    }

    void patch(Exchange ex, ResourceType<?> type) {
        HasMetadata current = store.get(type, ex.path().namespace(), ex.path().name());
        ObjectNode scale = scale(current);
        String media = Bodies.media(ex.header(HttpHeaderNames.CONTENT_TYPE));
        PatchType patchType = PatchType.ofContentType(media).filter(t -> t != PatchType.APPLY)
                .orElseThrow(() -> new ApiException(HttpStatuses.unsupportedMediaType(
                        "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json")));
        JsonNode patch;
        try {
            patch = Json.MAPPER.readTree(ex.body());
        } catch (java.io.IOException e) {
            throw new ApiException(HttpStatuses.badRequest("error decoding patch: " + e.getMessage().lines().findFirst().orElse("")));
        }
        JsonNode patched;
        if (patchType == PatchType.JSON) {
            try {
                patched = JsonPatch.apply(patch, scale);
            } catch (RuntimeException e) {
                throw new ApiException(HttpStatuses.invalid(e.getMessage()));
            }
        } else {
            patched = merge(scale.deepCopy(), patch);
        }
        write(ex, type, patched);
    }

    private void write(Exchange ex, ResourceType<?> type, JsonNode scale) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isMissingNode() && !replicas.canConvertToInt()) {
            throw new ApiException(HttpStatuses.badRequest("spec.replicas must be an integer"));
        }
        ObjectNode patch = Json.MAPPER.createObjectNode();
        String rv = scale.path("metadata").path("resourceVersion").asText("");
        if (!rv.isEmpty()) {
            patch.putObject("metadata").put("resourceVersion", rv);
        }
        if (replicas.isMissingNode()) {
            patch.putObject("spec").putNull("replicas");
        } else {
            patch.putObject("spec").put("replicas", replicas.asInt());
        }
        HasMetadata result = store.patch(type, ex.path().namespace(), ex.path().name(), PatchType.MERGE, patch.toString(),
                FieldManagers.of(ex));
        ex.json(HttpResponseStatus.OK, scale(result));
    }

    private static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject() || !target.isObject()) {
            return patch;
        }
        ObjectNode t = (ObjectNode) target;
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                t.remove(e.getKey());
            } else {
                t.set(e.getKey(), merge(t.has(e.getKey()) ? t.get(e.getKey()) : Json.MAPPER.createObjectNode(), e.getValue()));
            }
        });
        return t;
    }

    /** The object's Scale, as {@code autoscaling/v1}. */
    static ObjectNode scale(HasMetadata o) {
        int want;
        int have;
        LabelSelector selector;
        if (o instanceof Deployment d) {
            want = n(d.getSpec().getReplicas());
            have = d.getStatus() == null ? 0 : n(d.getStatus().getReplicas());
            selector = d.getSpec().getSelector();
        } else if (o instanceof ReplicaSet rs) {
            want = n(rs.getSpec().getReplicas());
            have = rs.getStatus() == null ? 0 : n(rs.getStatus().getReplicas());
            selector = rs.getSpec().getSelector();
        } else if (o instanceof StatefulSet sts) {
            want = n(sts.getSpec().getReplicas());
            have = sts.getStatus() == null ? 0 : n(sts.getStatus().getReplicas());
            selector = sts.getSpec().getSelector();
        } else {
            throw new ApiException(HttpStatuses.notFound());
        }
        ObjectNode scale = Json.MAPPER.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata").put("name", o.getMetadata().getName())
                .put("namespace", o.getMetadata().getNamespace()).put("uid", o.getMetadata().getUid())
                .put("resourceVersion", o.getMetadata().getResourceVersion());
        if (o.getMetadata().getCreationTimestamp() != null) {
            meta.put("creationTimestamp", o.getMetadata().getCreationTimestamp());
        }
        scale.putObject("spec").put("replicas", want);
        ObjectNode status = scale.putObject("status").put("replicas", have);
        if (selector != null) {
            status.put("selector", io.pod4j.api.selector.LabelSelector.of(selector).toString());
        }
        return scale;
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}

package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.pod4j.apiserver.discovery.ServedResource;
import io.pod4j.apiserver.discovery.ServedResources;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectList;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceType;
import java.util.List;
import java.util.Set;

/**
 * The REST verbs of the served resources, as the API server's generic registry: a request's
 * method, path and parameters become one store call, and the answer its JSON (or a Table, when
 * the client asks for one). Reads are here; writes in {@link Writes}, watches in {@link Watches},
 * pod logs in {@link PodLogs}, the scale subresource in {@link Scales}; exec, attach and portforward go to the
 * {@link PodStreams}.
 */
final class Resources {

    private static final Set<String> STREAMS = Set.of("exec", "attach", "portforward");

    private final PodEngine engine;
    private final ObjectStore store;
    private final Extensions extensions;
    private final Writes writes;
    private final Watches watches;
    private final PodLogs logs;
    private final ConvertedWrites convertedWrites;
    private final Scales scales;

    Resources(PodEngine engine, Extensions extensions, Watches watches, Namespaces namespaces) {
        this.engine = engine;
        this.store = engine.store();
        this.extensions = extensions;
        this.writes = new Writes(store, extensions, namespaces);
        this.watches = watches;
        this.logs = new PodLogs(engine);
        this.convertedWrites = new ConvertedWrites(store, namespaces);
        this.scales = new Scales(store);
    }

    void serve(Exchange ex) {
        ApiPath path = ex.path();
        ServedResource served = ServedResources.find(path.group(), path.version(), path.resource())
                .orElseThrow(() -> new ApiException(HttpStatuses.notFound()));
        ResourceType<?> type = served.storage();
        if (type.namespaced() ? path.named() && path.namespace() == null : path.namespace() != null) {
            throw new ApiException(HttpStatuses.notFound());
        }
        String sub = path.subresource();
        if (sub != null && !served.hasSubresource(sub)) {
            throw new ApiException(HttpStatuses.notFound());
        }
        HttpMethod method = ex.request().method();
        // log and binding take only their own verbs (GET, POST); the object itself is read and written
        // at its own path, its status or (pods) its ephemeralcontainers.
        boolean mainOrStatus = sub == null || "status".equals(sub) || "ephemeralcontainers".equals(sub);
        if (sub != null && STREAMS.contains(sub)) {
            if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.POST)) {
                throw new ApiException(HttpStatuses.methodNotAllowed());
            }
            extensions.streams().serve(ex.ctx(), ex.request(), engine, path.namespace(), path.name(), sub);
            return;
        }
        if ("scale".equals(sub) && path.named()) {
            if (method.equals(HttpMethod.GET)) {
                scales.get(ex, type);
            } else if (method.equals(HttpMethod.PUT)) {
                scales.update(ex, type);
            } else if (method.equals(HttpMethod.PATCH)) {
                scales.patch(ex, type);
            } else {
                throw new ApiException(HttpStatuses.methodNotAllowed());
            }
            return;
        }
        if (method.equals(HttpMethod.GET)) {
            if (!path.named()) {
                if (ex.flag("watch")) {
                    watches.serve(ex, type, listOptions(ex, served), extensions.tables(), served.conversion());
                } else {
                    list(ex, served, type);
                }
            } else if ("log".equals(sub)) {
                logs.serve(ex);
            } else if (mainOrStatus) {
                get(ex, served, type);
            } else {
                throw new ApiException(HttpStatuses.methodNotAllowed());
            }
        } else if (served.conversion() != null) {
            convertedWrites.serve(ex, served);
        } else if (method.equals(HttpMethod.POST) && !path.named()) {
            writes.create(ex, type);
        } else if (method.equals(HttpMethod.POST) && "binding".equals(sub)) {
            writes.bind(ex);
        } else if (method.equals(HttpMethod.PUT) && "finalize".equals(sub)) {
            writes.finalizeNamespace(ex);
        } else if (method.equals(HttpMethod.PUT) && path.named() && mainOrStatus) {
            writes.update(ex, type);
        } else if (method.equals(HttpMethod.PATCH) && path.named() && mainOrStatus) {
            writes.patch(ex, type);
        } else if (method.equals(HttpMethod.DELETE) && path.named() && sub == null) {
            writes.delete(ex, type);
        } else if (method.equals(HttpMethod.DELETE) && !path.named() && served.verbs().contains("deletecollection")) {
            writes.deleteCollection(ex, type, listOptions(ex, served));
        } else {
            throw new ApiException(HttpStatuses.methodNotAllowed());
        }
    }

    /** @return the stored object as the served group version has it */
    static JsonNode represent(ServedResource served, JsonNode stored) {
        return served.conversion() == null ? stored : served.conversion().toServed((ObjectNode) stored);
    }

    private void get(Exchange ex, ServedResource served, ResourceType<?> type) {
        if (Accepts.table(ex.header(HttpHeaderNames.ACCEPT))) {
            HasMetadata object = store.get(type, ex.path().namespace(), ex.path().name());
            JsonNode table = extensions.tables().table(type, List.of(object), includeObject(ex));
            ((ObjectNode) table).withObject("metadata").put("resourceVersion", object.getMetadata().getResourceVersion());
            ex.json(HttpResponseStatus.OK, table);
            return;
        }
        // The stored tree as it is, as a watch sends it: no conversion to the kind's class and back.
        ObjectNode stored = store.getTree(type, ex.path().namespace(), ex.path().name());
        ex.json(HttpResponseStatus.OK, served.conversion() == null ? stored : served.conversion().toServed(stored.deepCopy()));
    }

    private <T extends HasMetadata> void list(Exchange ex, ServedResource served, ResourceType<T> type) {
        ObjectList<T> all = store.list(type, listOptions(ex, served));
        Pages.Page<T> page = Pages.page(all.items(), ex.number("limit"), ex.param("continue"), all.resourceVersion());
        ObjectNode answer;
        if (Accepts.table(ex.header(HttpHeaderNames.ACCEPT))) {
            answer = (ObjectNode) extensions.tables().table(type, page.items(), includeObject(ex));
        } else {
            answer = Json.MAPPER.createObjectNode().put("kind", served.type().kind() + "List")
                    .put("apiVersion", served.type().apiVersion());
            answer.putObject("metadata");
            ArrayNode items = answer.putArray("items");
            page.items().forEach(i -> items.add(represent(served, Json.MAPPER.valueToTree(i))));
        }
        ObjectNode meta = answer.withObject("metadata");
        meta.put("resourceVersion", page.resourceVersion());
        if (page.continueToken() != null) {
            meta.put("continue", page.continueToken()).put("remainingItemCount", page.remaining());
        }
        ex.json(HttpResponseStatus.OK, answer);
    }

    static ListOptions listOptions(Exchange ex) {
        return new ListOptions(ex.path().namespace(), ex.param("labelSelector"), ex.param("fieldSelector"),
                ex.param("resourceVersion"));
    }

    /** As {@link #listOptions(Exchange)}, with a converted resource's field selector in the stored kind's names. */
    static ListOptions listOptions(Exchange ex, ServedResource served) {
        ListOptions options = listOptions(ex);
        return served.conversion() == null ? options
                : options.withFieldSelector(served.conversion().fieldSelector(options.fieldSelector()));
    }

    static String includeObject(Exchange ex) {
        String v = ex.param("includeObject");
        return v == null || v.isEmpty() ? "Metadata" : v;
    }
}

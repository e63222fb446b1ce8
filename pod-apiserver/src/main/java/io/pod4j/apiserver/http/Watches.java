package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectList;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceType;
import io.pod4j.store.StoreException;
import io.pod4j.store.Watch;
import io.pod4j.store.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * {@code ?watch=true}: a store watch streamed as the API server streams it, one
 * {@code {"type":..,"object":..}} per event, over chunked HTTP or, when the client asks for an
 * upgrade, over WebSocket text frames (fabric8's client tries that first). Honours
 * {@code resourceVersion} (410 Gone arrives as an ERROR event, as from the watch cache),
 * {@code timeoutSeconds}, {@code allowWatchBookmarks} and {@code sendInitialEvents}. Each watch
 * holds one worker thread while it is open.
 */
final class Watches {

    /** How long one wait for an event lasts before the connection and the deadline are checked again. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ObjectStore store;
    private final Duration bookmarkEvery;
    private final int maxFramePayload;

    /**
     * @param store the store
     * @param bookmarkEvery how often a watch that allows bookmarks gets one (the API server: about a minute)
     * @param maxFramePayload the largest WebSocket frame accepted from the client
     */
    Watches(ObjectStore store, Duration bookmarkEvery, int maxFramePayload) {
        this.store = store;
        this.bookmarkEvery = bookmarkEvery;
        this.maxFramePayload = maxFramePayload;
    }

    /**
     * @param options the request's selectors and resourceVersion, in the stored kind's field names
     * @param represent the stored object (JSON) as the served group version has it
     */
    <T extends HasMetadata> void serve(Exchange ex, ResourceType<T> type, ListOptions options, TableConverter tables,
            UnaryOperator<JsonNode> represent) {
        boolean asTable = Accepts.table(ex.header(HttpHeaderNames.ACCEPT));
        String include = Resources.includeObject(ex);
        Long timeout = ex.number("timeoutSeconds");
        boolean bookmarks = ex.flag("allowWatchBookmarks");
        boolean initialEvents = ex.flag("sendInitialEvents");
        if (initialEvents && (!"NotOlderThan".equals(ex.param("resourceVersionMatch")) || !bookmarks)) {
            throw new ApiException(HttpStatuses.invalid("ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: "
                    + "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan and "
                    + "allowWatchBookmarks to true"));
        }
        String upgrade = ex.header(HttpHeaderNames.UPGRADE);
        WatchSink sink = upgrade != null && upgrade.equalsIgnoreCase(HttpHeaderValues.WEBSOCKET.toString())
                ? WatchSink.webSocket(ex, maxFramePayload) : WatchSink.chunked(ex);
        long deadline = timeout == null || timeout <= 0 ? Long.MAX_VALUE
                : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        String lastVersion = options.resourceVersion();
        Watch<T> watch;
        try {
            if (initialEvents) {
                ObjectList<T> now = store.list(type, options);
                for (T item : now.items()) {
                    sink.send(event("ADDED", object(type, item, asTable, tables, include, represent)));
                }
                sink.send(event("BOOKMARK", represent.apply(bookmark(type, now.resourceVersion(), true))));
                lastVersion = now.resourceVersion();
                watch = store.watch(type, options.withResourceVersion(now.resourceVersion()));
            } else {
                watch = store.watch(type, options);
            }
        } catch (StoreException e) {
            sink.send(error(e.status()));
            sink.end();
            return;
        }
        try (Watch<T> w = watch) {
            sink.onClose(w::close);
            long nextBookmark = System.nanoTime() + bookmarkEvery.toNanos();
            while (sink.open() && !w.isClosed() && System.nanoTime() < deadline) {
                Optional<WatchEvent<T>> e = w.next(POLL);
                if (e.isPresent()) {
                    T object = e.get().object();
                    lastVersion = object.getMetadata().getResourceVersion();
                    sink.send(event(e.get().type().name(), object(type, object, asTable, tables, include, represent)));
                } else if (bookmarks && System.nanoTime() >= nextBookmark && lastVersion != null && !lastVersion.isEmpty()
                        && !lastVersion.equals("0")) {
                    sink.send(event("BOOKMARK", represent.apply(bookmark(type, lastVersion, false))));
                    nextBookmark = System.nanoTime() + bookmarkEvery.toNanos();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sink.end();
        }
    }

    private static <T extends HasMetadata> JsonNode object(ResourceType<T> type, T item, boolean asTable,
            TableConverter tables, String include, UnaryOperator<JsonNode> represent) {
        if (asTable) {
            ObjectNode table = (ObjectNode) tables.table(type, List.of(item), include);
            table.withObject("metadata").put("resourceVersion", item.getMetadata().getResourceVersion());
            return table;
        }
        return represent.apply(Json.MAPPER.valueToTree(item));
    }

    /** As the API server's bookmark: the kind and only the resourceVersion (and the end-of-initial-events mark). */
    private static ObjectNode bookmark(ResourceType<?> type, String resourceVersion, boolean initialEventsEnd) {
        ObjectNode o = Json.MAPPER.createObjectNode().put("kind", type.kind()).put("apiVersion", type.apiVersion());
        ObjectNode meta = o.putObject("metadata").put("resourceVersion", resourceVersion);
        if (initialEventsEnd) {
            meta.putObject("annotations").put("k8s.io/initial-events-end", "true");
        }
        return o;
    }

    private static byte[] error(Status status) {
        return event("ERROR", Json.MAPPER.valueToTree(status));
    }

    private static byte[] event(String type, JsonNode object) {
        ObjectNode e = Json.MAPPER.createObjectNode().put("type", type);
        e.set("object", object);
        byte[] json = Json.bytes(e);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }
}

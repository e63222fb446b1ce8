package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Status;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.pod4j.apiserver.conversion.Conversion;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectList;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceType;
import io.pod4j.store.StoreException;
import io.pod4j.store.Watch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * {@code ?watch=true}: a store watch streamed as the API server streams it, one
 * {@code {"type":..,"object":..}} per event, over chunked HTTP or, when the client asks for an
 * upgrade, over WebSocket text frames (fabric8's client tries that first). Honours
 * {@code resourceVersion} (410 Gone arrives as an ERROR event, as from the watch cache),
 * {@code timeoutSeconds}, {@code allowWatchBookmarks} and {@code sendInitialEvents}. An open watch
 * holds no thread: {@link WatchStream} delivers its events on the connection's event loop when the
 * store queues them. A watcher that falls more than {@value #MAX_QUEUED} events behind is dropped (its
 * watch and connection closed), as the API server's watch cache drops one whose buffer fills.
 */
final class Watches {

    /**
     * The events a watcher may be behind before it is dropped: more than a replay of the store's whole
     * window (1000 changes by default), so a client watching from an old resourceVersion is not dropped
     * while it reads that; each is a reference to a tree the store shares among its watchers.
     */
    static final int MAX_QUEUED = 2048;

    private final ObjectStore store;
    private final Duration bookmarkEvery;
    private final int maxFramePayload;
    private final ScheduledExecutorService timer;
    private final EventLines lines = new EventLines();

    /**
     * @param store the store
     * @param bookmarkEvery how often a watch that allows bookmarks gets one (the API server: about a minute)
     * @param maxFramePayload the largest WebSocket frame accepted from the client
     * @param timer ends watches at their timeout and sends bookmarks
     */
    Watches(ObjectStore store, Duration bookmarkEvery, int maxFramePayload, ScheduledExecutorService timer) {
        this.store = store;
        this.bookmarkEvery = bookmarkEvery;
        this.maxFramePayload = maxFramePayload;
        this.timer = timer;
    }

    /**
     * @param options the request's selectors and resourceVersion, in the stored kind's field names
     * @param conversion how the served group version differs from the stored one; null when it does not
     */
    <T extends HasMetadata> void serve(Exchange ex, ResourceType<T> type, ListOptions options, TableConverter tables,
            Conversion conversion) {
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
        String lastVersion = options.resourceVersion();
        Watch<T> watch;
        try {
            if (initialEvents) {
                ObjectList<T> now = store.list(type, options);
                for (T item : now.items()) {
                    sink.send(event("ADDED", object(type, item, asTable, tables, include, conversion)));
                }
                sink.send(event("BOOKMARK", served(bookmark(type, now.resourceVersion(), true), conversion)));
                sink.flush();
                lastVersion = now.resourceVersion();
                watch = store.watch(type, options.withResourceVersion(now.resourceVersion()));
            } else {
                watch = store.watch(type, options);
            }
        } catch (StoreException e) {
            sink.send(error(e.status()));
            sink.end(false);
            return;
        }
        watch.limit(MAX_QUEUED);
        Function<Watch.Tree, byte[]> render;
        if (asTable) {
            render = e -> event(e.type().name(), object(type, Json.MAPPER.convertValue(e.object(), type.type()), true, tables,
                    include, conversion));
        } else if (conversion == null) {
            render = lines::line;
        } else {
            render = e -> event(e.type().name(), conversion.toServed(e.object().deepCopy()));
        }
        new WatchStream<>(watch, sink, render,
                version -> event("BOOKMARK", served(bookmark(type, version, false), conversion)), lastVersion)
                .start(timer, timeout == null || timeout <= 0 ? null : Duration.ofSeconds(timeout),
                        bookmarks ? bookmarkEvery : null);
    }

    private static <T extends HasMetadata> JsonNode object(ResourceType<T> type, T item, boolean asTable,
            TableConverter tables, String include, Conversion conversion) {
        if (asTable) {
            ObjectNode table = (ObjectNode) tables.table(type, List.of(item), include);
            table.withObject("metadata").put("resourceVersion", item.getMetadata().getResourceVersion());
            return table;
        }
        return served(Json.MAPPER.valueToTree(item), conversion);
    }

    private static JsonNode served(ObjectNode stored, Conversion conversion) {
        return conversion == null ? stored : conversion.toServed(stored);
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

    /** @return one event: its JSON and a newline */
    static byte[] event(String type, JsonNode object) {
        ObjectNode e = Json.MAPPER.createObjectNode().put("type", type);
        e.set("object", object);
        byte[] json = Json.bytes(e);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }
}

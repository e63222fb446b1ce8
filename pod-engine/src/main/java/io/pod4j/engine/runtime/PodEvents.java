package io.pod4j.engine.runtime;

import io.pod4j.api.model.Event;
import io.pod4j.api.model.EventSource;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.ObjectReference;
import io.pod4j.api.model.Pod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's events, aggregated as client-go's recorder does: the same reason and message again
 * raises the count and moves lastTimestamp instead of adding a line. Bounded, thread-safe.
 */
final class PodEvents {

    private static final int LIMIT = 200;

    private final Pod pod;
    private final String host;
    private final EngineContext.Sink sink;
    private final Map<String, Event> byKey = new LinkedHashMap<>();

    PodEvents(Pod pod, String host, EngineContext.Sink sink) {
        this.pod = pod;
        this.host = host;
        this.sink = sink;
    }

    void normal(String reason, String component, String message) {
        record("Normal", reason, component, message);
    }

    void warning(String reason, String component, String message) {
        record("Warning", reason, component, message);
    }

    private void record(String type, String reason, String component, String message) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String key = type + "\u0000" + reason + "\u0000" + component + "\u0000" + message;
        Event event;
        synchronized (this) {
            Event old = byKey.remove(key);
            if (old != null) {
                event = old.toBuilder().count(old.count() + 1).lastTimestamp(now).build();
            } else {
                String name = pod.metadata().name() + "." + Long.toHexString(System.nanoTime());
                event = Event.builder()
                        .metadata(ObjectMeta.builder().name(name).namespace(pod.metadata().namespace()).build())
                        .involvedObject(ObjectReference.builder().kind("Pod").apiVersion("v1")
                                .namespace(pod.metadata().namespace()).name(pod.metadata().name())
                                .uid(pod.metadata().uid()).build())
                        .reason(reason)
                        .message(message)
                        .type(type)
                        .source(EventSource.builder().component(component).host("kubelet".equals(component) ? host : null).build())
                        .firstTimestamp(now)
                        .lastTimestamp(now)
                        .count(1)
                        .build();
            }
            byKey.put(key, event);
            if (byKey.size() > LIMIT) {
                byKey.remove(byKey.keySet().iterator().next());
            }
        }
        sink.event(event);
    }

    synchronized List<Event> list() {
        List<Event> out = new ArrayList<>(byKey.values());
        out.sort((a, b) -> a.lastTimestamp().compareTo(b.lastTimestamp()));
        return out;
    }
}

package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pod's events, aggregated as client-go's recorder does: the same reason and message again
 * raises the count and moves lastTimestamp instead of adding a line. Each is written to the store
 * (through the sink) as an Event object. Bounded, thread-safe.
 */
final class PodEvents {

    private static final int LIMIT = 200;

    private final String namespace;
    private final String name;
    private final String uid;
    private final String host;
    private final EngineContext.Sink sink;
    private final Map<String, Event> byKey = new LinkedHashMap<>();
    /** By container name: where the container is in the pod's spec, as the kubelet's events name it. */
    private final Map<String, String> fieldPaths = new HashMap<>();

    PodEvents(Pod pod, String host, EngineContext.Sink sink) {
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.uid = pod.getMetadata().getUid();
        this.host = host;
        this.sink = sink;
        for (var c : Nulls.orEmpty(pod.getSpec().getInitContainers())) {
            fieldPaths.put(c.getName(), "spec.initContainers{" + c.getName() + "}");
        }
        for (var c : Nulls.orEmpty(pod.getSpec().getContainers())) {
            fieldPaths.put(c.getName(), "spec.containers{" + c.getName() + "}");
        }
    }

    /** An event about the pod as a whole (scheduling, the sandbox, a failed sync). */
    void normal(String reason, String component, String message) {
        record("Normal", reason, component, null, message);
    }

    /** A warning about the pod as a whole. */
    void warning(String reason, String component, String message) {
        record("Warning", reason, component, null, message);
    }

    /**
     * @param container a container of the pod
     * @return its events: the kubelet's, with {@code involvedObject.fieldPath} naming the container
     */
    ContainerEvents of(String container) {
        return new ContainerEvents(fieldPaths.get(container));
    }

    /** The kubelet's events about one container of the pod (image, create, start, kill, probes, hooks). */
    final class ContainerEvents {

        private final String fieldPath;

        private ContainerEvents(String fieldPath) {
            this.fieldPath = fieldPath;
        }

        void normal(String reason, String message) {
            record("Normal", reason, "kubelet", fieldPath, message);
        }

        void warning(String reason, String message) {
            record("Warning", reason, "kubelet", fieldPath, message);
        }
    }

    private void record(String type, String reason, String component, String fieldPath, String message) {
        String now = Timestamps.time(Instant.now());
        String key = type + "\u0000" + reason + "\u0000" + component + "\u0000" + fieldPath + "\u0000" + message;
        Event event;
        synchronized (this) {
            // Stored events are never changed: a repeat replaces one, so what listeners got stays as it was.
            Event old = byKey.remove(key);
            if (old != null) {
                event = new EventBuilder(old).withCount(old.getCount() + 1).withLastTimestamp(now).build();
            } else {
                event = new EventBuilder()
                        .withNewMetadata().withName(name + "." + Long.toHexString(System.nanoTime())).withNamespace(namespace).endMetadata()
                        .withNewInvolvedObject().withKind("Pod").withApiVersion("v1")
                                .withNamespace(namespace).withName(name).withUid(uid).withFieldPath(fieldPath).endInvolvedObject()
                        .withReason(reason)
                        .withMessage(message)
                        .withType(type)
                        .withNewSource().withComponent(component).withHost("kubelet".equals(component) ? host : null).endSource()
                        .withFirstTimestamp(now)
                        .withLastTimestamp(now)
                        .withCount(1)
                        .build();
            }
            byKey.put(key, event);
            if (byKey.size() > LIMIT) {
                byKey.remove(byKey.keySet().iterator().next());
            }
            // Under the lock: a repeat must not reach the store before the event it repeats.
            sink.event(event);
        }
    }
}

package io.pod4j.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The report on a manifest's objects when something is wrong, as {@code kubectl describe} and
 * {@code kubectl logs} would give it: for each object that runs something, whether it is ready
 * (and what it waits for), its status counts and conditions and its recent events; then each of
 * its pods' report ({@link io.pod4j.engine.PodHandle#diagnose}).
 */
final class ManifestDiagnostics {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 10;

    private ManifestDiagnostics() {
    }

    static String report(PodEngine engine, ManifestHandle manifest, int logLines) {
        StringBuilder sb = new StringBuilder("manifest ").append(manifest.source()).append('\n');
        Set<String> podsShown = new HashSet<>();
        for (ManifestHandle.Ref ref : manifest.refs()) {
            if (ref.type().type() == ConfigMap.class || ref.type().type() == Secret.class) {
                continue; // nothing of theirs to explain
            }
            HasMetadata object = ManifestHandle.read(engine, ref).orElse(null);
            if (!(object instanceof Pod)) {
                sb.append(ref).append(": ").append(object == null ? "does not exist"
                        : Readiness.of(object, Waiting.slices(engine, object)).message()).append('\n');
                if (object != null) {
                    sb.append(describe(object, events(engine, object)));
                }
            }
            for (Pod pod : manifest.pods(ref)) {
                String id = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
                if (podsShown.add(id)) {
                    sb.append(safeDiagnose(engine, pod, logLines).indent(ref.type().type() == Pod.class ? 0 : 2));
                }
            }
        }
        return sb.toString().stripTrailing();
    }

    /** Status counts and conditions, read from the status as any kind writes it, then the recent events. */
    static String describe(HasMetadata object, List<Event> events) {
        StringBuilder sb = new StringBuilder();
        JsonNode status = JSON.valueToTree(object).path("status");
        StringBuilder counts = new StringBuilder();
        status.fields().forEachRemaining(f -> {
            if (f.getValue().isValueNode()) {
                counts.append(counts.length() == 0 ? "" : ", ").append(f.getKey()).append('=').append(f.getValue().asText());
            }
        });
        if (counts.length() > 0) {
            sb.append("  status: ").append(counts).append('\n');
        }
        for (JsonNode c : status.path("conditions")) {
            sb.append("  condition ").append(c.path("type").asText()).append('=').append(c.path("status").asText());
            if (c.hasNonNull("reason")) {
                sb.append(" (").append(c.path("reason").asText()).append(c.hasNonNull("message") ? ": " + c.path("message").asText() : "")
                        .append(')');
            }
            sb.append('\n');
        }
        for (Event e : events.subList(Math.max(0, events.size() - EVENTS), events.size())) {
            sb.append("  event ").append(e.getType()).append(' ').append(e.getReason())
                    .append(e.getCount() != null && e.getCount() > 1 ? " (x" + e.getCount() + ")" : "")
                    .append(": ").append(e.getMessage()).append('\n');
        }
        return sb.toString();
    }

    /** The object's events (of this very object: its uid), oldest first. */
    static List<Event> events(PodEngine engine, HasMetadata object) {
        String ns = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        return engine.store().list(ResourceTypes.EVENTS, ListOptions.inNamespace(ns)
                        .withFieldSelector("involvedObject.name=" + object.getMetadata().getName())).items().stream()
                .filter(e -> Objects.equals(e.getInvolvedObject().getUid(), object.getMetadata().getUid()))
                .sorted(Comparator.comparing((Event e) -> String.valueOf(e.getLastTimestamp()))
                        .thenComparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())))
                .toList();
    }

    private static String safeDiagnose(PodEngine engine, Pod pod, int logLines) {
        try {
            return engine.handle(pod.getMetadata().getNamespace(), pod.getMetadata().getName()).diagnose(logLines);
        } catch (RuntimeException e) {
            return "pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + ": no diagnosis (" + e + ")";
        }
    }
}

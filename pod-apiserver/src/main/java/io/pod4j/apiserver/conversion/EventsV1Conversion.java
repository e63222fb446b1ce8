package io.pod4j.apiserver.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.store.ResourceType;
import io.pod4j.store.ResourceTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code events.k8s.io/v1} Events from core/v1 ones, as Kubernetes converts them: the same object
 * under other names ({@code involvedObject} is {@code regarding}, {@code message} is {@code note},
 * {@code reportingComponent} is {@code reportingController}; {@code source}, {@code firstTimestamp},
 * {@code lastTimestamp} and {@code count} are {@code deprecated...}). Works on partial objects too
 * (a merge patch), since it only renames top-level fields.
 */
public final class EventsV1Conversion implements Conversion {

    /** core/v1 name → events.k8s.io/v1 name; fields not listed keep their name (metadata, reason, type, series...). */
    private static final Map<String, String> TO_SERVED = Map.of(
            "involvedObject", "regarding",
            "message", "note",
            "reportingComponent", "reportingController",
            "source", "deprecatedSource",
            "firstTimestamp", "deprecatedFirstTimestamp",
            "lastTimestamp", "deprecatedLastTimestamp",
            "count", "deprecatedCount");
    private static final Map<String, String> TO_STORED = TO_SERVED.entrySet().stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private static final int NOTE_LIMIT = 1024;

    private final ResourceType<?> served;

    /** @param served the events.k8s.io/v1 resource type */
    public EventsV1Conversion(ResourceType<?> served) {
        this.served = served;
    }

    @Override
    public ResourceType<?> storage() {
        return ResourceTypes.EVENTS;
    }

    @Override
    public ObjectNode toServed(ObjectNode stored) {
        return rename(stored, TO_SERVED, served.apiVersion());
    }

    @Override
    public ObjectNode toStored(ObjectNode servedObject) {
        return rename(servedObject, TO_STORED, ResourceTypes.EVENTS.apiVersion());
    }

    @Override
    public String fieldSelector(String selector) {
        if (selector == null || selector.isEmpty()) {
            return selector;
        }
        return Arrays.stream(selector.split(",")).map(EventsV1Conversion::storedTerm).collect(Collectors.joining(","));
    }

    /**
     * The stricter checks an Event created through events.k8s.io/v1 gets (the API server's
     * {@code ValidateEventCreate} for that version): the fields a new-style event recorder always sets.
     */
    @Override
    public List<String> createErrors(ObjectNode event) {
        List<String> errors = new ArrayList<>();
        if (event.path("eventTime").asText("").isEmpty()) {
            errors.add("eventTime: Required value");
        }
        String type = event.path("type").asText("");
        if (!type.equals("Normal") && !type.equals("Warning")) {
            errors.add("type: Invalid value: \"\": has invalid value: " + type);
        }
        for (String deprecated : List.of("deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount",
                "deprecatedSource")) {
            if (isSet(event.path(deprecated))) {
                errors.add(deprecated + ": Invalid value: \"\": needs to be unset");
            }
        }
        for (String required : List.of("reportingController", "reportingInstance", "action", "reason")) {
            if (event.path(required).asText("").isEmpty()) {
                errors.add(required + ": Required value");
            }
        }
        if (event.path("note").asText("").length() > NOTE_LIMIT) {
            errors.add("note: Invalid value: \"\": can have at most " + NOTE_LIMIT + " characters");
        }
        return errors;
    }

    /** @return whether a field holds more than Go's zero value */
    private static boolean isSet(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (value.isNumber()) {
            return value.asLong() != 0;
        }
        if (value.isTextual()) {
            return !value.asText().isEmpty();
        }
        return !value.isContainerNode() || value.properties().stream().anyMatch(f -> isSet(f.getValue()));
    }

    /** {@code regarding.name=x} → {@code involvedObject.name=x}; {@code reportingController!=y} → {@code reportingComponent!=y}. */
    private static String storedTerm(String term) {
        int op = term.indexOf('=') < 0 ? term.length() : term.indexOf('=');
        if (op > 0 && term.charAt(op - 1) == '!') {
            op--;
        }
        String field = term.substring(0, op).strip();
        String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        String stored = TO_STORED.get(top);
        return stored == null ? term : stored + field.substring(top.length()) + term.substring(op);
    }

    private static ObjectNode rename(ObjectNode from, Map<String, String> names, String apiVersion) {
        ObjectNode to = from.objectNode();
        if (from.has("kind")) {
            to.put("kind", "Event");
        }
        if (from.has("apiVersion")) {
            to.put("apiVersion", apiVersion);
        }
        for (Map.Entry<String, JsonNode> f : from.properties()) {
            if (!f.getKey().equals("kind") && !f.getKey().equals("apiVersion")) {
                to.set(names.getOrDefault(f.getKey(), f.getKey()), f.getValue().deepCopy());
            }
        }
        return to;
    }
}

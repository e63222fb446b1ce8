package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which objects of one kind a list or watch selects: namespace, labels and fields, with each
 * kind's selectable fields as the API server computes them ({@code GetAttrs}).
 */
final class Selection {

    private final ResourceType<?> type;
    private final String namespace;
    private final LabelSelector labels;
    private final FieldSelector fields;

    private Selection(ResourceType<?> type, String namespace, LabelSelector labels, FieldSelector fields) {
        this.type = type;
        this.namespace = namespace;
        this.labels = labels;
        this.fields = fields;
    }

    /** @throws StoreException BadRequest for a selector that does not parse or names an unsupported field */
    static Selection of(ResourceType<?> type, ListOptions options) {
        LabelSelector labels;
        FieldSelector fields;
        try {
            labels = LabelSelector.parse(orEmpty(options.labelSelector()));
        } catch (RuntimeException e) {
            throw new StoreException(Statuses.badRequest(e.getMessage()));
        }
        try {
            Set<String> supported = new HashSet<>(type.selectableFields());
            supported.add("metadata.name");
            supported.add("metadata.namespace");
            fields = FieldSelector.parse(orEmpty(options.fieldSelector()), supported);
        } catch (RuntimeException e) {
            throw new StoreException(Statuses.badRequest(e.getMessage()));
        }
        String ns = type.namespaced() && options.namespace() != null && !options.namespace().isEmpty()
                ? options.namespace() : null;
        return new Selection(type, ns, labels, fields);
    }

    /** @return the key prefix of the objects this selection can match, e.g. {@code pods/default/} */
    String prefix() {
        return type.groupResource() + "/" + (namespace == null ? "" : namespace + "/");
    }

    ResourceType<?> type() {
        return type;
    }

    boolean matches(ObjectNode object) {
        if (object == null) {
            return false;
        }
        if (namespace != null && !namespace.equals(MetaRules.namespace(object))) {
            return false;
        }
        return labels.matches(labelsOf(object)) && fields.matches(fieldsOf(type, object));
    }

    private static Map<String, String> labelsOf(ObjectNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.path("metadata").path("labels").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** The selectable field values of an object; a field absent from the object is the empty string. */
    static Map<String, String> fieldsOf(ResourceType<?> type, ObjectNode object) {
        Map<String, String> f = new HashMap<>();
        f.put("metadata.name", MetaRules.name(object));
        f.put("metadata.namespace", MetaRules.namespace(object));
        for (String field : type.selectableFields()) {
            f.put(field, orEmpty(Json.text(object, field)));
        }
        if (type == ResourceTypes.PODS || "Pod".equals(type.kind()) && type.group().isEmpty()) {
            f.put("spec.hostNetwork", String.valueOf(object.path("spec").path("hostNetwork").asBoolean(false)));
            JsonNode ips = object.path("status").path("podIPs");
            f.put("status.podIP", ips.size() > 0 ? ips.get(0).path("ip").asText("")
                    : orEmpty(Json.text(object, "status.podIP")));
            f.put("status.podIPs", f.get("status.podIP"));
        }
        if ("Event".equals(type.kind()) && type.group().isEmpty()) {
            f.put("source", orEmpty(Json.text(object, "source.component")));
        }
        if ("Node".equals(type.kind()) && type.group().isEmpty()) {
            f.put("spec.unschedulable", String.valueOf(object.path("spec").path("unschedulable").asBoolean(false)));
        }
        return f;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

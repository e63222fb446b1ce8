package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.api.selector.SelectableFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which objects of one kind a list or watch selects: namespace, labels and fields, with pod-api's
 * selectors and each kind's selectable fields ({@link SelectableFields}, the API server's {@code GetAttrs}).
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
            // pod-api knows the field labels of the core kinds; a kind of another group has only metadata's.
            fields = FieldSelector.parse(type.group().isEmpty() ? type.kind() : type.groupKind(),
                    orEmpty(options.fieldSelector()));
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
        return labels.matches(labelsOf(object))
                && (fields.isEmpty() || fields.matches(SelectableFields.valuesOf(Json.object(object, type.type()))));
    }

    private static Map<String, String> labelsOf(ObjectNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.path("metadata").path("labels").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

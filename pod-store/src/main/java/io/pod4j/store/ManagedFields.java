package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An object's {@code metadata.managedFields}: one entry per manager, operation, subresource and (for
 * updates) apiVersion, each with the fields it owns as FieldsV1, as the API server's fieldmanager
 * encodes them ({@code managedFieldsEntry}s sorted Apply first, then by time, manager, apiVersion,
 * subresource).
 */
final class ManagedFields {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /** Who owns a set of fields: an applier is one owner whatever apiVersion it applied. */
    record Owner(String manager, String operation, String apiVersion, String subresource) {
        Owner {
            apiVersion = APPLY.equals(operation) ? "" : apiVersion;
            subresource = subresource == null ? "" : subresource;
        }

        /** @return as the API server names it in a conflict, e.g. {@code "kubectl-client-side-apply" using v1} */
        String describe() {
            String s = '"' + manager + '"';
            if (!subresource.isEmpty()) {
                s += " with subresource \"" + subresource + '"';
            }
            return UPDATE.equals(operation) ? s + " using " + apiVersion : s;
        }
    }

    /** One manager's fields: the apiVersion it wrote with, when it last changed something, and what it owns. */
    record Entry(String apiVersion, String time, FieldSet fields) {
    }

    private final Map<Owner, Entry> entries;

    private ManagedFields(Map<Owner, Entry> entries) {
        this.entries = entries;
    }

    static ManagedFields none() {
        return new ManagedFields(new LinkedHashMap<>());
    }

    /**
     * @return the entries of an object's metadata
     * @throws IllegalArgumentException when they do not decode
     */
    static ManagedFields of(JsonNode object) {
        Map<Owner, Entry> out = new LinkedHashMap<>();
        JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
        if (list == null || list.isNull()) {
            return new ManagedFields(out);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("managedFields must be a list");
        }
        for (JsonNode e : list) {
            String operation = e.path("operation").asText("");
            if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
                throw new IllegalArgumentException("operation must be Apply or Update, got \"" + operation + '"');
            }
            Owner owner = new Owner(e.path("manager").asText(""), operation, e.path("apiVersion").asText(""),
                    e.path("subresource").asText(""));
            FieldSet fields = e.has("fieldsV1") ? FieldSet.fromFieldsV1(e.get("fieldsV1")) : new FieldSet();
            JsonNode time = e.get("time");
            out.put(owner, new Entry(e.path("apiVersion").asText(""), time == null || time.isNull() ? null : time.asText(), fields));
        }
        return new ManagedFields(out);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Map<Owner, Entry> entries() {
        return entries;
    }

    Entry get(Owner owner) {
        return entries.get(owner);
    }

    void put(Owner owner, Entry entry) {
        if (entry.fields().isEmpty()) {
            entries.remove(owner);
        } else {
            entries.put(owner, entry);
        }
    }

    /** Writes the entries into the object's metadata (none: no {@code managedFields} at all). */
    void writeTo(ObjectNode object) {
        ObjectNode meta = MetaRules.meta(object);
        if (entries.isEmpty()) {
            meta.remove("managedFields");
            return;
        }
        List<Map.Entry<Owner, Entry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.<Map.Entry<Owner, Entry>, String>comparing(e -> e.getKey().operation())
                .thenComparing(e -> Objects.requireNonNullElse(e.getValue().time(), ""))
                .thenComparing(e -> e.getKey().manager())
                .thenComparing(e -> e.getValue().apiVersion())
                .thenComparing(e -> e.getKey().subresource()));
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Map.Entry<Owner, Entry> e : sorted) {
            ObjectNode n = list.addObject();
            n.put("manager", e.getKey().manager());
            n.put("operation", e.getKey().operation());
            n.put("apiVersion", e.getValue().apiVersion());
            if (e.getValue().time() != null) {
                n.put("time", e.getValue().time());
            }
            n.put("fieldsType", "FieldsV1");
            n.set("fieldsV1", e.getValue().fields().toFieldsV1());
            if (!e.getKey().subresource().isEmpty()) {
                n.put("subresource", e.getKey().subresource());
            }
        }
        meta.set("managedFields", list);
    }
}

package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.store.ResourceType;
import java.util.List;

/**
 * Turns objects into a {@code meta.k8s.io/v1} Table, the form {@code kubectl get} asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. The server sets the Table's
 * {@code metadata} (resourceVersion, continue) afterwards.
 */
@FunctionalInterface
public interface TableConverter {

    /**
     * The API server's default for kinds without their own columns: {@code Name} and
     * {@code Created At} (kubectl prints them as NAME and AGE).
     */
    TableConverter DEFAULT = (type, items, includeObject) -> {
        ObjectNode table = Json.MAPPER.createObjectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata");
        ArrayNode columns = table.putArray("columnDefinitions");
        columns.addObject().put("name", "Name").put("type", "string").put("format", "name")
                .put("description", "Name must be unique within a namespace. Is required when creating resources, "
                        + "although some resources may allow a client to request the generation of an appropriate "
                        + "name automatically. Name is primarily intended for creation idempotence and configuration "
                        + "definition. Cannot be updated. More info: "
                        + "https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names")
                .put("priority", 0);
        columns.addObject().put("name", "Created At").put("type", "date").put("format", "")
                .put("description", "CreationTimestamp is a timestamp representing the server time when this object "
                        + "was created. It is not guaranteed to be set in happens-before order across separate "
                        + "operations. Clients may not set this value. It is represented in RFC3339 form and is in "
                        + "UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: "
                        + "https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata")
                .put("priority", 0);
        ArrayNode rows = table.putArray("rows");
        for (HasMetadata item : items) {
            ObjectNode row = rows.addObject();
            row.putArray("cells").add(item.getMetadata().getName()).add(item.getMetadata().getCreationTimestamp());
            JsonNode object = rowObject(item, includeObject);
            if (object != null) {
                row.set("object", object);
            }
        }
        return table;
    };

    /**
     * @param type the kind of the items
     * @param items the objects, one row each, in order
     * @param includeObject the {@code includeObject} parameter: {@code None}, {@code Metadata} (the
     *     default: a PartialObjectMetadata per row) or {@code Object}
     * @return the Table, JSON
     */
    JsonNode table(ResourceType<?> type, List<? extends HasMetadata> items, String includeObject);

    /**
     * @param item an object
     * @param includeObject {@code None}, {@code Metadata} or {@code Object}
     * @return what a Table row carries as its {@code object}, or null for None
     */
    static JsonNode rowObject(HasMetadata item, String includeObject) {
        return switch (includeObject) {
            case "None" -> null;
            case "Object" -> Json.MAPPER.valueToTree(item);
            default -> {
                ObjectNode partial = Json.MAPPER.createObjectNode().put("kind", "PartialObjectMetadata")
                        .put("apiVersion", "meta.k8s.io/v1");
                partial.set("metadata", Json.MAPPER.valueToTree(item.getMetadata()));
                yield partial;
            }
        };
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A {@code kind: List} of objects, as {@code kubectl get -o yaml} prints several objects.
 *
 * @param apiVersion always {@code v1}
 * @param kind always {@code List}
 * @param metadata list metadata (empty)
 * @param items the objects
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "items", "kind", "metadata"})
public record KubeList(String apiVersion, String kind, ObjectMeta metadata, List<KubeObject> items)
        implements KubeObject {

    /** Fills in {@code v1}, {@code List} and empty metadata, and copies the items. */
    public KubeList {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "List" : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        items = items == null ? List.of() : List.copyOf(items);
    }

    /**
     * @param items the objects to list
     * @return a {@code List} of them
     */
    public static KubeList of(List<? extends KubeObject> items) {
        return new KubeList(null, null, null, List.copyOf(items));
    }
}

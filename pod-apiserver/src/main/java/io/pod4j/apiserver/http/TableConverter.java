package io.pod4j.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.store.ResourceType;
import java.util.List;

/**
 * Turns objects into a {@code meta.k8s.io/v1} Table, the form {@code kubectl get} asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}. The server sets the Table's
 * {@code metadata} (resourceVersion, continue) afterwards. The built-in one is
 * {@code io.pod4j.apiserver.table.Tables::table} (with the API server's Name and Created At columns
 * for kinds without their own).
 */
@FunctionalInterface
public interface TableConverter {

    /**
     * @param type the kind of the items
     * @param items the objects, one row each, in order
     * @param includeObject the {@code includeObject} parameter: {@code None}, {@code Metadata} (the
     *     default: a PartialObjectMetadata per row) or {@code Object}
     * @return the Table, JSON
     */
    JsonNode table(ResourceType<?> type, List<? extends HasMetadata> items, String includeObject);
}

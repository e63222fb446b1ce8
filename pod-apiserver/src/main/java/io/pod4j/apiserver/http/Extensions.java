package io.pod4j.apiserver.http;

import io.pod4j.apiserver.openapi.OpenApi;
import io.pod4j.apiserver.table.Tables;
import java.util.Objects;

/**
 * What other packages plug into the server: the OpenAPI documents, the Table columns of each kind,
 * the streaming subresources of pods (exec, attach, portforward) and server-side apply. Each has a
 * default that answers as an API server does without that feature.
 *
 * @param openApi {@code GET /openapi/v2}, {@code /openapi/v3...}
 * @param tables {@code Accept: application/json;as=Table;g=meta.k8s.io;v=v1}
 * @param streams {@code pods/NAME/exec|attach|portforward}
 * @param apply {@code PATCH} with {@code application/apply-patch+yaml}
 */
public record Extensions(OpenApiDocuments openApi, TableConverter tables, PodStreams streams, ApplyPatcher apply) {

    public Extensions {
        Objects.requireNonNull(openApi, "openApi");
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(apply, "apply");
    }

    /**
     * @return the OpenAPI documents of the served resources, the Tables a cluster prints,
     *     exec/attach/portforward, the store's server-side apply
     */
    public static Extensions defaults() {
        return new Extensions(new OpenApi()::document, Tables::table, io.pod4j.apiserver.stream.PodStreamHandler::serve,
                ApplyPatcher.STORE);
    }

    public Extensions openApi(OpenApiDocuments documents) {
        return new Extensions(documents, tables, streams, apply);
    }

    public Extensions tables(TableConverter converter) {
        return new Extensions(openApi, converter, streams, apply);
    }

    public Extensions streams(PodStreams handler) {
        return new Extensions(openApi, tables, handler, apply);
    }

    public Extensions apply(ApplyPatcher patcher) {
        return new Extensions(openApi, tables, streams, patcher);
    }
}

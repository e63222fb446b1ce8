package io.pod4j.apiserver.http;

import java.util.Optional;

/** The OpenAPI documents the server answers under {@code /openapi/}. */
@FunctionalInterface
public interface OpenApiDocuments {

    /** None: every {@code /openapi/...} path is 404, as for a server that publishes no schema. */
    OpenApiDocuments NONE = path -> Optional.empty();

    /**
     * @param path the path after {@code /openapi/}: {@code v2}, {@code v3} (the index) or
     *     {@code v3/api/v1}, {@code v3/apis/GROUP/VERSION} (a query such as {@code ?hash=} is not part of it)
     * @return the document as JSON bytes, or empty for 404
     */
    Optional<byte[]> document(String path);
}

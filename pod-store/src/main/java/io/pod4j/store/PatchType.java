package io.pod4j.store;

import java.util.Arrays;
import java.util.Optional;

/** The patch formats the API server accepts, by their content type. */
public enum PatchType {
    /** RFC 6902: a list of operations (add, remove, replace, move, copy, test). */
    JSON("application/json-patch+json"),
    /** RFC 7386: a partial object; null removes a field, a list replaces the whole list. */
    MERGE("application/merge-patch+json"),
    /** Kubernetes' strategic merge: lists with a merge key are merged item by item, directives allowed. */
    STRATEGIC_MERGE("application/strategic-merge-patch+json"),
    /** Server-side apply: the field manager's whole configuration, YAML; managed fields decide what is removed. */
    APPLY("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    /** @return e.g. {@code application/merge-patch+json} */
    public String contentType() {
        return contentType;
    }

    /** @return the patch type of a request's content type, if it is one */
    public static Optional<PatchType> ofContentType(String contentType) {
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        return Arrays.stream(values()).filter(t -> t.contentType.equals(base)).findFirst();
    }
}

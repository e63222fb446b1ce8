package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A field of the Pod, such as metadata.name or status.podIP.
 *
 * <p>Fields are named as in Kubernetes' {@code ObjectFieldSelector}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param apiVersion Kubernetes field {@code apiVersion}
 * @param fieldPath Kubernetes field {@code fieldPath}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "fieldPath"})
public record ObjectFieldSelector(
        String apiVersion,
        String fieldPath) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ObjectFieldSelector {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.apiVersion = apiVersion;
        b.fieldPath = fieldPath;
        return b;
    }

    /** Builds a {@link ObjectFieldSelector}; every setter returns the builder. */
    public static final class Builder {
        private String apiVersion;
        private String fieldPath;

        private Builder() {
        }

        /** Sets {@code apiVersion}. @param apiVersion the value, or null for none @return this builder */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Sets {@code fieldPath}. @param fieldPath the value, or null for none @return this builder */
        public Builder fieldPath(String fieldPath) {
            this.fieldPath = fieldPath;
            return this;
        }

        /** @return the ObjectFieldSelector */
        public ObjectFieldSelector build() {
            return new ObjectFieldSelector(apiVersion, fieldPath);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One Pod field written to a file.
 *
 * <p>Fields are named as in Kubernetes' {@code DownwardAPIVolumeFile}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param path Kubernetes field {@code path}
 * @param fieldRef Kubernetes field {@code fieldRef}
 * @param resourceFieldRef Kubernetes field {@code resourceFieldRef}
 * @param mode Kubernetes field {@code mode}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"path", "fieldRef", "resourceFieldRef", "mode"})
public record DownwardAPIVolumeFile(
        String path,
        ObjectFieldSelector fieldRef,
        ResourceFieldSelector resourceFieldRef,
        Integer mode) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public DownwardAPIVolumeFile {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = path;
        b.fieldRef = fieldRef;
        b.resourceFieldRef = resourceFieldRef;
        b.mode = mode;
        return b;
    }

    /** Builds a {@link DownwardAPIVolumeFile}; every setter returns the builder. */
    public static final class Builder {
        private String path;
        private ObjectFieldSelector fieldRef;
        private ResourceFieldSelector resourceFieldRef;
        private Integer mode;

        private Builder() {
        }

        /** Sets {@code path}. @param path the value, or null for none @return this builder */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Sets {@code fieldRef}. @param fieldRef the value, or null for none @return this builder */
        public Builder fieldRef(ObjectFieldSelector fieldRef) {
            this.fieldRef = fieldRef;
            return this;
        }

        /** Sets {@code resourceFieldRef}. @param resourceFieldRef the value, or null for none @return this builder */
        public Builder resourceFieldRef(ResourceFieldSelector resourceFieldRef) {
            this.resourceFieldRef = resourceFieldRef;
            return this;
        }

        /** Sets {@code mode}. @param mode the value, or null for none @return this builder */
        public Builder mode(Integer mode) {
            this.mode = mode;
            return this;
        }

        /** @return the DownwardAPIVolumeFile */
        public DownwardAPIVolumeFile build() {
            return new DownwardAPIVolumeFile(path, fieldRef, resourceFieldRef, mode);
        }
    }
}

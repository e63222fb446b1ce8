package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A file or directory of the host.
 *
 * <p>Fields are named as in Kubernetes' {@code HostPathVolumeSource}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param path Kubernetes field {@code path}
 * @param type Kubernetes field {@code type}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"path", "type"})
public record HostPathVolumeSource(
        String path,
        String type) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public HostPathVolumeSource {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.path = path;
        b.type = type;
        return b;
    }

    /** Builds a {@link HostPathVolumeSource}; every setter returns the builder. */
    public static final class Builder {
        private String path;
        private String type;

        private Builder() {
        }

        /** Sets {@code path}. @param path the value, or null for none @return this builder */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Sets {@code type}. @param type the value, or null for none @return this builder */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** @return the HostPathVolumeSource */
        public HostPathVolumeSource build() {
            return new HostPathVolumeSource(path, type);
        }
    }
}

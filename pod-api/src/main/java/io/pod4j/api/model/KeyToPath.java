package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One key written to a chosen relative path.
 *
 * <p>Fields are named as in Kubernetes' {@code KeyToPath}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param key Kubernetes field {@code key}
 * @param path Kubernetes field {@code path}
 * @param mode Kubernetes field {@code mode}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"key", "path", "mode"})
public record KeyToPath(
        String key,
        String path,
        Integer mode) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public KeyToPath {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.key = key;
        b.path = path;
        b.mode = mode;
        return b;
    }

    /** Builds a {@link KeyToPath}; every setter returns the builder. */
    public static final class Builder {
        private String key;
        private String path;
        private Integer mode;

        private Builder() {
        }

        /** Sets {@code key}. @param key the value, or null for none @return this builder */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** Sets {@code path}. @param path the value, or null for none @return this builder */
        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Sets {@code mode}. @param mode the value, or null for none @return this builder */
        public Builder mode(Integer mode) {
            this.mode = mode;
            return this;
        }

        /** @return the KeyToPath */
        public KeyToPath build() {
            return new KeyToPath(key, path, mode);
        }
    }
}

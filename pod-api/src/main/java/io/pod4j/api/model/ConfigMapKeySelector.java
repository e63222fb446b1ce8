package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One key of a ConfigMap.
 *
 * <p>Fields are named as in Kubernetes' {@code ConfigMapKeySelector}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param key Kubernetes field {@code key}
 * @param optional Kubernetes field {@code optional}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "key", "optional"})
public record ConfigMapKeySelector(
        String name,
        String key,
        Boolean optional) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ConfigMapKeySelector {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.key = key;
        b.optional = optional;
        return b;
    }

    /** Builds a {@link ConfigMapKeySelector}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private String key;
        private Boolean optional;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code key}. @param key the value, or null for none @return this builder */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** Sets {@code optional}. @param optional the value, or null for none @return this builder */
        public Builder optional(Boolean optional) {
            this.optional = optional;
            return this;
        }

        /** @return the ConfigMapKeySelector */
        public ConfigMapKeySelector build() {
            return new ConfigMapKeySelector(name, key, optional);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A taint that repels Pods without a matching toleration.
 *
 * <p>Fields are named as in Kubernetes' {@code Taint}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param key Kubernetes field {@code key}
 * @param value Kubernetes field {@code value}
 * @param effect Kubernetes field {@code effect}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"key", "value", "effect"})
public record Taint(
        String key,
        String value,
        String effect) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Taint {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.key = key;
        b.value = value;
        b.effect = effect;
        return b;
    }

    /** Builds a {@link Taint}; every setter returns the builder. */
    public static final class Builder {
        private String key;
        private String value;
        private String effect;

        private Builder() {
        }

        /** Sets {@code key}. @param key the value, or null for none @return this builder */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** Sets {@code value}. @param value the value, or null for none @return this builder */
        public Builder value(String value) {
            this.value = value;
            return this;
        }

        /** Sets {@code effect}. @param effect the value, or null for none @return this builder */
        public Builder effect(String effect) {
            this.effect = effect;
            return this;
        }

        /** @return the Taint */
        public Taint build() {
            return new Taint(key, value, effect);
        }
    }
}

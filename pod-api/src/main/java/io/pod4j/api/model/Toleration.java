package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Lets a Pod run on a node with a matching taint.
 *
 * <p>Fields are named as in Kubernetes' {@code Toleration}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param key Kubernetes field {@code key}
 * @param operator Kubernetes field {@code operator}
 * @param value Kubernetes field {@code value}
 * @param effect Kubernetes field {@code effect}
 * @param tolerationSeconds Kubernetes field {@code tolerationSeconds}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"key", "operator", "value", "effect", "tolerationSeconds"})
public record Toleration(
        String key,
        String operator,
        String value,
        String effect,
        Long tolerationSeconds) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Toleration {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.key = key;
        b.operator = operator;
        b.value = value;
        b.effect = effect;
        b.tolerationSeconds = tolerationSeconds;
        return b;
    }

    /** Builds a {@link Toleration}; every setter returns the builder. */
    public static final class Builder {
        private String key;
        private String operator;
        private String value;
        private String effect;
        private Long tolerationSeconds;

        private Builder() {
        }

        /** Sets {@code key}. @param key the value, or null for none @return this builder */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** Sets {@code operator}. @param operator the value, or null for none @return this builder */
        public Builder operator(String operator) {
            this.operator = operator;
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

        /** Sets {@code tolerationSeconds}. @param tolerationSeconds the value, or null for none @return this builder */
        public Builder tolerationSeconds(Long tolerationSeconds) {
            this.tolerationSeconds = tolerationSeconds;
            return this;
        }

        /** @return the Toleration */
        public Toleration build() {
            return new Toleration(key, operator, value, effect, tolerationSeconds);
        }
    }
}

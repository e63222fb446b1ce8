package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One namespaced kernel parameter.
 *
 * <p>Fields are named as in Kubernetes' {@code Sysctl}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param value Kubernetes field {@code value}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "value"})
public record Sysctl(
        String name,
        String value) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Sysctl {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.value = value;
        return b;
    }

    /** Builds a {@link Sysctl}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private String value;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code value}. @param value the value, or null for none @return this builder */
        public Builder value(String value) {
            this.value = value;
            return this;
        }

        /** @return the Sysctl */
        public Sysctl build() {
            return new Sysctl(name, value);
        }
    }
}

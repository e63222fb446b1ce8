package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One environment variable: a literal value or a reference.
 *
 * <p>Fields are named as in Kubernetes' {@code EnvVar}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param value Kubernetes field {@code value}
 * @param valueFrom Kubernetes field {@code valueFrom}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "value", "valueFrom"})
public record EnvVar(
        String name,
        String value,
        EnvVarSource valueFrom) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public EnvVar {
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
        b.valueFrom = valueFrom;
        return b;
    }

    /** Builds a {@link EnvVar}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private String value;
        private EnvVarSource valueFrom;

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

        /** Sets {@code valueFrom}. @param valueFrom the value, or null for none @return this builder */
        public Builder valueFrom(EnvVarSource valueFrom) {
            this.valueFrom = valueFrom;
            return this;
        }

        /** @return the EnvVar */
        public EnvVar build() {
            return new EnvVar(name, value, valueFrom);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The Secret whose keys become environment variables.
 *
 * <p>Fields are named as in Kubernetes' {@code SecretEnvSource}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param optional Kubernetes field {@code optional}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "optional"})
public record SecretEnvSource(
        String name,
        Boolean optional) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public SecretEnvSource {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.optional = optional;
        return b;
    }

    /** Builds a {@link SecretEnvSource}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private Boolean optional;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code optional}. @param optional the value, or null for none @return this builder */
        public Builder optional(Boolean optional) {
            this.optional = optional;
            return this;
        }

        /** @return the SecretEnvSource */
        public SecretEnvSource build() {
            return new SecretEnvSource(name, optional);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Every key of a ConfigMap or Secret as environment variables.
 *
 * <p>Fields are named as in Kubernetes' {@code EnvFromSource}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param prefix Kubernetes field {@code prefix}
 * @param configMapRef Kubernetes field {@code configMapRef}
 * @param secretRef Kubernetes field {@code secretRef}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"prefix", "configMapRef", "secretRef"})
public record EnvFromSource(
        String prefix,
        ConfigMapEnvSource configMapRef,
        SecretEnvSource secretRef) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public EnvFromSource {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prefix = prefix;
        b.configMapRef = configMapRef;
        b.secretRef = secretRef;
        return b;
    }

    /** Builds a {@link EnvFromSource}; every setter returns the builder. */
    public static final class Builder {
        private String prefix;
        private ConfigMapEnvSource configMapRef;
        private SecretEnvSource secretRef;

        private Builder() {
        }

        /** Sets {@code prefix}. @param prefix the value, or null for none @return this builder */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Sets {@code configMapRef}. @param configMapRef the value, or null for none @return this builder */
        public Builder configMapRef(ConfigMapEnvSource configMapRef) {
            this.configMapRef = configMapRef;
            return this;
        }

        /** Sets {@code secretRef}. @param secretRef the value, or null for none @return this builder */
        public Builder secretRef(SecretEnvSource secretRef) {
            this.secretRef = secretRef;
            return this;
        }

        /** @return the EnvFromSource */
        public EnvFromSource build() {
            return new EnvFromSource(prefix, configMapRef, secretRef);
        }
    }
}

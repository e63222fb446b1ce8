package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where an environment variable's value comes from.
 *
 * <p>Fields are named as in Kubernetes' {@code EnvVarSource}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param fieldRef Kubernetes field {@code fieldRef}
 * @param resourceFieldRef Kubernetes field {@code resourceFieldRef}
 * @param configMapKeyRef Kubernetes field {@code configMapKeyRef}
 * @param secretKeyRef Kubernetes field {@code secretKeyRef}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"})
public record EnvVarSource(
        ObjectFieldSelector fieldRef,
        ResourceFieldSelector resourceFieldRef,
        ConfigMapKeySelector configMapKeyRef,
        SecretKeySelector secretKeyRef) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public EnvVarSource {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.fieldRef = fieldRef;
        b.resourceFieldRef = resourceFieldRef;
        b.configMapKeyRef = configMapKeyRef;
        b.secretKeyRef = secretKeyRef;
        return b;
    }

    /** Builds a {@link EnvVarSource}; every setter returns the builder. */
    public static final class Builder {
        private ObjectFieldSelector fieldRef;
        private ResourceFieldSelector resourceFieldRef;
        private ConfigMapKeySelector configMapKeyRef;
        private SecretKeySelector secretKeyRef;

        private Builder() {
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

        /** Sets {@code configMapKeyRef}. @param configMapKeyRef the value, or null for none @return this builder */
        public Builder configMapKeyRef(ConfigMapKeySelector configMapKeyRef) {
            this.configMapKeyRef = configMapKeyRef;
            return this;
        }

        /** Sets {@code secretKeyRef}. @param secretKeyRef the value, or null for none @return this builder */
        public Builder secretKeyRef(SecretKeySelector secretKeyRef) {
            this.secretKeyRef = secretKeyRef;
            return this;
        }

        /** @return the EnvVarSource */
        public EnvVarSource build() {
            return new EnvVarSource(fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef);
        }
    }
}

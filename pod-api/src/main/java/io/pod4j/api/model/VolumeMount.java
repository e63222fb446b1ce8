package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a volume appears in a container.
 *
 * <p>Fields are named as in Kubernetes' {@code VolumeMount}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param readOnly Kubernetes field {@code readOnly}
 * @param mountPath Kubernetes field {@code mountPath}
 * @param subPath Kubernetes field {@code subPath}
 * @param subPathExpr Kubernetes field {@code subPathExpr}
 * @param mountPropagation Kubernetes field {@code mountPropagation}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "readOnly", "mountPath", "subPath", "subPathExpr", "mountPropagation"})
public record VolumeMount(
        String name,
        Boolean readOnly,
        String mountPath,
        String subPath,
        String subPathExpr,
        String mountPropagation) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public VolumeMount {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.readOnly = readOnly;
        b.mountPath = mountPath;
        b.subPath = subPath;
        b.subPathExpr = subPathExpr;
        b.mountPropagation = mountPropagation;
        return b;
    }

    /** Builds a {@link VolumeMount}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private Boolean readOnly;
        private String mountPath;
        private String subPath;
        private String subPathExpr;
        private String mountPropagation;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code readOnly}. @param readOnly the value, or null for none @return this builder */
        public Builder readOnly(Boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /** Sets {@code mountPath}. @param mountPath the value, or null for none @return this builder */
        public Builder mountPath(String mountPath) {
            this.mountPath = mountPath;
            return this;
        }

        /** Sets {@code subPath}. @param subPath the value, or null for none @return this builder */
        public Builder subPath(String subPath) {
            this.subPath = subPath;
            return this;
        }

        /** Sets {@code subPathExpr}. @param subPathExpr the value, or null for none @return this builder */
        public Builder subPathExpr(String subPathExpr) {
            this.subPathExpr = subPathExpr;
            return this;
        }

        /** Sets {@code mountPropagation}. @param mountPropagation the value, or null for none @return this builder */
        public Builder mountPropagation(String mountPropagation) {
            this.mountPropagation = mountPropagation;
            return this;
        }

        /** @return the VolumeMount */
        public VolumeMount build() {
            return new VolumeMount(name, readOnly, mountPath, subPath, subPathExpr, mountPropagation);
        }
    }
}

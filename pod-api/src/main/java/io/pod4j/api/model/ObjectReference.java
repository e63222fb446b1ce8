package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A reference to an object (the subject of an Event).
 *
 * <p>Fields are named as in Kubernetes' {@code ObjectReference}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param kind Kubernetes field {@code kind}
 * @param namespace Kubernetes field {@code namespace}
 * @param name Kubernetes field {@code name}
 * @param uid Kubernetes field {@code uid}
 * @param apiVersion Kubernetes field {@code apiVersion}
 * @param fieldPath Kubernetes field {@code fieldPath}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"kind", "namespace", "name", "uid", "apiVersion", "fieldPath"})
public record ObjectReference(
        String kind,
        String namespace,
        String name,
        String uid,
        String apiVersion,
        String fieldPath) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ObjectReference {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kind = kind;
        b.namespace = namespace;
        b.name = name;
        b.uid = uid;
        b.apiVersion = apiVersion;
        b.fieldPath = fieldPath;
        return b;
    }

    /** Builds a {@link ObjectReference}; every setter returns the builder. */
    public static final class Builder {
        private String kind;
        private String namespace;
        private String name;
        private String uid;
        private String apiVersion;
        private String fieldPath;

        private Builder() {
        }

        /** Sets {@code kind}. @param kind the value, or null for none @return this builder */
        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /** Sets {@code namespace}. @param namespace the value, or null for none @return this builder */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code uid}. @param uid the value, or null for none @return this builder */
        public Builder uid(String uid) {
            this.uid = uid;
            return this;
        }

        /** Sets {@code apiVersion}. @param apiVersion the value, or null for none @return this builder */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Sets {@code fieldPath}. @param fieldPath the value, or null for none @return this builder */
        public Builder fieldPath(String fieldPath) {
            this.fieldPath = fieldPath;
            return this;
        }

        /** @return the ObjectReference */
        public ObjectReference build() {
            return new ObjectReference(kind, namespace, name, uid, apiVersion, fieldPath);
        }
    }
}

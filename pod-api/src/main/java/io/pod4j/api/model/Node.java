package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The one local node pods are scheduled to.
 *
 * <p>Fields are named as in Kubernetes' {@code Node}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param apiVersion Kubernetes field {@code apiVersion}
 * @param kind Kubernetes field {@code kind}
 * @param metadata Kubernetes field {@code metadata}
 * @param spec Kubernetes field {@code spec}
 * @param status Kubernetes field {@code status}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public record Node(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        NodeSpec spec,
        NodeStatus status) implements KubeObject {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Node {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Node" : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.apiVersion = apiVersion;
        b.kind = kind;
        b.metadata = metadata;
        b.spec = spec;
        b.status = status;
        return b;
    }

    /** Builds a {@link Node}; every setter returns the builder. */
    public static final class Builder {
        private String apiVersion;
        private String kind;
        private ObjectMeta metadata;
        private NodeSpec spec;
        private NodeStatus status;

        private Builder() {
        }

        /** Sets {@code apiVersion}. @param apiVersion the value, or null for none @return this builder */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Sets {@code kind}. @param kind the value, or null for none @return this builder */
        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /** Sets {@code metadata}. @param metadata the value, or null for none @return this builder */
        public Builder metadata(ObjectMeta metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Sets {@code spec}. @param spec the value, or null for none @return this builder */
        public Builder spec(NodeSpec spec) {
            this.spec = spec;
            return this;
        }

        /** Sets {@code status}. @param status the value, or null for none @return this builder */
        public Builder status(NodeStatus status) {
            this.status = status;
            return this;
        }

        /** @return the Node */
        public Node build() {
            return new Node(apiVersion, kind, metadata, spec, status);
        }
    }
}

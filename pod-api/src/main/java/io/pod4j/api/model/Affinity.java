package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Scheduling constraints of a Pod.
 *
 * <p>Fields are named as in Kubernetes' {@code Affinity}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param nodeAffinity Kubernetes field {@code nodeAffinity}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"nodeAffinity"})
public record Affinity(
        NodeAffinity nodeAffinity) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Affinity {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nodeAffinity = nodeAffinity;
        return b;
    }

    /** Builds a {@link Affinity}; every setter returns the builder. */
    public static final class Builder {
        private NodeAffinity nodeAffinity;

        private Builder() {
        }

        /** Sets {@code nodeAffinity}. @param nodeAffinity the value, or null for none @return this builder */
        public Builder nodeAffinity(NodeAffinity nodeAffinity) {
            this.nodeAffinity = nodeAffinity;
            return this;
        }

        /** @return the Affinity */
        public Affinity build() {
            return new Affinity(nodeAffinity);
        }
    }
}

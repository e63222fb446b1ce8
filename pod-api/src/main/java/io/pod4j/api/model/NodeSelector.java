package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Terms ORed together; a node matching any term fits.
 *
 * <p>Fields are named as in Kubernetes' {@code NodeSelector}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param nodeSelectorTerms Kubernetes field {@code nodeSelectorTerms}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"nodeSelectorTerms"})
public record NodeSelector(
        List<NodeSelectorTerm> nodeSelectorTerms) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeSelector {
        nodeSelectorTerms = nodeSelectorTerms == null ? List.of() : List.copyOf(nodeSelectorTerms);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nodeSelectorTerms = new ArrayList<>(nodeSelectorTerms);
        return b;
    }

    /** Builds a {@link NodeSelector}; every setter returns the builder. */
    public static final class Builder {
        private List<NodeSelectorTerm> nodeSelectorTerms = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code nodeSelectorTerms}, replacing what was set. @param nodeSelectorTerms the new list @return this builder */
        public Builder nodeSelectorTerms(List<NodeSelectorTerm> nodeSelectorTerms) {
            this.nodeSelectorTerms = new ArrayList<>(nodeSelectorTerms);
            return this;
        }

        /** Appends to {@code nodeSelectorTerms}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addNodeSelectorTerms(NodeSelectorTerm... values) {
            this.nodeSelectorTerms.addAll(List.of(values));
            return this;
        }

        /** @return the NodeSelector */
        public NodeSelector build() {
            return new NodeSelector(nodeSelectorTerms);
        }
    }
}

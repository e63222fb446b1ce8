package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A weighted preference for nodes.
 *
 * <p>Fields are named as in Kubernetes' {@code PreferredSchedulingTerm}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param weight Kubernetes field {@code weight}
 * @param preference Kubernetes field {@code preference}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"weight", "preference"})
public record PreferredSchedulingTerm(
        Integer weight,
        NodeSelectorTerm preference) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public PreferredSchedulingTerm {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.weight = weight;
        b.preference = preference;
        return b;
    }

    /** Builds a {@link PreferredSchedulingTerm}; every setter returns the builder. */
    public static final class Builder {
        private Integer weight;
        private NodeSelectorTerm preference;

        private Builder() {
        }

        /** Sets {@code weight}. @param weight the value, or null for none @return this builder */
        public Builder weight(Integer weight) {
            this.weight = weight;
            return this;
        }

        /** Sets {@code preference}. @param preference the value, or null for none @return this builder */
        public Builder preference(NodeSelectorTerm preference) {
            this.preference = preference;
            return this;
        }

        /** @return the PreferredSchedulingTerm */
        public PreferredSchedulingTerm build() {
            return new PreferredSchedulingTerm(weight, preference);
        }
    }
}

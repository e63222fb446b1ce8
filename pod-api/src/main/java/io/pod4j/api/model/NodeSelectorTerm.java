package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Requirements ANDed together.
 *
 * <p>Fields are named as in Kubernetes' {@code NodeSelectorTerm}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param matchExpressions Kubernetes field {@code matchExpressions}
 * @param matchFields Kubernetes field {@code matchFields}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"matchExpressions", "matchFields"})
public record NodeSelectorTerm(
        List<NodeSelectorRequirement> matchExpressions,
        List<NodeSelectorRequirement> matchFields) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeSelectorTerm {
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
        matchFields = matchFields == null ? List.of() : List.copyOf(matchFields);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.matchExpressions = new ArrayList<>(matchExpressions);
        b.matchFields = new ArrayList<>(matchFields);
        return b;
    }

    /** Builds a {@link NodeSelectorTerm}; every setter returns the builder. */
    public static final class Builder {
        private List<NodeSelectorRequirement> matchExpressions = new ArrayList<>();
        private List<NodeSelectorRequirement> matchFields = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code matchExpressions}, replacing what was set. @param matchExpressions the new list @return this builder */
        public Builder matchExpressions(List<NodeSelectorRequirement> matchExpressions) {
            this.matchExpressions = new ArrayList<>(matchExpressions);
            return this;
        }

        /** Appends to {@code matchExpressions}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addMatchExpressions(NodeSelectorRequirement... values) {
            this.matchExpressions.addAll(List.of(values));
            return this;
        }

        /** Sets {@code matchFields}, replacing what was set. @param matchFields the new list @return this builder */
        public Builder matchFields(List<NodeSelectorRequirement> matchFields) {
            this.matchFields = new ArrayList<>(matchFields);
            return this;
        }

        /** Appends to {@code matchFields}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addMatchFields(NodeSelectorRequirement... values) {
            this.matchFields.addAll(List.of(values));
            return this;
        }

        /** @return the NodeSelectorTerm */
        public NodeSelectorTerm build() {
            return new NodeSelectorTerm(matchExpressions, matchFields);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One requirement on a node label or field (In, NotIn, Exists, DoesNotExist, Gt, Lt).
 *
 * <p>Fields are named as in Kubernetes' {@code NodeSelectorRequirement}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param key Kubernetes field {@code key}
 * @param operator Kubernetes field {@code operator}
 * @param values Kubernetes field {@code values}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"key", "operator", "values"})
public record NodeSelectorRequirement(
        String key,
        String operator,
        List<String> values) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeSelectorRequirement {
        values = values == null ? List.of() : List.copyOf(values);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.key = key;
        b.operator = operator;
        b.values = new ArrayList<>(values);
        return b;
    }

    /** Builds a {@link NodeSelectorRequirement}; every setter returns the builder. */
    public static final class Builder {
        private String key;
        private String operator;
        private List<String> values = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code key}. @param key the value, or null for none @return this builder */
        public Builder key(String key) {
            this.key = key;
            return this;
        }

        /** Sets {@code operator}. @param operator the value, or null for none @return this builder */
        public Builder operator(String operator) {
            this.operator = operator;
            return this;
        }

        /** Sets {@code values}, replacing what was set. @param values the new list @return this builder */
        public Builder values(List<String> values) {
            this.values = new ArrayList<>(values);
            return this;
        }

        /** Appends to {@code values}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addValues(String... values) {
            this.values.addAll(List.of(values));
            return this;
        }

        /** @return the NodeSelectorRequirement */
        public NodeSelectorRequirement build() {
            return new NodeSelectorRequirement(key, operator, values);
        }
    }
}

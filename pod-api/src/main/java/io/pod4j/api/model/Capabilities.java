package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux capabilities added to or dropped from Docker's default set.
 *
 * <p>Fields are named as in Kubernetes' {@code Capabilities}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param add Kubernetes field {@code add}
 * @param drop Kubernetes field {@code drop}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"add", "drop"})
public record Capabilities(
        List<String> add,
        List<String> drop) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Capabilities {
        add = add == null ? List.of() : List.copyOf(add);
        drop = drop == null ? List.of() : List.copyOf(drop);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.add = new ArrayList<>(add);
        b.drop = new ArrayList<>(drop);
        return b;
    }

    /** Builds a {@link Capabilities}; every setter returns the builder. */
    public static final class Builder {
        private List<String> add = new ArrayList<>();
        private List<String> drop = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code add}, replacing what was set. @param add the new list @return this builder */
        public Builder add(List<String> add) {
            this.add = new ArrayList<>(add);
            return this;
        }

        /** Appends to {@code add}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addAdd(String... values) {
            this.add.addAll(List.of(values));
            return this;
        }

        /** Sets {@code drop}, replacing what was set. @param drop the new list @return this builder */
        public Builder drop(List<String> drop) {
            this.drop = new ArrayList<>(drop);
            return this;
        }

        /** Appends to {@code drop}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addDrop(String... values) {
            this.drop.addAll(List.of(values));
            return this;
        }

        /** @return the Capabilities */
        public Capabilities build() {
            return new Capabilities(add, drop);
        }
    }
}

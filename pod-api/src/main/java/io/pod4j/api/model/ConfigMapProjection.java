package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A ConfigMap's keys in a projected volume.
 *
 * <p>Fields are named as in Kubernetes' {@code ConfigMapProjection}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param items Kubernetes field {@code items}
 * @param optional Kubernetes field {@code optional}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "items", "optional"})
public record ConfigMapProjection(
        String name,
        List<KeyToPath> items,
        Boolean optional) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ConfigMapProjection {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.items = new ArrayList<>(items);
        b.optional = optional;
        return b;
    }

    /** Builds a {@link ConfigMapProjection}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private List<KeyToPath> items = new ArrayList<>();
        private Boolean optional;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code items}, replacing what was set. @param items the new list @return this builder */
        public Builder items(List<KeyToPath> items) {
            this.items = new ArrayList<>(items);
            return this;
        }

        /** Appends to {@code items}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addItems(KeyToPath... values) {
            this.items.addAll(List.of(values));
            return this;
        }

        /** Sets {@code optional}. @param optional the value, or null for none @return this builder */
        public Builder optional(Boolean optional) {
            this.optional = optional;
            return this;
        }

        /** @return the ConfigMapProjection */
        public ConfigMapProjection build() {
            return new ConfigMapProjection(name, items, optional);
        }
    }
}

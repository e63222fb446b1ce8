package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Scheduling settings of a node.
 *
 * <p>Fields are named as in Kubernetes' {@code NodeSpec}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param unschedulable Kubernetes field {@code unschedulable}
 * @param taints Kubernetes field {@code taints}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"unschedulable", "taints"})
public record NodeSpec(
        Boolean unschedulable,
        List<Taint> taints) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeSpec {
        taints = taints == null ? List.of() : List.copyOf(taints);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.unschedulable = unschedulable;
        b.taints = new ArrayList<>(taints);
        return b;
    }

    /** Builds a {@link NodeSpec}; every setter returns the builder. */
    public static final class Builder {
        private Boolean unschedulable;
        private List<Taint> taints = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code unschedulable}. @param unschedulable the value, or null for none @return this builder */
        public Builder unschedulable(Boolean unschedulable) {
            this.unschedulable = unschedulable;
            return this;
        }

        /** Sets {@code taints}, replacing what was set. @param taints the new list @return this builder */
        public Builder taints(List<Taint> taints) {
            this.taints = new ArrayList<>(taints);
            return this;
        }

        /** Appends to {@code taints}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addTaints(Taint... values) {
            this.taints.addAll(List.of(values));
            return this;
        }

        /** @return the NodeSpec */
        public NodeSpec build() {
            return new NodeSpec(unschedulable, taints);
        }
    }
}

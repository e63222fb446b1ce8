package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Which nodes a Pod may (or prefers to) run on.
 *
 * <p>Fields are named as in Kubernetes' {@code NodeAffinity}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param requiredDuringSchedulingIgnoredDuringExecution Kubernetes field {@code requiredDuringSchedulingIgnoredDuringExecution}
 * @param preferredDuringSchedulingIgnoredDuringExecution Kubernetes field {@code preferredDuringSchedulingIgnoredDuringExecution}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"requiredDuringSchedulingIgnoredDuringExecution", "preferredDuringSchedulingIgnoredDuringExecution"})
public record NodeAffinity(
        NodeSelector requiredDuringSchedulingIgnoredDuringExecution,
        List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeAffinity {
        preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution == null ? List.of() : List.copyOf(preferredDuringSchedulingIgnoredDuringExecution);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution;
        b.preferredDuringSchedulingIgnoredDuringExecution = new ArrayList<>(preferredDuringSchedulingIgnoredDuringExecution);
        return b;
    }

    /** Builds a {@link NodeAffinity}; every setter returns the builder. */
    public static final class Builder {
        private NodeSelector requiredDuringSchedulingIgnoredDuringExecution;
        private List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code requiredDuringSchedulingIgnoredDuringExecution}. @param requiredDuringSchedulingIgnoredDuringExecution the value, or null for none @return this builder */
        public Builder requiredDuringSchedulingIgnoredDuringExecution(NodeSelector requiredDuringSchedulingIgnoredDuringExecution) {
            this.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution;
            return this;
        }

        /** Sets {@code preferredDuringSchedulingIgnoredDuringExecution}, replacing what was set. @param preferredDuringSchedulingIgnoredDuringExecution the new list @return this builder */
        public Builder preferredDuringSchedulingIgnoredDuringExecution(List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution) {
            this.preferredDuringSchedulingIgnoredDuringExecution = new ArrayList<>(preferredDuringSchedulingIgnoredDuringExecution);
            return this;
        }

        /** Appends to {@code preferredDuringSchedulingIgnoredDuringExecution}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addPreferredDuringSchedulingIgnoredDuringExecution(PreferredSchedulingTerm... values) {
            this.preferredDuringSchedulingIgnoredDuringExecution.addAll(List.of(values));
            return this;
        }

        /** @return the NodeAffinity */
        public NodeAffinity build() {
            return new NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution, preferredDuringSchedulingIgnoredDuringExecution);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A running container.
 *
 * <p>Fields are named as in Kubernetes' {@code ContainerStateRunning}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param startedAt Kubernetes field {@code startedAt}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"startedAt"})
public record ContainerStateRunning(
        Instant startedAt) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ContainerStateRunning {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.startedAt = startedAt;
        return b;
    }

    /** Builds a {@link ContainerStateRunning}; every setter returns the builder. */
    public static final class Builder {
        private Instant startedAt;

        private Builder() {
        }

        /** Sets {@code startedAt}. @param startedAt the value, or null for none @return this builder */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /** @return the ContainerStateRunning */
        public ContainerStateRunning build() {
            return new ContainerStateRunning(startedAt);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A container not running yet, and why.
 *
 * <p>Fields are named as in Kubernetes' {@code ContainerStateWaiting}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param reason Kubernetes field {@code reason}
 * @param message Kubernetes field {@code message}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"reason", "message"})
public record ContainerStateWaiting(
        String reason,
        String message) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ContainerStateWaiting {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.reason = reason;
        b.message = message;
        return b;
    }

    /** Builds a {@link ContainerStateWaiting}; every setter returns the builder. */
    public static final class Builder {
        private String reason;
        private String message;

        private Builder() {
        }

        /** Sets {@code reason}. @param reason the value, or null for none @return this builder */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** Sets {@code message}. @param message the value, or null for none @return this builder */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** @return the ContainerStateWaiting */
        public ContainerStateWaiting build() {
            return new ContainerStateWaiting(reason, message);
        }
    }
}

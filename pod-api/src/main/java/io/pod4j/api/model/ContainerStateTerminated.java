package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * A container that ended.
 *
 * <p>Fields are named as in Kubernetes' {@code ContainerStateTerminated}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param exitCode Kubernetes field {@code exitCode}
 * @param signal Kubernetes field {@code signal}
 * @param reason Kubernetes field {@code reason}
 * @param message Kubernetes field {@code message}
 * @param startedAt Kubernetes field {@code startedAt}
 * @param finishedAt Kubernetes field {@code finishedAt}
 * @param containerID Kubernetes field {@code containerID}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"exitCode", "signal", "reason", "message", "startedAt", "finishedAt", "containerID"})
public record ContainerStateTerminated(
        Integer exitCode,
        Integer signal,
        String reason,
        String message,
        Instant startedAt,
        Instant finishedAt,
        String containerID) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ContainerStateTerminated {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.exitCode = exitCode;
        b.signal = signal;
        b.reason = reason;
        b.message = message;
        b.startedAt = startedAt;
        b.finishedAt = finishedAt;
        b.containerID = containerID;
        return b;
    }

    /** Builds a {@link ContainerStateTerminated}; every setter returns the builder. */
    public static final class Builder {
        private Integer exitCode;
        private Integer signal;
        private String reason;
        private String message;
        private Instant startedAt;
        private Instant finishedAt;
        private String containerID;

        private Builder() {
        }

        /** Sets {@code exitCode}. @param exitCode the value, or null for none @return this builder */
        public Builder exitCode(Integer exitCode) {
            this.exitCode = exitCode;
            return this;
        }

        /** Sets {@code signal}. @param signal the value, or null for none @return this builder */
        public Builder signal(Integer signal) {
            this.signal = signal;
            return this;
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

        /** Sets {@code startedAt}. @param startedAt the value, or null for none @return this builder */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        /** Sets {@code finishedAt}. @param finishedAt the value, or null for none @return this builder */
        public Builder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /** Sets {@code containerID}. @param containerID the value, or null for none @return this builder */
        public Builder containerID(String containerID) {
            this.containerID = containerID;
            return this;
        }

        /** @return the ContainerStateTerminated */
        public ContainerStateTerminated build() {
            return new ContainerStateTerminated(exitCode, signal, reason, message, startedAt, finishedAt, containerID);
        }
    }
}

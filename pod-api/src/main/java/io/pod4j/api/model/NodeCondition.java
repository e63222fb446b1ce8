package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * One condition of a node (Ready, MemoryPressure, ...).
 *
 * <p>Fields are named as in Kubernetes' {@code NodeCondition}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param type Kubernetes field {@code type}
 * @param status Kubernetes field {@code status}
 * @param lastHeartbeatTime Kubernetes field {@code lastHeartbeatTime}
 * @param lastTransitionTime Kubernetes field {@code lastTransitionTime}
 * @param reason Kubernetes field {@code reason}
 * @param message Kubernetes field {@code message}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "status", "lastHeartbeatTime", "lastTransitionTime", "reason", "message"})
public record NodeCondition(
        String type,
        String status,
        Instant lastHeartbeatTime,
        Instant lastTransitionTime,
        String reason,
        String message) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeCondition {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.status = status;
        b.lastHeartbeatTime = lastHeartbeatTime;
        b.lastTransitionTime = lastTransitionTime;
        b.reason = reason;
        b.message = message;
        return b;
    }

    /** Builds a {@link NodeCondition}; every setter returns the builder. */
    public static final class Builder {
        private String type;
        private String status;
        private Instant lastHeartbeatTime;
        private Instant lastTransitionTime;
        private String reason;
        private String message;

        private Builder() {
        }

        /** Sets {@code type}. @param type the value, or null for none @return this builder */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** Sets {@code status}. @param status the value, or null for none @return this builder */
        public Builder status(String status) {
            this.status = status;
            return this;
        }

        /** Sets {@code lastHeartbeatTime}. @param lastHeartbeatTime the value, or null for none @return this builder */
        public Builder lastHeartbeatTime(Instant lastHeartbeatTime) {
            this.lastHeartbeatTime = lastHeartbeatTime;
            return this;
        }

        /** Sets {@code lastTransitionTime}. @param lastTransitionTime the value, or null for none @return this builder */
        public Builder lastTransitionTime(Instant lastTransitionTime) {
            this.lastTransitionTime = lastTransitionTime;
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

        /** @return the NodeCondition */
        public NodeCondition build() {
            return new NodeCondition(type, status, lastHeartbeatTime, lastTransitionTime, reason, message);
        }
    }
}

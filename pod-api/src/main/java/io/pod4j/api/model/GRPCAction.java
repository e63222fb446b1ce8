package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A grpc.health.v1 Health/Check call.
 *
 * <p>Fields are named as in Kubernetes' {@code GRPCAction}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param port Kubernetes field {@code port}
 * @param service Kubernetes field {@code service}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"port", "service"})
public record GRPCAction(
        Integer port,
        String service) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public GRPCAction {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.service = service;
        return b;
    }

    /** Builds a {@link GRPCAction}; every setter returns the builder. */
    public static final class Builder {
        private Integer port;
        private String service;

        private Builder() {
        }

        /** Sets {@code port}. @param port the value, or null for none @return this builder */
        public Builder port(Integer port) {
            this.port = port;
            return this;
        }

        /** Sets {@code service}. @param service the value, or null for none @return this builder */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** @return the GRPCAction */
        public GRPCAction build() {
            return new GRPCAction(port, service);
        }
    }
}

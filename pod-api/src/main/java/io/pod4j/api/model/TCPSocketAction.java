package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A TCP connect; an open connection is success.
 *
 * <p>Fields are named as in Kubernetes' {@code TCPSocketAction}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param port Kubernetes field {@code port}
 * @param host Kubernetes field {@code host}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"port", "host"})
public record TCPSocketAction(
        IntOrString port,
        String host) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public TCPSocketAction {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.port = port;
        b.host = host;
        return b;
    }

    /** Builds a {@link TCPSocketAction}; every setter returns the builder. */
    public static final class Builder {
        private IntOrString port;
        private String host;

        private Builder() {
        }

        /** Sets {@code port}. @param port the value, or null for none @return this builder */
        public Builder port(IntOrString port) {
            this.port = port;
            return this;
        }

        /** Sets {@code host}. @param host the value, or null for none @return this builder */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** @return the TCPSocketAction */
        public TCPSocketAction build() {
            return new TCPSocketAction(port, host);
        }
    }
}

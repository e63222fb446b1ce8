package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One IP of the node a Pod runs on.
 *
 * <p>Fields are named as in Kubernetes' {@code HostIP}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param ip Kubernetes field {@code ip}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"ip"})
public record HostIP(
        String ip) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public HostIP {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.ip = ip;
        return b;
    }

    /** Builds a {@link HostIP}; every setter returns the builder. */
    public static final class Builder {
        private String ip;

        private Builder() {
        }

        /** Sets {@code ip}. @param ip the value, or null for none @return this builder */
        public Builder ip(String ip) {
            this.ip = ip;
            return this;
        }

        /** @return the HostIP */
        public HostIP build() {
            return new HostIP(ip);
        }
    }
}

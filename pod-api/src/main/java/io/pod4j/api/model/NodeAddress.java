package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One address of a node.
 *
 * <p>Fields are named as in Kubernetes' {@code NodeAddress}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param type Kubernetes field {@code type}
 * @param address Kubernetes field {@code address}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "address"})
public record NodeAddress(
        String type,
        String address) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeAddress {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.address = address;
        return b;
    }

    /** Builds a {@link NodeAddress}; every setter returns the builder. */
    public static final class Builder {
        private String type;
        private String address;

        private Builder() {
        }

        /** Sets {@code type}. @param type the value, or null for none @return this builder */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** Sets {@code address}. @param address the value, or null for none @return this builder */
        public Builder address(String address) {
            this.address = address;
            return this;
        }

        /** @return the NodeAddress */
        public NodeAddress build() {
            return new NodeAddress(type, address);
        }
    }
}

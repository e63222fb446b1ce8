package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pod4j.api.quantity.Quantity;

/**
 * A container's resource request or limit, such as limits.memory.
 *
 * <p>Fields are named as in Kubernetes' {@code ResourceFieldSelector}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param containerName Kubernetes field {@code containerName}
 * @param resource Kubernetes field {@code resource}
 * @param divisor Kubernetes field {@code divisor}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"containerName", "resource", "divisor"})
public record ResourceFieldSelector(
        String containerName,
        String resource,
        Quantity divisor) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ResourceFieldSelector {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.containerName = containerName;
        b.resource = resource;
        b.divisor = divisor;
        return b;
    }

    /** Builds a {@link ResourceFieldSelector}; every setter returns the builder. */
    public static final class Builder {
        private String containerName;
        private String resource;
        private Quantity divisor;

        private Builder() {
        }

        /** Sets {@code containerName}. @param containerName the value, or null for none @return this builder */
        public Builder containerName(String containerName) {
            this.containerName = containerName;
            return this;
        }

        /** Sets {@code resource}. @param resource the value, or null for none @return this builder */
        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        /** Sets {@code divisor}. @param divisor the value, or null for none @return this builder */
        public Builder divisor(Quantity divisor) {
            this.divisor = divisor;
            return this;
        }

        /** @return the ResourceFieldSelector */
        public ResourceFieldSelector build() {
            return new ResourceFieldSelector(containerName, resource, divisor);
        }
    }
}

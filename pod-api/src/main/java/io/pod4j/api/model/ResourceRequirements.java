package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pod4j.api.quantity.Quantity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU and memory requests and limits.
 *
 * <p>Fields are named as in Kubernetes' {@code ResourceRequirements}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param limits Kubernetes field {@code limits}
 * @param requests Kubernetes field {@code requests}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"limits", "requests"})
public record ResourceRequirements(
        Map<String, Quantity> limits,
        Map<String, Quantity> requests) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ResourceRequirements {
        limits = limits == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        requests = requests == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(requests));
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.limits = new LinkedHashMap<>(limits);
        b.requests = new LinkedHashMap<>(requests);
        return b;
    }

    /** Builds a {@link ResourceRequirements}; every setter returns the builder. */
    public static final class Builder {
        private Map<String, Quantity> limits = new LinkedHashMap<>();
        private Map<String, Quantity> requests = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets {@code limits}, replacing what was set. @param limits the new map @return this builder */
        public Builder limits(Map<String, Quantity> limits) {
            this.limits = new LinkedHashMap<>(limits);
            return this;
        }

        /** Puts one entry into {@code limits}. @param key the key @param value the value @return this builder */
        public Builder putLimits(String key, Quantity value) {
            this.limits.put(key, value);
            return this;
        }

        /** Sets {@code requests}, replacing what was set. @param requests the new map @return this builder */
        public Builder requests(Map<String, Quantity> requests) {
            this.requests = new LinkedHashMap<>(requests);
            return this;
        }

        /** Puts one entry into {@code requests}. @param key the key @param value the value @return this builder */
        public Builder putRequests(String key, Quantity value) {
            this.requests.put(key, value);
            return this;
        }

        /** @return the ResourceRequirements */
        public ResourceRequirements build() {
            return new ResourceRequirements(limits, requests);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pod4j.api.quantity.Quantity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capacity and identity of a node.
 *
 * <p>Fields are named as in Kubernetes' {@code NodeStatus}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param capacity Kubernetes field {@code capacity}
 * @param allocatable Kubernetes field {@code allocatable}
 * @param addresses Kubernetes field {@code addresses}
 * @param conditions Kubernetes field {@code conditions}
 * @param nodeInfo Kubernetes field {@code nodeInfo}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"capacity", "allocatable", "addresses", "conditions", "nodeInfo"})
public record NodeStatus(
        Map<String, Quantity> capacity,
        Map<String, Quantity> allocatable,
        List<NodeAddress> addresses,
        List<NodeCondition> conditions,
        NodeSystemInfo nodeInfo) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeStatus {
        capacity = capacity == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(capacity));
        allocatable = allocatable == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(allocatable));
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.capacity = new LinkedHashMap<>(capacity);
        b.allocatable = new LinkedHashMap<>(allocatable);
        b.addresses = new ArrayList<>(addresses);
        b.conditions = new ArrayList<>(conditions);
        b.nodeInfo = nodeInfo;
        return b;
    }

    /** Builds a {@link NodeStatus}; every setter returns the builder. */
    public static final class Builder {
        private Map<String, Quantity> capacity = new LinkedHashMap<>();
        private Map<String, Quantity> allocatable = new LinkedHashMap<>();
        private List<NodeAddress> addresses = new ArrayList<>();
        private List<NodeCondition> conditions = new ArrayList<>();
        private NodeSystemInfo nodeInfo;

        private Builder() {
        }

        /** Sets {@code capacity}, replacing what was set. @param capacity the new map @return this builder */
        public Builder capacity(Map<String, Quantity> capacity) {
            this.capacity = new LinkedHashMap<>(capacity);
            return this;
        }

        /** Puts one entry into {@code capacity}. @param key the key @param value the value @return this builder */
        public Builder putCapacity(String key, Quantity value) {
            this.capacity.put(key, value);
            return this;
        }

        /** Sets {@code allocatable}, replacing what was set. @param allocatable the new map @return this builder */
        public Builder allocatable(Map<String, Quantity> allocatable) {
            this.allocatable = new LinkedHashMap<>(allocatable);
            return this;
        }

        /** Puts one entry into {@code allocatable}. @param key the key @param value the value @return this builder */
        public Builder putAllocatable(String key, Quantity value) {
            this.allocatable.put(key, value);
            return this;
        }

        /** Sets {@code addresses}, replacing what was set. @param addresses the new list @return this builder */
        public Builder addresses(List<NodeAddress> addresses) {
            this.addresses = new ArrayList<>(addresses);
            return this;
        }

        /** Appends to {@code addresses}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addAddresses(NodeAddress... values) {
            this.addresses.addAll(List.of(values));
            return this;
        }

        /** Sets {@code conditions}, replacing what was set. @param conditions the new list @return this builder */
        public Builder conditions(List<NodeCondition> conditions) {
            this.conditions = new ArrayList<>(conditions);
            return this;
        }

        /** Appends to {@code conditions}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addConditions(NodeCondition... values) {
            this.conditions.addAll(List.of(values));
            return this;
        }

        /** Sets {@code nodeInfo}. @param nodeInfo the value, or null for none @return this builder */
        public Builder nodeInfo(NodeSystemInfo nodeInfo) {
            this.nodeInfo = nodeInfo;
            return this;
        }

        /** @return the NodeStatus */
        public NodeStatus build() {
            return new NodeStatus(capacity, allocatable, addresses, conditions, nodeInfo);
        }
    }
}

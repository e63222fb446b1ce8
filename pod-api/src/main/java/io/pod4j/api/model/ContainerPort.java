package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A port a container listens on, optionally published on the host.
 *
 * <p>Fields are named as in Kubernetes' {@code ContainerPort}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param hostPort Kubernetes field {@code hostPort}
 * @param containerPort Kubernetes field {@code containerPort}
 * @param protocol Kubernetes field {@code protocol}
 * @param hostIP Kubernetes field {@code hostIP}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "hostPort", "containerPort", "protocol", "hostIP"})
public record ContainerPort(
        String name,
        Integer hostPort,
        Integer containerPort,
        String protocol,
        String hostIP) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ContainerPort {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.hostPort = hostPort;
        b.containerPort = containerPort;
        b.protocol = protocol;
        b.hostIP = hostIP;
        return b;
    }

    /** Builds a {@link ContainerPort}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private Integer hostPort;
        private Integer containerPort;
        private String protocol;
        private String hostIP;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code hostPort}. @param hostPort the value, or null for none @return this builder */
        public Builder hostPort(Integer hostPort) {
            this.hostPort = hostPort;
            return this;
        }

        /** Sets {@code containerPort}. @param containerPort the value, or null for none @return this builder */
        public Builder containerPort(Integer containerPort) {
            this.containerPort = containerPort;
            return this;
        }

        /** Sets {@code protocol}. @param protocol the value, or null for none @return this builder */
        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /** Sets {@code hostIP}. @param hostIP the value, or null for none @return this builder */
        public Builder hostIP(String hostIP) {
            this.hostIP = hostIP;
            return this;
        }

        /** @return the ContainerPort */
        public ContainerPort build() {
            return new ContainerPort(name, hostPort, containerPort, protocol, hostIP);
        }
    }
}

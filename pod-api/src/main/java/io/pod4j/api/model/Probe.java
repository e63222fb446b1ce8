package io.pod4j.api.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A health check of a container: one handler plus its timing.
 *
 * <p>Fields are named as in Kubernetes' {@code Probe}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param exec Kubernetes field {@code exec}
 * @param httpGet Kubernetes field {@code httpGet}
 * @param tcpSocket Kubernetes field {@code tcpSocket}
 * @param grpc Kubernetes field {@code grpc}
 * @param initialDelaySeconds Kubernetes field {@code initialDelaySeconds}
 * @param timeoutSeconds Kubernetes field {@code timeoutSeconds}
 * @param periodSeconds Kubernetes field {@code periodSeconds}
 * @param successThreshold Kubernetes field {@code successThreshold}
 * @param failureThreshold Kubernetes field {@code failureThreshold}
 * @param terminationGracePeriodSeconds Kubernetes field {@code terminationGracePeriodSeconds}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"exec", "httpGet", "tcpSocket", "grpc", "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold", "terminationGracePeriodSeconds"})
public record Probe(
        ExecAction exec,
        HTTPGetAction httpGet,
        TCPSocketAction tcpSocket,
        GRPCAction grpc,
        Integer initialDelaySeconds,
        Integer timeoutSeconds,
        Integer periodSeconds,
        Integer successThreshold,
        Integer failureThreshold,
        Long terminationGracePeriodSeconds) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Probe {
    }

    /**
     * @param command the command run in the container; exit status 0 is success
     * @return a probe with default timing
     */
    public static Probe exec(String... command) {
        return builder().exec(ExecAction.builder().command(List.of(command)).build()).build();
    }

    /**
     * @param path the HTTP path
     * @param port the container port
     * @return a probe that GETs {@code path}; a status from 200 to 399 is success
     */
    public static Probe httpGet(String path, int port) {
        return builder().httpGet(HTTPGetAction.builder().path(path).port(IntOrString.of(port)).build()).build();
    }

    /**
     * @param path the HTTP path
     * @param portName the name of a container port
     * @return a probe that GETs {@code path} on the named port
     */
    public static Probe httpGet(String path, String portName) {
        return builder().httpGet(HTTPGetAction.builder().path(path).port(IntOrString.of(portName)).build()).build();
    }

    /**
     * @param port the container port
     * @return a probe that succeeds when a TCP connection opens
     */
    public static Probe tcpSocket(int port) {
        return builder().tcpSocket(TCPSocketAction.builder().port(IntOrString.of(port)).build()).build();
    }

    /**
     * @param port the container port of a grpc.health.v1 server
     * @return a probe that calls Health/Check
     */
    public static Probe grpc(int port) {
        return builder().grpc(GRPCAction.builder().port(port).build()).build();
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.exec = exec;
        b.httpGet = httpGet;
        b.tcpSocket = tcpSocket;
        b.grpc = grpc;
        b.initialDelaySeconds = initialDelaySeconds;
        b.timeoutSeconds = timeoutSeconds;
        b.periodSeconds = periodSeconds;
        b.successThreshold = successThreshold;
        b.failureThreshold = failureThreshold;
        b.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
        return b;
    }

    /** Builds a {@link Probe}; every setter returns the builder. */
    public static final class Builder {
        private ExecAction exec;
        private HTTPGetAction httpGet;
        private TCPSocketAction tcpSocket;
        private GRPCAction grpc;
        private Integer initialDelaySeconds;
        private Integer timeoutSeconds;
        private Integer periodSeconds;
        private Integer successThreshold;
        private Integer failureThreshold;
        private Long terminationGracePeriodSeconds;

        private Builder() {
        }

        /** Sets {@code exec}. @param exec the value, or null for none @return this builder */
        public Builder exec(ExecAction exec) {
            this.exec = exec;
            return this;
        }

        /** Sets {@code httpGet}. @param httpGet the value, or null for none @return this builder */
        public Builder httpGet(HTTPGetAction httpGet) {
            this.httpGet = httpGet;
            return this;
        }

        /** Sets {@code tcpSocket}. @param tcpSocket the value, or null for none @return this builder */
        public Builder tcpSocket(TCPSocketAction tcpSocket) {
            this.tcpSocket = tcpSocket;
            return this;
        }

        /** Sets {@code grpc}. @param grpc the value, or null for none @return this builder */
        public Builder grpc(GRPCAction grpc) {
            this.grpc = grpc;
            return this;
        }

        /** Sets {@code initialDelaySeconds}. @param initialDelaySeconds the value, or null for none @return this builder */
        public Builder initialDelaySeconds(Integer initialDelaySeconds) {
            this.initialDelaySeconds = initialDelaySeconds;
            return this;
        }

        /** Sets {@code timeoutSeconds}. @param timeoutSeconds the value, or null for none @return this builder */
        public Builder timeoutSeconds(Integer timeoutSeconds) {
            this.timeoutSeconds = timeoutSeconds;
            return this;
        }

        /** Sets {@code periodSeconds}. @param periodSeconds the value, or null for none @return this builder */
        public Builder periodSeconds(Integer periodSeconds) {
            this.periodSeconds = periodSeconds;
            return this;
        }

        /** Sets {@code successThreshold}. @param successThreshold the value, or null for none @return this builder */
        public Builder successThreshold(Integer successThreshold) {
            this.successThreshold = successThreshold;
            return this;
        }

        /** Sets {@code failureThreshold}. @param failureThreshold the value, or null for none @return this builder */
        public Builder failureThreshold(Integer failureThreshold) {
            this.failureThreshold = failureThreshold;
            return this;
        }

        /** Sets {@code terminationGracePeriodSeconds}. @param terminationGracePeriodSeconds the value, or null for none @return this builder */
        public Builder terminationGracePeriodSeconds(Long terminationGracePeriodSeconds) {
            this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
            return this;
        }

        /** @return the Probe */
        public Probe build() {
            return new Probe(exec, httpGet, tcpSocket, grpc, initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold, failureThreshold, terminationGracePeriodSeconds);
        }
    }
}

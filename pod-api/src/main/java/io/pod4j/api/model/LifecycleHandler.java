package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One lifecycle hook: exactly one action.
 *
 * <p>Fields are named as in Kubernetes' {@code LifecycleHandler}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param exec Kubernetes field {@code exec}
 * @param httpGet Kubernetes field {@code httpGet}
 * @param tcpSocket Kubernetes field {@code tcpSocket}
 * @param sleep Kubernetes field {@code sleep}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"exec", "httpGet", "tcpSocket", "sleep"})
public record LifecycleHandler(
        ExecAction exec,
        HTTPGetAction httpGet,
        TCPSocketAction tcpSocket,
        SleepAction sleep) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public LifecycleHandler {
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
        b.sleep = sleep;
        return b;
    }

    /** Builds a {@link LifecycleHandler}; every setter returns the builder. */
    public static final class Builder {
        private ExecAction exec;
        private HTTPGetAction httpGet;
        private TCPSocketAction tcpSocket;
        private SleepAction sleep;

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

        /** Sets {@code sleep}. @param sleep the value, or null for none @return this builder */
        public Builder sleep(SleepAction sleep) {
            this.sleep = sleep;
            return this;
        }

        /** @return the LifecycleHandler */
        public LifecycleHandler build() {
            return new LifecycleHandler(exec, httpGet, tcpSocket, sleep);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The state of a container: exactly one of waiting, running, terminated.
 *
 * <p>Fields are named as in Kubernetes' {@code ContainerState}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param waiting Kubernetes field {@code waiting}
 * @param running Kubernetes field {@code running}
 * @param terminated Kubernetes field {@code terminated}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"waiting", "running", "terminated"})
public record ContainerState(
        ContainerStateWaiting waiting,
        ContainerStateRunning running,
        ContainerStateTerminated terminated) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ContainerState {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.waiting = waiting;
        b.running = running;
        b.terminated = terminated;
        return b;
    }

    /** Builds a {@link ContainerState}; every setter returns the builder. */
    public static final class Builder {
        private ContainerStateWaiting waiting;
        private ContainerStateRunning running;
        private ContainerStateTerminated terminated;

        private Builder() {
        }

        /** Sets {@code waiting}. @param waiting the value, or null for none @return this builder */
        public Builder waiting(ContainerStateWaiting waiting) {
            this.waiting = waiting;
            return this;
        }

        /** Sets {@code running}. @param running the value, or null for none @return this builder */
        public Builder running(ContainerStateRunning running) {
            this.running = running;
            return this;
        }

        /** Sets {@code terminated}. @param terminated the value, or null for none @return this builder */
        public Builder terminated(ContainerStateTerminated terminated) {
            this.terminated = terminated;
            return this;
        }

        /** @return the ContainerState */
        public ContainerState build() {
            return new ContainerState(waiting, running, terminated);
        }
    }
}

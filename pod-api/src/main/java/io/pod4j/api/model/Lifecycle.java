package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Hooks run after a container starts and before it stops.
 *
 * <p>Fields are named as in Kubernetes' {@code Lifecycle}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param postStart Kubernetes field {@code postStart}
 * @param preStop Kubernetes field {@code preStop}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"postStart", "preStop"})
public record Lifecycle(
        LifecycleHandler postStart,
        LifecycleHandler preStop) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Lifecycle {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.postStart = postStart;
        b.preStop = preStop;
        return b;
    }

    /** Builds a {@link Lifecycle}; every setter returns the builder. */
    public static final class Builder {
        private LifecycleHandler postStart;
        private LifecycleHandler preStop;

        private Builder() {
        }

        /** Sets {@code postStart}. @param postStart the value, or null for none @return this builder */
        public Builder postStart(LifecycleHandler postStart) {
            this.postStart = postStart;
            return this;
        }

        /** Sets {@code preStop}. @param preStop the value, or null for none @return this builder */
        public Builder preStop(LifecycleHandler preStop) {
            this.preStop = preStop;
            return this;
        }

        /** @return the Lifecycle */
        public Lifecycle build() {
            return new Lifecycle(postStart, preStop);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A pause of a number of seconds.
 *
 * <p>Fields are named as in Kubernetes' {@code SleepAction}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param seconds Kubernetes field {@code seconds}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"seconds"})
public record SleepAction(
        Long seconds) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public SleepAction {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seconds = seconds;
        return b;
    }

    /** Builds a {@link SleepAction}; every setter returns the builder. */
    public static final class Builder {
        private Long seconds;

        private Builder() {
        }

        /** Sets {@code seconds}. @param seconds the value, or null for none @return this builder */
        public Builder seconds(Long seconds) {
            this.seconds = seconds;
            return this;
        }

        /** @return the SleepAction */
        public SleepAction build() {
            return new SleepAction(seconds);
        }
    }
}

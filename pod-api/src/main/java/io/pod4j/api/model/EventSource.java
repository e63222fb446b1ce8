package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The component that reported an Event.
 *
 * <p>Fields are named as in Kubernetes' {@code EventSource}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param component Kubernetes field {@code component}
 * @param host Kubernetes field {@code host}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"component", "host"})
public record EventSource(
        String component,
        String host) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public EventSource {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.component = component;
        b.host = host;
        return b;
    }

    /** Builds a {@link EventSource}; every setter returns the builder. */
    public static final class Builder {
        private String component;
        private String host;

        private Builder() {
        }

        /** Sets {@code component}. @param component the value, or null for none @return this builder */
        public Builder component(String component) {
            this.component = component;
            return this;
        }

        /** Sets {@code host}. @param host the value, or null for none @return this builder */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** @return the EventSource */
        public EventSource build() {
            return new EventSource(component, host);
        }
    }
}

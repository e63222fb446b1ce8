package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * Something that happened to an object, as kubectl describe lists it.
 *
 * <p>Fields are named as in Kubernetes' {@code Event}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param apiVersion Kubernetes field {@code apiVersion}
 * @param kind Kubernetes field {@code kind}
 * @param metadata Kubernetes field {@code metadata}
 * @param involvedObject Kubernetes field {@code involvedObject}
 * @param reason Kubernetes field {@code reason}
 * @param message Kubernetes field {@code message}
 * @param source Kubernetes field {@code source}
 * @param firstTimestamp Kubernetes field {@code firstTimestamp}
 * @param lastTimestamp Kubernetes field {@code lastTimestamp}
 * @param count Kubernetes field {@code count}
 * @param type Kubernetes field {@code type}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type"})
public record Event(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        ObjectReference involvedObject,
        String reason,
        String message,
        EventSource source,
        Instant firstTimestamp,
        Instant lastTimestamp,
        Integer count,
        String type) implements KubeObject {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Event {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "Event" : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.apiVersion = apiVersion;
        b.kind = kind;
        b.metadata = metadata;
        b.involvedObject = involvedObject;
        b.reason = reason;
        b.message = message;
        b.source = source;
        b.firstTimestamp = firstTimestamp;
        b.lastTimestamp = lastTimestamp;
        b.count = count;
        b.type = type;
        return b;
    }

    /** Builds a {@link Event}; every setter returns the builder. */
    public static final class Builder {
        private String apiVersion;
        private String kind;
        private ObjectMeta metadata;
        private ObjectReference involvedObject;
        private String reason;
        private String message;
        private EventSource source;
        private Instant firstTimestamp;
        private Instant lastTimestamp;
        private Integer count;
        private String type;

        private Builder() {
        }

        /** Sets {@code apiVersion}. @param apiVersion the value, or null for none @return this builder */
        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Sets {@code kind}. @param kind the value, or null for none @return this builder */
        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        /** Sets {@code metadata}. @param metadata the value, or null for none @return this builder */
        public Builder metadata(ObjectMeta metadata) {
            this.metadata = metadata;
            return this;
        }

        /** Sets {@code involvedObject}. @param involvedObject the value, or null for none @return this builder */
        public Builder involvedObject(ObjectReference involvedObject) {
            this.involvedObject = involvedObject;
            return this;
        }

        /** Sets {@code reason}. @param reason the value, or null for none @return this builder */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /** Sets {@code message}. @param message the value, or null for none @return this builder */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** Sets {@code source}. @param source the value, or null for none @return this builder */
        public Builder source(EventSource source) {
            this.source = source;
            return this;
        }

        /** Sets {@code firstTimestamp}. @param firstTimestamp the value, or null for none @return this builder */
        public Builder firstTimestamp(Instant firstTimestamp) {
            this.firstTimestamp = firstTimestamp;
            return this;
        }

        /** Sets {@code lastTimestamp}. @param lastTimestamp the value, or null for none @return this builder */
        public Builder lastTimestamp(Instant lastTimestamp) {
            this.lastTimestamp = lastTimestamp;
            return this;
        }

        /** Sets {@code count}. @param count the value, or null for none @return this builder */
        public Builder count(Integer count) {
            this.count = count;
            return this;
        }

        /** Sets {@code type}. @param type the value, or null for none @return this builder */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /** @return the Event */
        public Event build() {
            return new Event(apiVersion, kind, metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Identity and bookkeeping of an object: name, namespace, labels, annotations and server-set fields.
 *
 * <p>Fields are named as in Kubernetes' {@code ObjectMeta}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param generateName Kubernetes field {@code generateName}
 * @param namespace Kubernetes field {@code namespace}
 * @param uid Kubernetes field {@code uid}
 * @param resourceVersion Kubernetes field {@code resourceVersion}
 * @param labels Kubernetes field {@code labels}
 * @param annotations Kubernetes field {@code annotations}
 * @param creationTimestamp Kubernetes field {@code creationTimestamp}
 * @param deletionTimestamp Kubernetes field {@code deletionTimestamp}
 * @param deletionGracePeriodSeconds Kubernetes field {@code deletionGracePeriodSeconds}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "generateName", "namespace", "uid", "resourceVersion", "labels", "annotations", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"})
public record ObjectMeta(
        String name,
        String generateName,
        String namespace,
        String uid,
        String resourceVersion,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant creationTimestamp,
        Instant deletionTimestamp,
        Long deletionGracePeriodSeconds) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ObjectMeta {
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.generateName = generateName;
        b.namespace = namespace;
        b.uid = uid;
        b.resourceVersion = resourceVersion;
        b.labels = new LinkedHashMap<>(labels);
        b.annotations = new LinkedHashMap<>(annotations);
        b.creationTimestamp = creationTimestamp;
        b.deletionTimestamp = deletionTimestamp;
        b.deletionGracePeriodSeconds = deletionGracePeriodSeconds;
        return b;
    }

    /** Builds a {@link ObjectMeta}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private String generateName;
        private String namespace;
        private String uid;
        private String resourceVersion;
        private Map<String, String> labels = new LinkedHashMap<>();
        private Map<String, String> annotations = new LinkedHashMap<>();
        private Instant creationTimestamp;
        private Instant deletionTimestamp;
        private Long deletionGracePeriodSeconds;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code generateName}. @param generateName the value, or null for none @return this builder */
        public Builder generateName(String generateName) {
            this.generateName = generateName;
            return this;
        }

        /** Sets {@code namespace}. @param namespace the value, or null for none @return this builder */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Sets {@code uid}. @param uid the value, or null for none @return this builder */
        public Builder uid(String uid) {
            this.uid = uid;
            return this;
        }

        /** Sets {@code resourceVersion}. @param resourceVersion the value, or null for none @return this builder */
        public Builder resourceVersion(String resourceVersion) {
            this.resourceVersion = resourceVersion;
            return this;
        }

        /** Sets {@code labels}, replacing what was set. @param labels the new map @return this builder */
        public Builder labels(Map<String, String> labels) {
            this.labels = new LinkedHashMap<>(labels);
            return this;
        }

        /** Puts one entry into {@code labels}. @param key the key @param value the value @return this builder */
        public Builder putLabels(String key, String value) {
            this.labels.put(key, value);
            return this;
        }

        /** Sets {@code annotations}, replacing what was set. @param annotations the new map @return this builder */
        public Builder annotations(Map<String, String> annotations) {
            this.annotations = new LinkedHashMap<>(annotations);
            return this;
        }

        /** Puts one entry into {@code annotations}. @param key the key @param value the value @return this builder */
        public Builder putAnnotations(String key, String value) {
            this.annotations.put(key, value);
            return this;
        }

        /** Sets {@code creationTimestamp}. @param creationTimestamp the value, or null for none @return this builder */
        public Builder creationTimestamp(Instant creationTimestamp) {
            this.creationTimestamp = creationTimestamp;
            return this;
        }

        /** Sets {@code deletionTimestamp}. @param deletionTimestamp the value, or null for none @return this builder */
        public Builder deletionTimestamp(Instant deletionTimestamp) {
            this.deletionTimestamp = deletionTimestamp;
            return this;
        }

        /** Sets {@code deletionGracePeriodSeconds}. @param deletionGracePeriodSeconds the value, or null for none @return this builder */
        public Builder deletionGracePeriodSeconds(Long deletionGracePeriodSeconds) {
            this.deletionGracePeriodSeconds = deletionGracePeriodSeconds;
            return this;
        }

        /** @return the ObjectMeta */
        public ObjectMeta build() {
            return new ObjectMeta(name, generateName, namespace, uid, resourceVersion, labels, annotations, creationTimestamp, deletionTimestamp, deletionGracePeriodSeconds);
        }
    }
}

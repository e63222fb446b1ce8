package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration data that Pods read as environment variables or files.
 *
 * <p>Fields are named as in Kubernetes' {@code ConfigMap}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param apiVersion Kubernetes field {@code apiVersion}
 * @param kind Kubernetes field {@code kind}
 * @param metadata Kubernetes field {@code metadata}
 * @param immutable Kubernetes field {@code immutable}
 * @param data Kubernetes field {@code data}
 * @param binaryData Kubernetes field {@code binaryData}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "immutable", "data", "binaryData"})
public record ConfigMap(
        String apiVersion,
        String kind,
        ObjectMeta metadata,
        Boolean immutable,
        Map<String, String> data,
        Map<String, String> binaryData) implements KubeObject {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ConfigMap {
        apiVersion = apiVersion == null ? "v1" : apiVersion;
        kind = kind == null ? "ConfigMap" : kind;
        metadata = metadata == null ? ObjectMeta.builder().build() : metadata;
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        binaryData = binaryData == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(binaryData));
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
        b.immutable = immutable;
        b.data = new LinkedHashMap<>(data);
        b.binaryData = new LinkedHashMap<>(binaryData);
        return b;
    }

    /** Builds a {@link ConfigMap}; every setter returns the builder. */
    public static final class Builder {
        private String apiVersion;
        private String kind;
        private ObjectMeta metadata;
        private Boolean immutable;
        private Map<String, String> data = new LinkedHashMap<>();
        private Map<String, String> binaryData = new LinkedHashMap<>();

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

        /** Sets {@code immutable}. @param immutable the value, or null for none @return this builder */
        public Builder immutable(Boolean immutable) {
            this.immutable = immutable;
            return this;
        }

        /** Sets {@code data}, replacing what was set. @param data the new map @return this builder */
        public Builder data(Map<String, String> data) {
            this.data = new LinkedHashMap<>(data);
            return this;
        }

        /** Puts one entry into {@code data}. @param key the key @param value the value @return this builder */
        public Builder putData(String key, String value) {
            this.data.put(key, value);
            return this;
        }

        /** Sets {@code binaryData}, replacing what was set. @param binaryData the new map @return this builder */
        public Builder binaryData(Map<String, String> binaryData) {
            this.binaryData = new LinkedHashMap<>(binaryData);
            return this;
        }

        /** Puts one entry into {@code binaryData}. @param key the key @param value the value @return this builder */
        public Builder putBinaryData(String key, String value) {
            this.binaryData.put(key, value);
            return this;
        }

        /** @return the ConfigMap */
        public ConfigMap build() {
            return new ConfigMap(apiVersion, kind, metadata, immutable, data, binaryData);
        }
    }
}

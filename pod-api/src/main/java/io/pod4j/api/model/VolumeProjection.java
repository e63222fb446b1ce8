package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One source of a projected volume.
 *
 * <p>Fields are named as in Kubernetes' {@code VolumeProjection}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param configMap Kubernetes field {@code configMap}
 * @param secret Kubernetes field {@code secret}
 * @param downwardAPI Kubernetes field {@code downwardAPI}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"configMap", "secret", "downwardAPI"})
public record VolumeProjection(
        ConfigMapProjection configMap,
        SecretProjection secret,
        DownwardAPIProjection downwardAPI) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public VolumeProjection {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.configMap = configMap;
        b.secret = secret;
        b.downwardAPI = downwardAPI;
        return b;
    }

    /** Builds a {@link VolumeProjection}; every setter returns the builder. */
    public static final class Builder {
        private ConfigMapProjection configMap;
        private SecretProjection secret;
        private DownwardAPIProjection downwardAPI;

        private Builder() {
        }

        /** Sets {@code configMap}. @param configMap the value, or null for none @return this builder */
        public Builder configMap(ConfigMapProjection configMap) {
            this.configMap = configMap;
            return this;
        }

        /** Sets {@code secret}. @param secret the value, or null for none @return this builder */
        public Builder secret(SecretProjection secret) {
            this.secret = secret;
            return this;
        }

        /** Sets {@code downwardAPI}. @param downwardAPI the value, or null for none @return this builder */
        public Builder downwardAPI(DownwardAPIProjection downwardAPI) {
            this.downwardAPI = downwardAPI;
            return this;
        }

        /** @return the VolumeProjection */
        public VolumeProjection build() {
            return new VolumeProjection(configMap, secret, downwardAPI);
        }
    }
}

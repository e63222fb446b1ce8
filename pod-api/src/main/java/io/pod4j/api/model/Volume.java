package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A named volume of a Pod; exactly one source.
 *
 * <p>Fields are named as in Kubernetes' {@code Volume}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param emptyDir Kubernetes field {@code emptyDir}
 * @param hostPath Kubernetes field {@code hostPath}
 * @param configMap Kubernetes field {@code configMap}
 * @param secret Kubernetes field {@code secret}
 * @param downwardAPI Kubernetes field {@code downwardAPI}
 * @param projected Kubernetes field {@code projected}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "emptyDir", "hostPath", "configMap", "secret", "downwardAPI", "projected"})
public record Volume(
        String name,
        EmptyDirVolumeSource emptyDir,
        HostPathVolumeSource hostPath,
        ConfigMapVolumeSource configMap,
        SecretVolumeSource secret,
        DownwardAPIVolumeSource downwardAPI,
        ProjectedVolumeSource projected) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public Volume {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.emptyDir = emptyDir;
        b.hostPath = hostPath;
        b.configMap = configMap;
        b.secret = secret;
        b.downwardAPI = downwardAPI;
        b.projected = projected;
        return b;
    }

    /** Builds a {@link Volume}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private EmptyDirVolumeSource emptyDir;
        private HostPathVolumeSource hostPath;
        private ConfigMapVolumeSource configMap;
        private SecretVolumeSource secret;
        private DownwardAPIVolumeSource downwardAPI;
        private ProjectedVolumeSource projected;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code emptyDir}. @param emptyDir the value, or null for none @return this builder */
        public Builder emptyDir(EmptyDirVolumeSource emptyDir) {
            this.emptyDir = emptyDir;
            return this;
        }

        /** Sets {@code hostPath}. @param hostPath the value, or null for none @return this builder */
        public Builder hostPath(HostPathVolumeSource hostPath) {
            this.hostPath = hostPath;
            return this;
        }

        /** Sets {@code configMap}. @param configMap the value, or null for none @return this builder */
        public Builder configMap(ConfigMapVolumeSource configMap) {
            this.configMap = configMap;
            return this;
        }

        /** Sets {@code secret}. @param secret the value, or null for none @return this builder */
        public Builder secret(SecretVolumeSource secret) {
            this.secret = secret;
            return this;
        }

        /** Sets {@code downwardAPI}. @param downwardAPI the value, or null for none @return this builder */
        public Builder downwardAPI(DownwardAPIVolumeSource downwardAPI) {
            this.downwardAPI = downwardAPI;
            return this;
        }

        /** Sets {@code projected}. @param projected the value, or null for none @return this builder */
        public Builder projected(ProjectedVolumeSource projected) {
            this.projected = projected;
            return this;
        }

        /** @return the Volume */
        public Volume build() {
            return new Volume(name, emptyDir, hostPath, configMap, secret, downwardAPI, projected);
        }
    }
}

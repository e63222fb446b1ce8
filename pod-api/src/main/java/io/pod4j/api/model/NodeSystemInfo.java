package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Versions and platform of a node.
 *
 * <p>Fields are named as in Kubernetes' {@code NodeSystemInfo}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param architecture Kubernetes field {@code architecture}
 * @param operatingSystem Kubernetes field {@code operatingSystem}
 * @param osImage Kubernetes field {@code osImage}
 * @param kernelVersion Kubernetes field {@code kernelVersion}
 * @param containerRuntimeVersion Kubernetes field {@code containerRuntimeVersion}
 * @param kubeletVersion Kubernetes field {@code kubeletVersion}
 * @param machineID Kubernetes field {@code machineID}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"architecture", "operatingSystem", "osImage", "kernelVersion", "containerRuntimeVersion", "kubeletVersion", "machineID"})
public record NodeSystemInfo(
        String architecture,
        String operatingSystem,
        String osImage,
        String kernelVersion,
        String containerRuntimeVersion,
        String kubeletVersion,
        String machineID) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public NodeSystemInfo {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.architecture = architecture;
        b.operatingSystem = operatingSystem;
        b.osImage = osImage;
        b.kernelVersion = kernelVersion;
        b.containerRuntimeVersion = containerRuntimeVersion;
        b.kubeletVersion = kubeletVersion;
        b.machineID = machineID;
        return b;
    }

    /** Builds a {@link NodeSystemInfo}; every setter returns the builder. */
    public static final class Builder {
        private String architecture;
        private String operatingSystem;
        private String osImage;
        private String kernelVersion;
        private String containerRuntimeVersion;
        private String kubeletVersion;
        private String machineID;

        private Builder() {
        }

        /** Sets {@code architecture}. @param architecture the value, or null for none @return this builder */
        public Builder architecture(String architecture) {
            this.architecture = architecture;
            return this;
        }

        /** Sets {@code operatingSystem}. @param operatingSystem the value, or null for none @return this builder */
        public Builder operatingSystem(String operatingSystem) {
            this.operatingSystem = operatingSystem;
            return this;
        }

        /** Sets {@code osImage}. @param osImage the value, or null for none @return this builder */
        public Builder osImage(String osImage) {
            this.osImage = osImage;
            return this;
        }

        /** Sets {@code kernelVersion}. @param kernelVersion the value, or null for none @return this builder */
        public Builder kernelVersion(String kernelVersion) {
            this.kernelVersion = kernelVersion;
            return this;
        }

        /** Sets {@code containerRuntimeVersion}. @param containerRuntimeVersion the value, or null for none @return this builder */
        public Builder containerRuntimeVersion(String containerRuntimeVersion) {
            this.containerRuntimeVersion = containerRuntimeVersion;
            return this;
        }

        /** Sets {@code kubeletVersion}. @param kubeletVersion the value, or null for none @return this builder */
        public Builder kubeletVersion(String kubeletVersion) {
            this.kubeletVersion = kubeletVersion;
            return this;
        }

        /** Sets {@code machineID}. @param machineID the value, or null for none @return this builder */
        public Builder machineID(String machineID) {
            this.machineID = machineID;
            return this;
        }

        /** @return the NodeSystemInfo */
        public NodeSystemInfo build() {
            return new NodeSystemInfo(architecture, operatingSystem, osImage, kernelVersion, containerRuntimeVersion, kubeletVersion, machineID);
        }
    }
}

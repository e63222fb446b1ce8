package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What an engine observed of one container.
 *
 * <p>Fields are named as in Kubernetes' {@code ContainerStatus}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param name Kubernetes field {@code name}
 * @param state Kubernetes field {@code state}
 * @param lastState Kubernetes field {@code lastState}
 * @param ready Kubernetes field {@code ready}
 * @param restartCount Kubernetes field {@code restartCount}
 * @param image Kubernetes field {@code image}
 * @param imageID Kubernetes field {@code imageID}
 * @param containerID Kubernetes field {@code containerID}
 * @param started Kubernetes field {@code started}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "state", "lastState", "ready", "restartCount", "image", "imageID", "containerID", "started"})
public record ContainerStatus(
        String name,
        ContainerState state,
        ContainerState lastState,
        Boolean ready,
        Integer restartCount,
        String image,
        String imageID,
        String containerID,
        Boolean started) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ContainerStatus {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.state = state;
        b.lastState = lastState;
        b.ready = ready;
        b.restartCount = restartCount;
        b.image = image;
        b.imageID = imageID;
        b.containerID = containerID;
        b.started = started;
        return b;
    }

    /** Builds a {@link ContainerStatus}; every setter returns the builder. */
    public static final class Builder {
        private String name;
        private ContainerState state;
        private ContainerState lastState;
        private Boolean ready;
        private Integer restartCount;
        private String image;
        private String imageID;
        private String containerID;
        private Boolean started;

        private Builder() {
        }

        /** Sets {@code name}. @param name the value, or null for none @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Sets {@code state}. @param state the value, or null for none @return this builder */
        public Builder state(ContainerState state) {
            this.state = state;
            return this;
        }

        /** Sets {@code lastState}. @param lastState the value, or null for none @return this builder */
        public Builder lastState(ContainerState lastState) {
            this.lastState = lastState;
            return this;
        }

        /** Sets {@code ready}. @param ready the value, or null for none @return this builder */
        public Builder ready(Boolean ready) {
            this.ready = ready;
            return this;
        }

        /** Sets {@code restartCount}. @param restartCount the value, or null for none @return this builder */
        public Builder restartCount(Integer restartCount) {
            this.restartCount = restartCount;
            return this;
        }

        /** Sets {@code image}. @param image the value, or null for none @return this builder */
        public Builder image(String image) {
            this.image = image;
            return this;
        }

        /** Sets {@code imageID}. @param imageID the value, or null for none @return this builder */
        public Builder imageID(String imageID) {
            this.imageID = imageID;
            return this;
        }

        /** Sets {@code containerID}. @param containerID the value, or null for none @return this builder */
        public Builder containerID(String containerID) {
            this.containerID = containerID;
            return this;
        }

        /** Sets {@code started}. @param started the value, or null for none @return this builder */
        public Builder started(Boolean started) {
            this.started = started;
            return this;
        }

        /** @return the ContainerStatus */
        public ContainerStatus build() {
            return new ContainerStatus(name, state, lastState, ready, restartCount, image, imageID, containerID, started);
        }
    }
}

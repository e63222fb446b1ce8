package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pod4j.api.quantity.Quantity;

/**
 * A scratch directory that lives as long as the Pod.
 *
 * <p>Fields are named as in Kubernetes' {@code EmptyDirVolumeSource}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param medium Kubernetes field {@code medium}
 * @param sizeLimit Kubernetes field {@code sizeLimit}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"medium", "sizeLimit"})
public record EmptyDirVolumeSource(
        String medium,
        Quantity sizeLimit) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public EmptyDirVolumeSource {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.medium = medium;
        b.sizeLimit = sizeLimit;
        return b;
    }

    /** Builds a {@link EmptyDirVolumeSource}; every setter returns the builder. */
    public static final class Builder {
        private String medium;
        private Quantity sizeLimit;

        private Builder() {
        }

        /** Sets {@code medium}. @param medium the value, or null for none @return this builder */
        public Builder medium(String medium) {
            this.medium = medium;
            return this;
        }

        /** Sets {@code sizeLimit}. @param sizeLimit the value, or null for none @return this builder */
        public Builder sizeLimit(Quantity sizeLimit) {
            this.sizeLimit = sizeLimit;
            return this;
        }

        /** @return the EmptyDirVolumeSource */
        public EmptyDirVolumeSource build() {
            return new EmptyDirVolumeSource(medium, sizeLimit);
        }
    }
}

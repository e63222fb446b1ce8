package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A Secret's keys as files.
 *
 * <p>Fields are named as in Kubernetes' {@code SecretVolumeSource}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param secretName Kubernetes field {@code secretName}
 * @param items Kubernetes field {@code items}
 * @param defaultMode Kubernetes field {@code defaultMode}
 * @param optional Kubernetes field {@code optional}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"secretName", "items", "defaultMode", "optional"})
public record SecretVolumeSource(
        String secretName,
        List<KeyToPath> items,
        Integer defaultMode,
        Boolean optional) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public SecretVolumeSource {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.secretName = secretName;
        b.items = new ArrayList<>(items);
        b.defaultMode = defaultMode;
        b.optional = optional;
        return b;
    }

    /** Builds a {@link SecretVolumeSource}; every setter returns the builder. */
    public static final class Builder {
        private String secretName;
        private List<KeyToPath> items = new ArrayList<>();
        private Integer defaultMode;
        private Boolean optional;

        private Builder() {
        }

        /** Sets {@code secretName}. @param secretName the value, or null for none @return this builder */
        public Builder secretName(String secretName) {
            this.secretName = secretName;
            return this;
        }

        /** Sets {@code items}, replacing what was set. @param items the new list @return this builder */
        public Builder items(List<KeyToPath> items) {
            this.items = new ArrayList<>(items);
            return this;
        }

        /** Appends to {@code items}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addItems(KeyToPath... values) {
            this.items.addAll(List.of(values));
            return this;
        }

        /** Sets {@code defaultMode}. @param defaultMode the value, or null for none @return this builder */
        public Builder defaultMode(Integer defaultMode) {
            this.defaultMode = defaultMode;
            return this;
        }

        /** Sets {@code optional}. @param optional the value, or null for none @return this builder */
        public Builder optional(Boolean optional) {
            this.optional = optional;
            return this;
        }

        /** @return the SecretVolumeSource */
        public SecretVolumeSource build() {
            return new SecretVolumeSource(secretName, items, defaultMode, optional);
        }
    }
}

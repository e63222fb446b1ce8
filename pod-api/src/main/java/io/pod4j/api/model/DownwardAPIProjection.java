package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Pod fields in a projected volume.
 *
 * <p>Fields are named as in Kubernetes' {@code DownwardAPIProjection}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param items Kubernetes field {@code items}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"items"})
public record DownwardAPIProjection(
        List<DownwardAPIVolumeFile> items) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public DownwardAPIProjection {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.items = new ArrayList<>(items);
        return b;
    }

    /** Builds a {@link DownwardAPIProjection}; every setter returns the builder. */
    public static final class Builder {
        private List<DownwardAPIVolumeFile> items = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code items}, replacing what was set. @param items the new list @return this builder */
        public Builder items(List<DownwardAPIVolumeFile> items) {
            this.items = new ArrayList<>(items);
            return this;
        }

        /** Appends to {@code items}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addItems(DownwardAPIVolumeFile... values) {
            this.items.addAll(List.of(values));
            return this;
        }

        /** @return the DownwardAPIProjection */
        public DownwardAPIProjection build() {
            return new DownwardAPIProjection(items);
        }
    }
}

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Several sources merged into one directory.
 *
 * <p>Fields are named as in Kubernetes' {@code ProjectedVolumeSource}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param sources Kubernetes field {@code sources}
 * @param defaultMode Kubernetes field {@code defaultMode}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"sources", "defaultMode"})
public record ProjectedVolumeSource(
        List<VolumeProjection> sources,
        Integer defaultMode) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public ProjectedVolumeSource {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sources = new ArrayList<>(sources);
        b.defaultMode = defaultMode;
        return b;
    }

    /** Builds a {@link ProjectedVolumeSource}; every setter returns the builder. */
    public static final class Builder {
        private List<VolumeProjection> sources = new ArrayList<>();
        private Integer defaultMode;

        private Builder() {
        }

        /** Sets {@code sources}, replacing what was set. @param sources the new list @return this builder */
        public Builder sources(List<VolumeProjection> sources) {
            this.sources = new ArrayList<>(sources);
            return this;
        }

        /** Appends to {@code sources}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addSources(VolumeProjection... values) {
            this.sources.addAll(List.of(values));
            return this;
        }

        /** Sets {@code defaultMode}. @param defaultMode the value, or null for none @return this builder */
        public Builder defaultMode(Integer defaultMode) {
            this.defaultMode = defaultMode;
            return this;
        }

        /** @return the ProjectedVolumeSource */
        public ProjectedVolumeSource build() {
            return new ProjectedVolumeSource(sources, defaultMode);
        }
    }
}

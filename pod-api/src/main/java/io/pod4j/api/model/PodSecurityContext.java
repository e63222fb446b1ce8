package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Security settings that apply to every container of a Pod.
 *
 * <p>Fields are named as in Kubernetes' {@code PodSecurityContext}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param runAsUser Kubernetes field {@code runAsUser}
 * @param runAsGroup Kubernetes field {@code runAsGroup}
 * @param runAsNonRoot Kubernetes field {@code runAsNonRoot}
 * @param fsGroup Kubernetes field {@code fsGroup}
 * @param supplementalGroups Kubernetes field {@code supplementalGroups}
 * @param sysctls Kubernetes field {@code sysctls}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "supplementalGroups", "sysctls"})
public record PodSecurityContext(
        Long runAsUser,
        Long runAsGroup,
        Boolean runAsNonRoot,
        Long fsGroup,
        List<Long> supplementalGroups,
        List<Sysctl> sysctls) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public PodSecurityContext {
        supplementalGroups = supplementalGroups == null ? List.of() : List.copyOf(supplementalGroups);
        sysctls = sysctls == null ? List.of() : List.copyOf(sysctls);
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.runAsUser = runAsUser;
        b.runAsGroup = runAsGroup;
        b.runAsNonRoot = runAsNonRoot;
        b.fsGroup = fsGroup;
        b.supplementalGroups = new ArrayList<>(supplementalGroups);
        b.sysctls = new ArrayList<>(sysctls);
        return b;
    }

    /** Builds a {@link PodSecurityContext}; every setter returns the builder. */
    public static final class Builder {
        private Long runAsUser;
        private Long runAsGroup;
        private Boolean runAsNonRoot;
        private Long fsGroup;
        private List<Long> supplementalGroups = new ArrayList<>();
        private List<Sysctl> sysctls = new ArrayList<>();

        private Builder() {
        }

        /** Sets {@code runAsUser}. @param runAsUser the value, or null for none @return this builder */
        public Builder runAsUser(Long runAsUser) {
            this.runAsUser = runAsUser;
            return this;
        }

        /** Sets {@code runAsGroup}. @param runAsGroup the value, or null for none @return this builder */
        public Builder runAsGroup(Long runAsGroup) {
            this.runAsGroup = runAsGroup;
            return this;
        }

        /** Sets {@code runAsNonRoot}. @param runAsNonRoot the value, or null for none @return this builder */
        public Builder runAsNonRoot(Boolean runAsNonRoot) {
            this.runAsNonRoot = runAsNonRoot;
            return this;
        }

        /** Sets {@code fsGroup}. @param fsGroup the value, or null for none @return this builder */
        public Builder fsGroup(Long fsGroup) {
            this.fsGroup = fsGroup;
            return this;
        }

        /** Sets {@code supplementalGroups}, replacing what was set. @param supplementalGroups the new list @return this builder */
        public Builder supplementalGroups(List<Long> supplementalGroups) {
            this.supplementalGroups = new ArrayList<>(supplementalGroups);
            return this;
        }

        /** Appends to {@code supplementalGroups}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addSupplementalGroups(Long... values) {
            this.supplementalGroups.addAll(List.of(values));
            return this;
        }

        /** Sets {@code sysctls}, replacing what was set. @param sysctls the new list @return this builder */
        public Builder sysctls(List<Sysctl> sysctls) {
            this.sysctls = new ArrayList<>(sysctls);
            return this;
        }

        /** Appends to {@code sysctls}. @param values the values to append @return this builder */
        @SafeVarargs
        public final Builder addSysctls(Sysctl... values) {
            this.sysctls.addAll(List.of(values));
            return this;
        }

        /** @return the PodSecurityContext */
        public PodSecurityContext build() {
            return new PodSecurityContext(runAsUser, runAsGroup, runAsNonRoot, fsGroup, supplementalGroups, sysctls);
        }
    }
}

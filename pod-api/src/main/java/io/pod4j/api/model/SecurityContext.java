package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Security settings of one container.
 *
 * <p>Fields are named as in Kubernetes' {@code SecurityContext}; lists and maps are never null (empty
 * when absent, and unmodifiable), absent scalars are null. Use {@link #builder()} or
 * {@link #toBuilder()} to make one.
 *
 * @param capabilities Kubernetes field {@code capabilities}
 * @param privileged Kubernetes field {@code privileged}
 * @param runAsUser Kubernetes field {@code runAsUser}
 * @param runAsGroup Kubernetes field {@code runAsGroup}
 * @param runAsNonRoot Kubernetes field {@code runAsNonRoot}
 * @param readOnlyRootFilesystem Kubernetes field {@code readOnlyRootFilesystem}
 * @param allowPrivilegeEscalation Kubernetes field {@code allowPrivilegeEscalation}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"capabilities", "privileged", "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem", "allowPrivilegeEscalation"})
public record SecurityContext(
        Capabilities capabilities,
        Boolean privileged,
        Long runAsUser,
        Long runAsGroup,
        Boolean runAsNonRoot,
        Boolean readOnlyRootFilesystem,
        Boolean allowPrivilegeEscalation) {

    /** Normalizes absent lists and maps to empty, unmodifiable ones. */
    public SecurityContext {
    }

    /** @return an empty builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this value's fields, to derive a changed copy */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.capabilities = capabilities;
        b.privileged = privileged;
        b.runAsUser = runAsUser;
        b.runAsGroup = runAsGroup;
        b.runAsNonRoot = runAsNonRoot;
        b.readOnlyRootFilesystem = readOnlyRootFilesystem;
        b.allowPrivilegeEscalation = allowPrivilegeEscalation;
        return b;
    }

    /** Builds a {@link SecurityContext}; every setter returns the builder. */
    public static final class Builder {
        private Capabilities capabilities;
        private Boolean privileged;
        private Long runAsUser;
        private Long runAsGroup;
        private Boolean runAsNonRoot;
        private Boolean readOnlyRootFilesystem;
        private Boolean allowPrivilegeEscalation;

        private Builder() {
        }

        /** Sets {@code capabilities}. @param capabilities the value, or null for none @return this builder */
        public Builder capabilities(Capabilities capabilities) {
            this.capabilities = capabilities;
            return this;
        }

        /** Sets {@code privileged}. @param privileged the value, or null for none @return this builder */
        public Builder privileged(Boolean privileged) {
            this.privileged = privileged;
            return this;
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

        /** Sets {@code readOnlyRootFilesystem}. @param readOnlyRootFilesystem the value, or null for none @return this builder */
        public Builder readOnlyRootFilesystem(Boolean readOnlyRootFilesystem) {
            this.readOnlyRootFilesystem = readOnlyRootFilesystem;
            return this;
        }

        /** Sets {@code allowPrivilegeEscalation}. @param allowPrivilegeEscalation the value, or null for none @return this builder */
        public Builder allowPrivilegeEscalation(Boolean allowPrivilegeEscalation) {
            this.allowPrivilegeEscalation = allowPrivilegeEscalation;
            return this;
        }

        /** @return the SecurityContext */
        public SecurityContext build() {
            return new SecurityContext(capabilities, privileged, runAsUser, runAsGroup, runAsNonRoot, readOnlyRootFilesystem, allowPrivilegeEscalation);
        }
    }
}

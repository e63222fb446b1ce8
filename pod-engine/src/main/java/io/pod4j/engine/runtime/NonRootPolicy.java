package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code runAsNonRoot}, enforced as the kubelet does before it creates a container
 * (pkg/kubelet/kuberuntime/security_context_others.go, verifyRunAsNonRoot): with the effective
 * {@code runAsNonRoot: true}, a {@code runAsUser} of 0 is refused; without a {@code runAsUser}, the
 * image's USER decides: none or 0 is root, a name cannot be verified. Either way the container
 * ends in {@code CreateContainerConfigError}.
 */
final class NonRootPolicy {

    private static final long MAX_USER_ID = Integer.MAX_VALUE;

    private NonRootPolicy() {
    }

    /**
     * Refuses a container that would break its non-root policy.
     *
     * @throws ContainerConfigException with the kubelet's message
     */
    static void verify(DockerClient docker, Pod pod, Container container) throws ContainerConfigException {
        Optional<String> refusal = check(pod, container, () -> Images.user(docker, container.getImage()));
        if (refusal.isPresent()) {
            throw new ContainerConfigException(refusal.get());
        }
    }

    /**
     * @param pod the pod
     * @param container one of its containers
     * @param imageUser the image's configured USER ({@code user}, {@code uid} or {@code user:group};
     *     empty when unset), asked only when the decision needs it
     * @return why the kubelet refuses the container, or empty when it may run
     */
    static Optional<String> check(Pod pod, Container container, Supplier<String> imageUser) {
        var c = container.getSecurityContext();
        var p = pod.getSpec().getSecurityContext();
        // The container's field wins over the pod's, field by field.
        Boolean nonRoot = c != null && c.getRunAsNonRoot() != null ? c.getRunAsNonRoot() : p != null ? p.getRunAsNonRoot() : null;
        if (!Boolean.TRUE.equals(nonRoot)) {
            return Optional.empty();
        }
        Long runAsUser = c != null && c.getRunAsUser() != null ? c.getRunAsUser() : p != null ? p.getRunAsUser() : null;
        String where = " (pod: \"" + pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace()
                + "(" + pod.getMetadata().getUid() + ")\", container: " + container.getName() + ")";
        if (runAsUser != null) {
            return runAsUser == 0 ? Optional.of("container's runAsUser breaks non-root policy" + where) : Optional.empty();
        }
        String user = imageUser.get();
        // Only the user part of user:group counts; no user at all means root.
        String name = user == null ? "" : user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        if (name.isEmpty()) {
            return Optional.of("container has runAsNonRoot and image will run as root" + where);
        }
        long uid;
        try {
            uid = Long.parseLong(name);
        } catch (NumberFormatException notNumeric) {
            return Optional.of("container has runAsNonRoot and image has non-numeric user (" + name
                    + "), cannot verify user is non-root" + where);
        }
        if (uid == 0) {
            return Optional.of("container has runAsNonRoot and image will run as root" + where);
        }
        if (uid < 0 || uid > MAX_USER_ID) {
            return Optional.of("container has runAsNonRoot and image has an invalid user id (" + uid + "). (Must be 1-("
                    + MAX_USER_ID + ")): must be between 0 and " + MAX_USER_ID + ", inclusive" + where);
        }
        return Optional.empty();
    }
}

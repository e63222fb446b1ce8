package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A container's seccomp profile as the kubelet picks it and Docker applies it: the container's
 * {@code securityContext.seccompProfile} wins over the pod's; the deprecated annotations
 * ({@code container.seccomp.security.alpha.kubernetes.io/NAME}, {@code seccomp.security.alpha.kubernetes.io/pod})
 * count where the matching field is unset, as the API server copies them into the fields.
 *
 * <p>With none of them the profile is {@code Unconfined}, the kubelet's default (its
 * {@code seccompDefault} setting is off unless a node turns it on), where Docker alone would apply
 * its default filter. {@code RuntimeDefault} is Docker's default filter, {@code Localhost} the JSON
 * profile {@code <state dir>/seccomp/<localhostProfile>}, as the kubelet's {@code <root dir>/seccomp}.
 */
final class Seccomp {

    static final String POD_ANNOTATION = "seccomp.security.alpha.kubernetes.io/pod";
    static final String CONTAINER_ANNOTATION = "container.seccomp.security.alpha.kubernetes.io/";

    /** The profile a container runs with. @param localhostProfile the file under the seccomp dir, for Localhost */
    record Profile(String type, String localhostProfile) {
        static final Profile UNCONFINED = new Profile("Unconfined", null);
        static final Profile RUNTIME_DEFAULT = new Profile("RuntimeDefault", null);
    }

    private Seccomp() {
    }

    /** @return the profile the kubelet gives the container */
    static Profile of(Pod pod, Container c) {
        SeccompProfile container = c.getSecurityContext() == null ? null : c.getSecurityContext().getSeccompProfile();
        if (container != null && container.getType() != null) {
            return new Profile(container.getType(), container.getLocalhostProfile());
        }
        Map<String, String> annotations = pod.getMetadata() == null || pod.getMetadata().getAnnotations() == null
                ? Map.of() : pod.getMetadata().getAnnotations();
        Profile fromAnnotation = annotation(annotations.get(CONTAINER_ANNOTATION + c.getName()));
        if (fromAnnotation != null) {
            return fromAnnotation;
        }
        var podContext = pod.getSpec().getSecurityContext();
        SeccompProfile podLevel = podContext == null ? null : podContext.getSeccompProfile();
        if (podLevel != null && podLevel.getType() != null) {
            return new Profile(podLevel.getType(), podLevel.getLocalhostProfile());
        }
        fromAnnotation = annotation(annotations.get(POD_ANNOTATION));
        return fromAnnotation != null ? fromAnnotation : Profile.UNCONFINED;
    }

    /** The annotation's values: runtime/default (docker/default), unconfined, localhost/PATH. */
    private static Profile annotation(String value) {
        if (value == null) {
            return null;
        }
        if (value.equals("runtime/default") || value.equals("docker/default")) {
            return Profile.RUNTIME_DEFAULT;
        }
        if (value.equals("unconfined")) {
            return Profile.UNCONFINED;
        }
        if (value.startsWith("localhost/")) {
            return new Profile("Localhost", value.substring("localhost/".length()));
        }
        return null;
    }

    /**
     * @param profile the container's profile
     * @param seccompDir where Localhost profiles live
     * @return Docker's security option ({@code seccomp=unconfined}, {@code seccomp=<profile JSON>}), or
     *     null for Docker's default filter
     * @throws IllegalStateException in the Docker runtime's words when a Localhost profile cannot be read
     *     (the kubelet reports it as CreateContainerError)
     */
    static String securityOpt(String containerName, Profile profile, Path seccompDir) {
        return switch (profile.type()) {
            case "Unconfined" -> "seccomp=unconfined";
            case "Localhost" -> "seccomp=" + read(containerName, seccompDir.resolve(profile.localhostProfile())
                    .toAbsolutePath().normalize());
            default -> null;
        };
    }

    private static String read(String containerName, Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file or directory" : e.toString();
            throw new IllegalStateException("failed to generate security options for container \"" + containerName
                    + "\": failed to generate seccomp security options for container: cannot load seccomp profile \""
                    + file + "\": open " + file + ": " + why);
        }
    }
}

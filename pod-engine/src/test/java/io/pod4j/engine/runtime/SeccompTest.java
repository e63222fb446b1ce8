package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which seccomp profile the kubelet gives a container, and how Docker is told. */
class SeccompTest {

    private static Pod pod(SeccompProfile podLevel, SeccompProfile containerLevel) {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .withNewSecurityContext().withSeccompProfile(podLevel).endSecurityContext()
                .addNewContainer().withName("app").withImage("x").withNewSecurityContext().withSeccompProfile(containerLevel)
                .endSecurityContext().endContainer().endSpec().build();
    }

    private static SeccompProfile profile(String type) {
        return new SeccompProfile(null, type);
    }

    private static Container app(Pod p) {
        return p.getSpec().getContainers().get(0);
    }

    @Test
    void withoutAnyProfileAContainerRunsUnconfinedAsUnderTheKubeletsDefault() {
        Pod p = pod(null, null);

        assertThat(Seccomp.of(p, app(p))).isEqualTo(Seccomp.Profile.UNCONFINED);
        assertThat(Seccomp.securityOpt("app", Seccomp.of(p, app(p)), Path.of("x"))).isEqualTo("seccomp=unconfined");
    }

    @Test
    void thePodsProfileAppliesToContainersWithoutTheirOwn() {
        Pod p = pod(profile("RuntimeDefault"), null);

        assertThat(Seccomp.of(p, app(p))).isEqualTo(Seccomp.Profile.RUNTIME_DEFAULT);
    }

    @Test
    void theContainersProfileWinsOverThePods() {
        Pod p = pod(profile("RuntimeDefault"), profile("Unconfined"));

        assertThat(Seccomp.of(p, app(p))).isEqualTo(Seccomp.Profile.UNCONFINED);
    }

    @Test
    void runtimeDefaultLeavesDockersDefaultFilter() {
        assertThat(Seccomp.securityOpt("app", Seccomp.Profile.RUNTIME_DEFAULT, Path.of("x"))).isNull();
    }

    @Test
    void deprecatedAnnotationsCountWhereNoFieldIsSet() {
        Pod p = pod(null, null);
        p.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(
                Seccomp.POD_ANNOTATION, "unconfined",
                Seccomp.CONTAINER_ANNOTATION + "app", "runtime/default")));

        assertThat(Seccomp.of(p, app(p))).isEqualTo(Seccomp.Profile.RUNTIME_DEFAULT);
        p.getMetadata().getAnnotations().remove(Seccomp.CONTAINER_ANNOTATION + "app");
        assertThat(Seccomp.of(p, app(p))).isEqualTo(Seccomp.Profile.UNCONFINED);
    }

    @Test
    void aLocalhostProfileIsTheFilesJson(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("profiles"));
        Files.writeString(dir.resolve("profiles/audit.json"), "{\"defaultAction\":\"SCMP_ACT_LOG\"}");

        assertThat(Seccomp.securityOpt("app", new Seccomp.Profile("Localhost", "profiles/audit.json"), dir))
                .isEqualTo("seccomp={\"defaultAction\":\"SCMP_ACT_LOG\"}");
    }

    @Test
    void aMissingLocalhostProfileFailsInTheRuntimesWords(@TempDir Path dir) {
        Path file = dir.resolve("nope.json").toAbsolutePath();

        assertThatThrownBy(() -> Seccomp.securityOpt("app", new Seccomp.Profile("Localhost", "nope.json"), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("failed to generate security options for container \"app\": failed to generate seccomp security"
                        + " options for container: cannot load seccomp profile \"" + file + "\": open " + file
                        + ": no such file or directory");
    }
}

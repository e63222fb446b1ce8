package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NonRootPolicyTest {

    private static final String WHERE = " (pod: \"web_team(0f1e-uid)\", container: app)";

    /** Empty cells are unset fields; {@code image} is the image's USER. */
    @ParameterizedTest(name = "pod nonRoot={0} user={1}, container nonRoot={2} user={3}, image USER \"{4}\" -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // No policy: anything runs.
        "-|-|-|-|''|-",
        "false|0|-|-|''|-",
        "-|-|false|0|0|-",
        // runAsUser decides when set, whatever the image says.
        "true|0|-|-|1000|container's runAsUser breaks non-root policy",
        "-|-|true|0|1000|container's runAsUser breaks non-root policy",
        "true|-|-|0|1000|container's runAsUser breaks non-root policy",
        "true|1000|-|-|''|-",
        "-|-|true|1000|root|-",
        "true|0|-|1000|''|-",
        // The container's runAsNonRoot wins over the pod's.
        "true|-|false|0|''|-",
        "false|-|true|0|1000|container's runAsUser breaks non-root policy",
        // No runAsUser: the image's USER decides.
        "true|-|-|-|''|container has runAsNonRoot and image will run as root",
        "-|-|true|-|0|container has runAsNonRoot and image will run as root",
        "-|-|true|-|0:0|container has runAsNonRoot and image will run as root",
        "-|-|true|-|:1000|container has runAsNonRoot and image will run as root",
        "-|-|true|-|1000|-",
        "-|-|true|-|65534:65534|-",
        "-|-|true|-|root|container has runAsNonRoot and image has non-numeric user (root), cannot verify user is non-root",
        "-|-|true|-|nobody:nogroup|container has runAsNonRoot and image has non-numeric user (nobody), cannot verify user is non-root",
        "-|-|true|-|4294967296|container has runAsNonRoot and image has an invalid user id (4294967296). (Must be 1-(2147483647)): must be between 0 and 2147483647, inclusive",
    })
    void decidesAsTheKubelet(Boolean podNonRoot, Long podUser, Boolean nonRoot, Long user, String imageUser, String refusal) {
        Pod pod = pod(podNonRoot, podUser);
        Container c = container(nonRoot, user);
        assertThat(NonRootPolicy.check(pod, c, () -> imageUser))
                .isEqualTo(refusal == null ? Optional.empty() : Optional.of(refusal + WHERE));
    }

    @Test
    void asksForTheImagesUserOnlyWhenItDecides() {
        AtomicBoolean asked = new AtomicBoolean();
        assertThat(NonRootPolicy.check(pod(true, 1000L), container(null, null), () -> {
            asked.set(true);
            return "";
        })).isEmpty();
        assertThat(NonRootPolicy.check(pod(null, null), container(null, null), () -> {
            asked.set(true);
            return "";
        })).isEmpty();
        assertThat(asked).isFalse();
    }

    private static Pod pod(Boolean nonRoot, Long user) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName("web").withNamespace("team").withUid("0f1e-uid").endMetadata()
                .withNewSpec().endSpec();
        if (nonRoot != null || user != null) {
            b.editSpec().withSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(nonRoot).withRunAsUser(user).build()).endSpec();
        }
        return b.build();
    }

    private static Container container(Boolean nonRoot, Long user) {
        ContainerBuilder b = new ContainerBuilder().withName("app").withImage("busybox");
        if (nonRoot != null || user != null) {
            b.withSecurityContext(new SecurityContextBuilder().withRunAsNonRoot(nonRoot).withRunAsUser(user).build());
        }
        return b.build();
    }
}

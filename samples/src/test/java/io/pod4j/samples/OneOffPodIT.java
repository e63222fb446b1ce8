package io.pod4j.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pod4j.engine.TestImages;
import io.pod4j.junit.PodTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link OneOffPod}, a program written against fabric8's client, tested on pod4j: the extension
 * hands it a client of the test's engine, and its Pods are real containers.
 */
@PodTest
class OneOffPodIT {

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @Test
    void streamsTheLogAndReportsTheExitCodeOfAFailingCommand(KubernetesClient client) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int exitCode = new OneOffPod(client, "default").run(TestImages.BUSYBOX,
                List.of("sh", "-c", "echo building; sleep 1; echo tests failed >&2; exit 3"), log, Duration.ofSeconds(60));
        assertThat(exitCode).isEqualTo(3);
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("building\ntests failed\n");
    }

    @Test
    void deletesItsPodOnceTheCommandEnded(KubernetesClient client) {
        int exitCode = new OneOffPod(client, "default").run(TestImages.BUSYBOX, List.of("true"), new ByteArrayOutputStream(),
                Duration.ofSeconds(60));
        assertThat(exitCode).isZero();
        assertThat(client.pods().inNamespace("default").withLabel("app", "one-off").list().getItems())
                .allMatch(p -> p.getMetadata().getDeletionTimestamp() != null);
    }

    @Test
    void saysWhyAContainerCannotStart(KubernetesClient client) {
        assertThatThrownBy(() -> new OneOffPod(client, "default").run("pod4j-test/no-such-image:never", List.of("true"),
                new ByteArrayOutputStream(), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot start: ErrImagePull");
    }
}

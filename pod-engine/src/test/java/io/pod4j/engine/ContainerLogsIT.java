package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code kubectl logs}: what a container wrote, its last lines, and the instance before a restart. */
class ContainerLogsIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    /** @return the app container's logs, or nothing while it is not created yet */
    private static String logsSoFar(PodHandle h) {
        try {
            return h.logs("app");
        } catch (IllegalArgumentException notCreatedYet) {
            return "";
        }
    }

    @Test
    void logsHoldWhatAContainerWroteOnStdoutAndStderr() {
        Pod pod = Pods.named("logs-both").container("app", c -> c.image(TestImages.BUSYBOX)
                .command("sh", "-c", "echo to stdout; echo to stderr >&2; exec sleep 3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> logsSoFar(h).lines().count() == 2);

            assertThat(h.logs("app").lines()).containsExactlyInAnyOrder("to stdout", "to stderr");
        }
    }

    @Test
    void aTailGivesTheLastLines() {
        Pod pod = Pods.named("logs-tail").container("app", c -> c.image(TestImages.BUSYBOX)
                .command("sh", "-c", "for i in 1 2 3 4 5; do echo line $i; done; exec sleep 3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> logsSoFar(h).contains("line 5"));

            assertThat(h.logs("app", false, 2)).isEqualTo("line 4\nline 5\n");
        }
    }

    @Test
    void previousLogsAreThoseOfTheInstanceBeforeTheLastRestart() {
        Pod pod = Pods.named("logs-previous").container("app", c -> c.image(TestImages.BUSYBOX)
                .command("sh", "-c", "echo started at $(cat /proc/uptime); exit 3")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.await(p -> !p.getStatus().getContainerStatuses().isEmpty() && p.getStatus().getContainerStatuses().get(0).getRestartCount() >= 1,
                    "restart once", Duration.ofSeconds(30));
            // Logs are read outside the engine's await, whose condition must look at the pod alone.
            await().atMost(Duration.ofSeconds(30)).until(() -> !logsSoFar(h).isEmpty());

            String previous = h.logs("app", true, null);
            assertThat(previous).startsWith("started at ");
            assertThat(h.logs("app")).startsWith("started at ").isNotEqualTo(previous);
        }
    }
}

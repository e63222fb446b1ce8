package io.pod4j.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Docker daemon stops and starts again while pods run (a Docker restart stops every container):
 * meanwhile the engine says it does not know the pods' state; once Docker answers again it sees the
 * containers' ends, recreates the sandbox and restarts the containers of a pod under
 * restartPolicy Always, and fails a pod under Never, as the kubelet does.
 *
 * <p>Runs alone, after every other integration test of this module (its own Failsafe execution),
 * because it stops every container on the daemon. Restarting needs root on a local engine
 * ({@code scripts/restart-docker}); under CI=true a machine where that is impossible fails the test.
 */
class DaemonRestartIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ContainerStatus app(Pod p) {
        return p.getStatus().getContainerStatuses().get(0);
    }

    @Test
    void reportsUnknownWhileDockerIsDownThenRestartsOrFailsThePodsPerRestartPolicy() throws Exception {
        PodHandle always = ENGINE.engine().create(Pods.named("survivor")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build());
        PodHandle never = ENGINE.engine().create(Pods.named("one-shot").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build());
        try {
            always.awaitReady(WAIT);
            never.awaitReady(WAIT);
            String before = always.containerId("app", false);

            restartDocker("stop");
            always.await(p -> "Unknown".equals(p.getStatus().getPhase()), "show phase Unknown while Docker is down", WAIT);
            assertThat(always.status().getMessage()).contains("does not answer");

            restartDocker("start");
            Pod back = always.await(p -> "Running".equals(p.getStatus().getPhase()) && app(p).getRestartCount() >= 1
                    && Boolean.TRUE.equals(app(p).getReady()), "run again with a restart counted", WAIT);
            assertThat(always.containerId("app", false)).isNotEqualTo(before);
            assertThat(app(back).getLastState().getTerminated()).isNotNull();
            assertThat(always.events()).anySatisfy(e -> assertThat(e.getReason()).isEqualTo("SandboxChanged"));

            Pod failed = never.awaitPhase("Failed", WAIT);
            assertThat(app(failed).getState().getTerminated()).isNotNull();
            assertThat(app(failed).getRestartCount()).isZero();
        } finally {
            restartDocker("start"); // whatever happened, leave an engine running for what follows
            always.close();
            never.close();
        }
    }

    private static void restartDocker(String action) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Process p = new ProcessBuilder(root.resolve("scripts/restart-docker").toString(), action)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("scripts/restart-docker " + action + " did not finish:\n" + out);
        }
        if (p.exitValue() == 3 && !"true".equals(System.getenv("CI"))) {
            Assumptions.abort("this machine's Docker engine cannot be restarted by the test:\n" + out);
        }
        assertThat(p.exitValue()).as("scripts/restart-docker " + action + ":\n" + out).isZero();
    }
}

package io.pod4j.engine.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import io.pod4j.api.build.Pods;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.Labels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReaperIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static int containersOf(String pod) {
        return ENGINE.engine().docker().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.POD, pod)).exec().size();
    }

    @Test
    void removesThePodsOfAProcessKilledWithSigkillWithinTenSeconds() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process owner = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(), "orphan")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // the child's log lines
            }
            assertThat(line).as("the child started its pod").isEqualTo("ready");
            assertThat(containersOf("orphan")).isEqualTo(2);
        } finally {
            owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
            owner.waitFor(10, TimeUnit.SECONDS);
        }
        long killed = System.nanoTime();
        // This test's engine is the "running engine" whose reaper sweeps every 5 s.
        while (containersOf("orphan") > 0 && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(200);
        }
        assertThat(containersOf("orphan")).as("containers of the dead owner's pod").isZero();
        System.out.printf("orphan of a dead engine gone %d ms after it was killed%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        assertThat(ENGINE.engine().docker().client().listVolumesCmd()
                .withFilter("label", List.of(Labels.POD + "=orphan")).exec().getVolumes()).isNullOrEmpty();
    }

    @Test
    void killsAtOnceAPodCreatedForAProcessThatDiedThoughItIgnoresSigtermAndHasThirtySecondsOfGrace() throws Exception {
        Process kubelet = new ProcessBuilder("sleep", "3600").start(); // stands for the process a static pod lives for
        try {
            Owner createdFor = Owner.of(kubelet.pid()).orElseThrow();
            // The default grace period (30 s), and a process that ignores SIGTERM: only a kill at once is quick.
            ENGINE.engine().create(Pods.named("created-for").container("app", c -> c.image(TestImages.BUSYBOX)
                    .command("sh", "-c", "trap '' TERM; sleep 3600")).build(), createdFor)
                    .awaitReady(Duration.ofSeconds(60));
            assertThat(containersOf("created-for")).isEqualTo(2);
        } finally {
            kubelet.destroyForcibly();
            kubelet.waitFor(10, TimeUnit.SECONDS);
        }
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> containersOf("created-for") == 0 && ENGINE.engine().get("default", "created-for").isEmpty());
        System.out.printf("orphan of a dead process gone %d ms after its owner was killed%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
    }
}

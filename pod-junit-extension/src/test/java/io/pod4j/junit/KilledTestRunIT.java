package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pod4j.api.build.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A JUnit run killed with SIGKILL in the middle of a test (no callback, no shutdown hook runs):
 * the next pod4j engine to start removes its pod within 10 s.
 */
class KilledTestRunIT {

    private static final String POD = "junit-killed";

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    private static int containersOfThePod() {
        try (DockerConnection docker = DockerConnection.open(null)) {
            return docker.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.POD, POD)).exec().size();
        }
    }

    @Test
    void theNextEngineRemovesThePodsOfAJUnitRunKilledWithSigkill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KilledTestRunIT.class.getName())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("test running")) {
                // the child's log lines
            }
            assertThat(line).as("the child's test started with its pod Ready").isEqualTo("test running");
            assertThat(containersOfThePod()).isEqualTo(2);
        } finally {
            run.destroyForcibly(); // SIGKILL
            run.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(containersOfThePod()).as("the killed run left its pod behind, as it could not clean up").isEqualTo(2);
        long started = System.nanoTime();
        try (PodEngine next = PodEngine.builder().build()) {
            while (containersOfThePod() > 0 && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
                Thread.sleep(200);
            }
            assertThat(containersOfThePod()).as("containers of the killed run's pod, 10 s after the next engine started").isZero();
            assertThat(next.list(null, null, null)).isEmpty();
        }
    }

    /**
     * The child JVM: runs {@link BlockingTestCase} with the JUnit Platform launcher, as a build tool would.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(BlockingTestCase.class)).build());
    }

    @PodTest
    static class BlockingTestCase {
        @TestPod(method = "pod")
        static PodHandle pod;

        static Pod pod() {
            return Pods.named(POD).container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        }

        @Test
        void waitsToBeKilled() throws InterruptedException {
            System.out.println("test running");
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        }
    }
}

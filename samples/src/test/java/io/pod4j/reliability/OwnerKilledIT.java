package io.pod4j.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pod4j.engine.PodEngine;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The process that owns pods goes away: Ctrl-C of {@code ./pod4j kubelet} stops its static pods
 * gracefully; a JUnit run killed with SIGKILL leaves pods that the next engine's reaper removes
 * within 10 s. Each check looks only at the objects of the pod it made.
 */
class OwnerKilledIT {

    @Test
    void ctrlCOfTheKubeletStopsItsStaticPodsAndLeavesNothing() throws Exception {
        TestImages.ensure();
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path state = Path.of("target", "cli-state-owner-killed").toAbsolutePath();
        Path dir = Files.createDirectories(Path.of("target", "owner-killed-manifests").toAbsolutePath());
        try (var old = Files.list(dir)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(dir.resolve("interrupted.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: interrupted\nspec:\n"
                + "  terminationGracePeriodSeconds: 2\n  containers:\n  - name: main\n    image: " + TestImages.BUSYBOX + "\n"
                + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; while true; do sleep 1; done\"]\n");
        ProcessBuilder pb = new ProcessBuilder(root.resolve("pod4j").toString(), "kubelet", "--pod-manifest-path", dir.toString())
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("POD4J_STATE_DIR", state.toString());
        pb.environment().put("POD4J_IDLE_SECONDS", "2");
        pb.environment().put("POD4J_NO_BUILD", "1");
        Process kubelet = pb.start();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                kubelet.getInputStream().transferTo(log);
            } catch (IOException ended) {
                // The kubelet exited.
            }
        });
        drain.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(running("interrupted")).as(log::toString).isNotEmpty());
            // Ctrl-C: the launcher execs the JVM, so the process is the kubelet itself.
            Process sigint = new ProcessBuilder("kill", "-INT", Long.toString(kubelet.pid())).start();
            assertThat(sigint.waitFor()).isZero();
            assertThat(kubelet.waitFor(60, TimeUnit.SECONDS)).as("the kubelet exits after Ctrl-C\n" + log).isTrue();
        } finally {
            kubelet.destroyForcibly();
            drain.join(10_000);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(containers("interrupted")).as(log::toString).isEmpty());
        assertThat(volumes("interrupted")).isEmpty();
    }

    @Test
    void aJUnitRunKilledWithSigkillLeavesPodsTheNextEngineRemovesWithinTenSeconds() throws Exception {
        TestImages.ensure();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SleepingPodRun.class.getName())
                .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("ready")) {
                lines.add(line);
            }
            assertThat(line).as("the JUnit run started its pod:\n" + String.join("\n", lines)).startsWith("ready");
            assertThat(containers(SleepingPodRun.POD)).hasSize(2);
        } finally {
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no afterAll
            run.waitFor(10, TimeUnit.SECONDS);
        }
        long killed = System.nanoTime();
        try (PodEngine next = PodEngine.builder().build()) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(containers(SleepingPodRun.POD)).isEmpty());
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(volumes(SleepingPodRun.POD)).isEmpty());
            assertThat(next.list(null, null, null)).isEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(15));
    }

    private static List<String> running(String pod) {
        return containers(pod).stream().filter(c -> c.startsWith("running")).toList();
    }

    /** The containers of pods of that name (the name is this test's own), as "state name". */
    private static List<String> containers(String pod) {
        try (DockerConnection docker = DockerConnection.open(null)) {
            return docker.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.MANAGED, "true")).exec().stream()
                    .filter(c -> c.getLabels().getOrDefault(Labels.POD, "").startsWith(pod))
                    .map(c -> c.getState() + " " + c.getNames()[0]).toList();
        }
    }

    private static List<String> volumes(String pod) {
        try (DockerConnection docker = DockerConnection.open(null)) {
            var volumes = docker.client().listVolumesCmd().withFilter("label", List.of(Labels.MANAGED + "=true")).exec().getVolumes();
            return volumes == null ? List.of() : volumes.stream()
                    .filter(v -> v.getLabels() != null && v.getLabels().getOrDefault(Labels.POD, "").startsWith(pod))
                    .map(v -> v.getName()).toList();
        }
    }
}

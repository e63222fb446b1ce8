package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's promise for static pods: a {@code pod4j kubelet} killed with -9 leaves nothing for
 * long. Its pods are orphans, killed at once whatever their grace period.
 */
class KilledKubeletIT {

    private static Pod4jProcess pod4j;

    @BeforeAll
    static void setUp() {
        pod4j = new Pod4jProcess("killed-kubelet");
    }

    @AfterAll
    static void tearDown() throws Exception {
        pod4j.cleanUp();
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }

    /** @return the containers and volumes labelled for the pod, one a line */
    private static String labelledFor(String pod) throws IOException, InterruptedException {
        return (docker("docker", "ps", "-a", "-q", "--filter", "label=io.pod4j.pod=" + pod) + "\n"
                + docker("docker", "volume", "ls", "-q", "--filter", "label=io.pod4j.pod=" + pod)).strip();
    }

    /** Starts {@code ./pod4j kubelet} on a fresh directory with one static pod ignoring SIGTERM; waits until it runs. */
    private static Process kubeletRunning(String pod) throws Exception {
        Path dir = Files.createDirectories(pod4j.stateDir().resolveSibling("killed-kubelet-" + pod));
        try (var old = Files.list(dir)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        // The default grace period (30 s) and a process that ignores SIGTERM: a graceful stop would take 30 s.
        Files.writeString(dir.resolve(pod + ".yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + pod + "\nspec:\n"
                + "  containers:\n  - name: main\n    image: pod4j-test/busybox:1\n"
                + "    command: [\"sh\", \"-c\", \"trap '' TERM; sleep 3600\"]\n");
        String name = staticName(pod);
        Process kubelet = pod4j.start("kubelet", "--pod-manifest-path", dir.toString());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(pod4j.run("get", "pods", name, "-o", "jsonpath={.status.phase}").stdout()).isEqualTo("Running"));
        assertThat(labelledFor(name)).as("the static pod's containers").isNotEmpty();
        return kubelet;
    }

    private static String staticName(String pod) {
        return pod + "-" + pod4j.run("get", "nodes", "-o", "name").stdout().strip().replace("node/", "");
    }

    private static void kill(long pid) throws Exception {
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
    }

    @Test
    void thePodsOfAKubeletKilledWithSigkillAreGoneWithinTenSecondsThoughTheyIgnoreSigterm() throws Exception {
        String name = staticName("stubborn");
        Process kubelet = kubeletRunning("stubborn");
        kill(kubelet.pid());
        long killed = System.nanoTime();
        assertThat(pod4j.run("get", "pods").exitCode()).isZero(); // any command, as a user would run next
        Duration left = Duration.ofSeconds(10).minusNanos(System.nanoTime() - killed);
        await().atMost(left).pollInterval(Duration.ofMillis(100)).until(() -> labelledFor(name).isEmpty());
        System.out.printf("static pod of a killed kubelet gone %d ms after kill -9%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        assertThat(pod4j.run("get", "pods", "-o", "name").stdout()).doesNotContain(name);
        assertThat(Files.readString(pod4j.stateDir().resolve("supervisor.log")))
                .as("one log line names the dead owner")
                .contains("pod default/" + name + " is an orphan: its owner process " + kubelet.pid() + " on ");
    }

    @Test
    void aKilledKubeletsPodsAreNotRestoredByTheNextSupervisorWhenTheSupervisorWasKilledToo() throws Exception {
        String name = staticName("abandoned");
        Process kubelet = kubeletRunning("abandoned");
        long supervisor = Long.parseLong(Files.readString(pod4j.stateDir().resolve("supervisor.pid")).strip());
        kill(supervisor);
        kill(kubelet.pid());
        long killed = System.nanoTime();
        // Starts the next supervisor, whose engine removes the orphans as it starts.
        Process next = pod4j.start("get", "pods", "-o", "name");
        Duration left = Duration.ofSeconds(10).minusNanos(System.nanoTime() - killed);
        await().atMost(left).pollInterval(Duration.ofMillis(100)).until(() -> labelledFor(name).isEmpty());
        assertThat(next.waitFor(2, TimeUnit.MINUTES)).isTrue();
        System.out.printf("static pod of a killed kubelet and supervisor gone %d ms after kill -9%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
        assertThat(pod4j.run("get", "pods", "-o", "name").stdout()).doesNotContain(name);
        assertThat(Files.readString(pod4j.stateDir().resolve("supervisor.log")))
                .contains("pod default/" + name + " is an orphan: its owner process " + kubelet.pid() + " on ");
    }
}

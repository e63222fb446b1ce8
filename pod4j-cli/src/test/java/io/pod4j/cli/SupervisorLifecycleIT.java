package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The supervisor behind {@code ./pod4j} starts with the first command that needs it and leaves
 * when it has had no pods and no clients for {@code $POD4J_IDLE_SECONDS} (2–6 s here); an open
 * watch is a client. Without kubectl, {@code ./pod4j} says in one line how to get it.
 */
class SupervisorLifecycleIT {

    private static Pod4jProcess pod4j;

    @BeforeAll
    static void setUp() {
        pod4j = new Pod4jProcess("lifecycle");
    }

    @AfterAll
    static void tearDown() throws Exception {
        pod4j.cleanUp();
    }

    private static Optional<ProcessHandle> supervisor() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pod4j.stateDir().resolve("supervisor.pid")).strip()))
                    .filter(ProcessHandle::isAlive);
        } catch (java.io.IOException | NumberFormatException none) {
            return Optional.empty();
        }
    }

    @Test
    void theFirstCommandStartsItAndItLeavesWhenIdle() {
        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor().isEmpty());

        // Idle for 6 s, so that it is still there to be seen when the command has returned.
        Pod4jProcess.Result r = pod4j.run(Map.of("POD4J_IDLE_SECONDS", "6"), null, "get", "pods");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).isEqualTo("No resources found in default namespace.\n");
        ProcessHandle started = supervisor().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).until(() -> !started.isAlive());
        assertThat(pod4j.stateDir().resolve("supervisor.pid")).doesNotExist();
    }

    @Test
    void anOpenWatchKeepsItServingUntilTheWatchEnds() throws Exception {
        Process watch = pod4j.start("get", "pods", "-w");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> supervisor().isPresent());
            ProcessHandle serving = supervisor().orElseThrow();
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(serving::isAlive);
            watch.destroy();
            await().atMost(Duration.ofSeconds(30)).until(() -> !serving.isAlive());
        } finally {
            watch.destroyForcibly();
        }
    }

    @Test
    void withoutKubectlItSaysInOneLineHowToInstallIt() throws Exception {
        // A PATH with bash and java only.
        Path bin = Files.createDirectories(pod4j.stateDir().resolveSibling("lifecycle-bin"));
        link(bin.resolve("bash"), Files.exists(Path.of("/usr/bin/bash")) ? Path.of("/usr/bin/bash") : Path.of("/bin/bash"));
        link(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));

        Pod4jProcess.Result r = pod4j.run(Map.of("PATH", bin.toString(), "JAVA_HOME", System.getProperty("java.home")), null,
                "get", "pods");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEqualTo("error: kubectl not found on the PATH; ./pod4j runs the real kubectl against pod4j:"
                + " install it (https://kubernetes.io/docs/tasks/tools/) or set POD4J_KUBECTL to its path\n");
    }

    private static void link(Path link, Path target) throws java.io.IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }
}

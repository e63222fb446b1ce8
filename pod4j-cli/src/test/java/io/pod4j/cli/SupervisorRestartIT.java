package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The supervisor's state directory is the desired state: a killed supervisor's pods come back. */
class SupervisorRestartIT {

    private static Pod4jProcess pod4j;

    @BeforeAll
    static void setUp() {
        pod4j = new Pod4jProcess("restart");
    }

    @AfterAll
    static void tearDown() throws Exception {
        pod4j.cleanUp();
    }

    @Test
    void podsOfAKilledSupervisorComeBackWithTheirLabels() throws Exception {
        assertThat(pod4j.run("run", "restart-keeper", "--image=pod4j-test/busybox:1", "--", "sleep", "3600").exitCode()).isZero();
        assertThat(pod4j.run("label", "pod", "restart-keeper", "color=blue").stdout()).contains("pod/restart-keeper labeled");
        long pid = Long.parseLong(Files.readString(pod4j.stateDir().resolve("supervisor.pid")).strip());
        ProcessHandle supervisor = ProcessHandle.of(pid).orElseThrow();
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> !supervisor.isAlive());
        // The next command starts the next supervisor; the killed one's containers are orphans, gone within
        // the README's 10 s, while it starts.
        Process next = pod4j.start("get", "pods", "restart-keeper", "--show-labels");
        await().atMost(Duration.ofSeconds(10).minusNanos(System.nanoTime() - killed)).pollInterval(Duration.ofMillis(100))
                .until(() -> containersOwnedBy(pid).isEmpty());
        assertThat(next.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(new String(next.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("color=blue,run=restart-keeper");
        assertThat(pod4j.run("wait", "--for=condition=Ready", "pod/restart-keeper", "--timeout=60s").exitCode()).isZero();
    }

    private static String containersOwnedBy(long pid) throws Exception {
        Process ps = new ProcessBuilder("docker", "ps", "-a", "--filter", "label=io.pod4j.managed=true",
                "--format", "{{.ID}} {{.Label \"io.pod4j.owner\"}}").start();
        String all = new String(ps.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        ps.waitFor();
        return String.join("\n", all.lines().filter(l -> l.contains("/" + pid + "/")).toList());
    }
}

package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code pod4j kubelet --pod-manifest-path DIR}: static pods follow the directory. */
class StaticPodsIT {

    private static Pod4jProcess pod4j;

    @BeforeAll
    static void setUp() {
        pod4j = new Pod4jProcess("static");
    }

    @AfterAll
    static void tearDown() throws Exception {
        pod4j.cleanUp();
    }

    private static String manifest(String name, String label) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  labels:\n    v: \"" + label + "\"\nspec:\n"
                + "  terminationGracePeriodSeconds: 1\n  containers:\n  - name: main\n    image: pod4j-test/busybox:1\n"
                + "    command: [\"sleep\", \"3600\"]\n";
    }

    @Test
    void followsFilesAddedChangedAndRemovedAndStopsPodsOnInterrupt() throws Exception {
        Path dir = Files.createDirectories(pod4j.stateDir().resolveSibling("static-manifests"));
        try (var old = Files.list(dir)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        String node = pod4j.run("get", "nodes", "-o", "name").stdout().strip().replace("node/", "");
        Files.writeString(dir.resolve(".hidden.yaml"), manifest("static-hidden", "1"));
        Files.writeString(dir.resolve("broken.txt"), "kind: [this is not a pod");
        Process kubelet = pod4j.start("kubelet", "--pod-manifest-path", dir.toString());
        var stderr = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                kubelet.getErrorStream().transferTo(stderr);
            } catch (java.io.IOException ended) {
                // The kubelet exited.
            }
        });
        drain.start();
        try {
            Files.writeString(dir.resolve("static-web.conf"), manifest("static-web", "1"));
            String name = "static-web-" + node;
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(pod4j.run("get", "pods", name, "--show-labels").stdout()).contains("v=1"));
            Files.writeString(dir.resolve("static-web.conf"), manifest("static-web", "2"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(pod4j.run("get", "pods", name, "--show-labels").stdout()).contains("v=2"));
            assertThat(pod4j.run("get", "pods", "-o", "name").stdout()).doesNotContain("static-hidden");
            // A mirror pod deleted through the API is posted again by its kubelet, as on a node.
            String uid = pod4j.run("get", "pods", name, "-o", "jsonpath={.metadata.uid}").stdout();
            assertThat(pod4j.run("delete", "pod", name).stdout()).isEqualTo("pod \"" + name + "\" deleted\n");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(pod4j.run("get", "pods", name, "-o", "jsonpath={.status.phase} {.metadata.uid}").stdout())
                            .startsWith("Running ").doesNotEndWith(uid));
            Files.delete(dir.resolve("static-web.conf"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(pod4j.run("get", "pods", "-o", "name").stdout()).doesNotContain(name));
            Files.writeString(dir.resolve("again.yaml"), manifest("static-again", "1"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(pod4j.run("get", "pods", "-o", "name").stdout()).contains("pod/static-again-" + node));
        } finally {
            // Ctrl-C: SIGINT to the JVM (the launcher execs java), which stops its pods gracefully.
            new ProcessBuilder("kill", "-INT", Long.toString(kubelet.pid())).start().waitFor();
            if (!kubelet.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                kubelet.destroyForcibly();
                throw new AssertionError("pod4j kubelet did not stop within 60 s of SIGINT");
            }
        }
        drain.join();
        String log = stderr.toString();
        assertThat(log).contains("skipping " + dir.resolve("broken.txt"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(pod4j.run("get", "pods", "-o", "name").stdout()).as(log).isEmpty());
        Process ps = new ProcessBuilder("docker", "ps", "-a", "-q", "--filter", "label=io.pod4j.pod=static-again-" + node).start();
        assertThat(new String(ps.getInputStream().readAllBytes()).strip()).as("containers of the static pod after Ctrl-C").isEmpty();
    }
}

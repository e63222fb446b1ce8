package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.cli.verbs.ManifestFiles;
import io.pod4j.engine.TestImages;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the real {@code ./pod4j} as separate processes, as a kubectl user would: each command is its
 * own process, so every step also shows pods started by one process seen, labelled and deleted
 * from another. The flow follows one session in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliIT {

    private static Path root;
    private static Path state;

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void setUp() throws IOException {
        TestImages.ensure();
        root = Path.of("").toAbsolutePath().getParent();
        state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cli-state");
    }

    @AfterAll
    static void tearDown() throws Exception {
        // With no pods left the supervisor exits by itself (POD4J_IDLE_SECONDS), deleting nothing more.
        pod4j("delete", "pods", "--all", "-A", "--grace-period=0", "--force");
        long deadline = System.currentTimeMillis() + 60_000;
        while (Files.exists(state.resolve("supervisor.sock")) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(state.resolve("supervisor.sock")).doesNotExist();
    }

    static Result pod4j(String... args) throws IOException, InterruptedException {
        return pod4jWithInput(null, args);
    }

    static Result pod4jWithInput(String input, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("pod4j").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.resolve("pod4j-cli/src/test/resources").toFile());
        pb.environment().put("POD4J_STATE_DIR", state.toString());
        pb.environment().put("POD4J_IDLE_SECONDS", "3");
        File out = File.createTempFile("out", ".txt");
        File err = File.createTempFile("err", ".txt");
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("pod4j " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    @Test
    @Order(1)
    void appliesAMultiDocumentFile() throws Exception {
        Result r = pod4j("apply", "-f", "shop.yaml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("pod/front created\npod/back created\npod/scratch created\n");
        assertThat(pod4j("wait", "--for=condition=Ready", "pod/front", "pod/back", "pod/scratch", "--timeout=90s").out())
                .isEqualTo("pod/front condition met\npod/back condition met\npod/scratch condition met\n");
    }

    @Test
    @Order(2)
    void listsPodsWithLabelsInKubectlColumns() throws Exception {
        Result r = pod4j("get", "pods", "--show-labels");
        assertThat(r.out().lines().findFirst().orElseThrow())
                .matches("NAME +READY +STATUS +RESTARTS +AGE +LABELS");
        assertThat(r.out()).containsPattern("front +2/2 +Running +0 +\\d+s +env=prod,tier=web");
        assertThat(pod4j("get", "pods", "-L", "tier").out()).containsPattern("scratch +1/1 +Running +0 +\\d+s +web");
    }

    @Test
    @Order(3)
    void selectsWithSetBasedSelectors() throws Exception {
        Result r = pod4j("get", "pods", "-l", "env in (prod),tier", "-o", "name");
        assertThat(r.out()).isEqualTo("pod/front\n");
    }

    @Test
    @Order(4)
    void refusesToChangeALabelWithoutOverwriteThenChangesAndRemovesIt() throws Exception {
        Result refused = pod4j("label", "pods", "back", "env=staging");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("error: 'env' already has a value (prod), and --overwrite is false\n");
        assertThat(pod4j("label", "pods", "back", "env=staging", "--overwrite").out()).isEqualTo("pod/back labeled\n");
        assertThat(pod4j("get", "pods", "back", "--show-labels").out()).contains("env=staging");
        assertThat(pod4j("label", "pods", "back", "env-").out()).isEqualTo("pod/back unlabeled\n");
        assertThat(pod4j("get", "pods", "back", "--show-labels").out()).containsPattern("back .* <none>");
    }

    @Test
    @Order(5)
    void describesAPodInKubectlsLayout() throws Exception {
        String d = pod4j("describe", "pod", "front").out();
        assertThat(d).containsPattern("Name: +front\n").containsPattern("Namespace: +default\n").containsPattern("Status: +Running\n")
                .contains("Containers:\n  web:").contains("  logger:").contains("Conditions:").contains("Events:")
                .contains("Started container web");
    }

    @Test
    @Order(5)
    void listsEventsInKubectlsColumns() throws Exception {
        Result r = pod4j("get", "events");
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE");
        assertThat(r.out()).containsPattern("\\d+s +Normal +Started +pod/front +Started container web");
    }

    @Test
    @Order(6)
    void printsLogsOfAChosenContainer() throws Exception {
        assertThat(pod4j("logs", "front", "-c", "logger").out()).isEqualTo("logger started\n");
    }

    @Test
    @Order(7)
    void execsInThePodSeeingItsHostname() throws Exception {
        assertThat(pod4j("exec", "front", "-c", "web", "--", "cat", "/etc/hostname").out()).isEqualTo("front\n");
        Result failed = pod4j("exec", "back", "--", "sh", "-c", "exit 3");
        assertThat(failed.exit()).isEqualTo(3);
        assertThat(failed.err()).contains("command terminated with exit code 3");
    }

    @Test
    @Order(7)
    void execWithStdinPassesTheInputAndEndsWhenItEnds() throws Exception {
        Result r = pod4jWithInput("one\ntwo\n", "exec", "-i", "front", "-c", "web", "--", "sh", "-c", "wc -l; echo oops >&2; exit 4");
        assertThat(r.out()).isEqualTo("2\n");
        assertThat(r.err()).contains("oops");
        assertThat(r.exit()).isEqualTo(4);
    }

    @Test
    @Order(8)
    void forwardsALocalPortToThePod() throws Exception {
        List<String> cmd = List.of(root.resolve("pod4j").toString(), "port-forward", "pod/front", "0:8080");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("POD4J_STATE_DIR", state.toString());
        pb.environment().put("POD4J_IDLE_SECONDS", "3");
        Process p = pb.start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String first = in.readLine();
            assertThat(first).startsWith("Forwarding from 127.0.0.1:").endsWith(" -> 8080");
            int port = Integer.parseInt(first.substring("Forwarding from 127.0.0.1:".length(), first.indexOf(" ->")));
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("front page\n");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(9)
    void printsARunPodWithoutCreatingIt() throws Exception {
        Result r = pod4j("run", "tmp", "--image=pod4j-test/busybox:1", "--port=80", "--dry-run=client", "-o", "yaml");
        assertThat(r.out()).contains("kind: Pod").contains("name: tmp").contains("run: tmp").contains("containerPort: 80")
                .contains("    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n");
        assertThat(pod4j("get", "pods", "tmp").exit()).isEqualTo(1);
    }

    @Test
    @Order(10)
    void deletesBySelectorThenEverything() throws Exception {
        assertThat(pod4j("delete", "pod", "-l", "env=dev", "--grace-period=0", "--force").out())
                .isEqualTo("pod \"scratch\" force deleted\n");
        assertThat(pod4j("get", "pods", "-o", "name").out()).isEqualTo("pod/back\npod/front\n");
        assertThat(pod4j("delete", "pods", "--all", "--grace-period=1").out()).contains("pod \"back\" deleted").contains("pod \"front\" deleted");
        Result none = pod4j("get", "pods");
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).isEqualTo("No resources found in default namespace.\n");
    }

    @Test
    @Order(12)
    void appliesThePodOfAFileAndNamesTheKindsItDoesNotRunAsKubectlDoes() throws Exception {
        String leftOut = "error: resource mapping not found for name: \"fronted\" namespace: \"\" from \"web-and-service.yaml\":"
                + " no matches for kind \"Service\" in version \"v1\"\n" + ManifestFiles.LEFT_OUT + "\n";
        Result applied = pod4j("apply", "-f", "web-and-service.yaml");
        assertThat(applied.exit()).isEqualTo(1);
        assertThat(applied.out()).isEqualTo("pod/fronted created\n");
        assertThat(applied.err()).isEqualTo(leftOut);
        assertThat(pod4j("get", "pods", "-o", "name").out()).isEqualTo("pod/fronted\n");
        Result deleted = pod4j("delete", "-f", "web-and-service.yaml", "--grace-period=0", "--force");
        assertThat(deleted.exit()).isEqualTo(1);
        assertThat(deleted.out()).isEqualTo("pod \"fronted\" force deleted\n");
        assertThat(deleted.err()).endsWith(leftOut);
    }

    @Test
    @Order(13)
    void appliesANewImageByRestartingTheContainerFromIt() throws Exception {
        String updated = "pod4j-test/busybox:cli-image-update";
        assertThat(new ProcessBuilder("docker", "tag", TestImages.BUSYBOX, updated).start().waitFor()).isZero();
        Path manifest = Files.createTempFile(Path.of("target").toAbsolutePath(), "image-update", ".yaml");
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: retagged
                spec:
                  containers:
                  - name: app
                    image: %s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"]
                """;
        try {
            Files.writeString(manifest, yaml.formatted(TestImages.BUSYBOX));
            assertThat(pod4j("apply", "-f", manifest.toString()).out()).isEqualTo("pod/retagged created\n");
            assertThat(pod4j("wait", "--for=condition=Ready", "pod/retagged", "--timeout=60s").exit()).isZero();
            Files.writeString(manifest, yaml.formatted(updated));
            assertThat(pod4j("apply", "-f", manifest.toString()).out()).isEqualTo("pod/retagged configured\n");
            assertThat(pod4j("wait", "--for=jsonpath={.status.containerStatuses[0].restartCount}=1", "pod/retagged",
                    "--timeout=60s").exit()).isZero();
            assertThat(pod4j("get", "pod", "retagged", "-o", "jsonpath={.spec.containers[0].image}").out()).isEqualTo(updated);
            assertThat(pod4j("describe", "pod", "retagged").out()).contains("Container app definition changed, will be restarted");
        } finally {
            pod4j("delete", "pod", "retagged", "--grace-period=0", "--force");
            new ProcessBuilder("docker", "rmi", updated).start().waitFor();
        }
    }

    @Test
    @Order(11)
    void answersUnknownPodsAndVerbsLikeKubectl() throws Exception {
        Result r = pod4j("describe", "pod", "ghost");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error from server (NotFound): pods \"ghost\" not found\n");
        Result v = pod4j("frobnicate");
        assertThat(v.exit()).isNotZero();
        assertThat(v.err()).isEqualTo("error: unknown command \"frobnicate\" for \"pod4j\"\nSee 'pod4j --help' for usage.\n");
    }
}

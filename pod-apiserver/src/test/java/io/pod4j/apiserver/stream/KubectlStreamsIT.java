package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.apiserver.ApiServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installed kubectl (1.32: exec over WebSocket v5, port-forward over SPDY tunnelled in
 * WebSocket) against pod4j's exec and portforward.
 */
class KubectlStreamsIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    /** Unique on the machine: other test classes share the Docker engine and name pods too. */
    private static final String POD = StreamPods.uniqueName("kubectl-streams");

    @BeforeAll
    static void pod() {
        StreamPods.webServer(API.engine(), POD);
    }

    @Test
    void theCommandsExitCodeBecomesKubectlsExitCode() {
        ApiServerExtension.Result r = API.kubectl("exec", POD, "-c", "main", "--", "sh", "-c", "exit 3");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
    }

    @Test
    void aSuccessfulCommandsOutputIsPrinted() {
        assertThat(API.kubectl("exec", POD, "-c", "main", "--", "cat", "/www/index.html").ok().out())
                .isEqualTo(StreamPods.PAGE + "\n");
    }

    @Test
    void stdoutAndStderrStaySeparate() {
        ApiServerExtension.Result r = API.kubectl("exec", POD, "-c", "main", "--", "sh", "-c", "echo out; echo err >&2").ok();
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).isEqualTo("err\n");
    }

    @Test
    void pipedStdinReachesTheCommandAndItsEndEndsIt() {
        assertThat(API.kubectlWithInput("hi\nthere\n", "exec", "-i", POD, "-c", "main", "--", "cat").ok().out())
                .isEqualTo("hi\nthere\n");
    }

    @Test
    void megabytesOfStdinComeBackIntactThroughCat() {
        StringBuilder input = new StringBuilder();
        for (int i = 0; input.length() < 3_000_000; i++) {
            input.append("line ").append(i).append('\n');
        }
        ApiServerExtension.Result r = API.kubectlWithInput(input.toString(), "exec", "-i", POD, "-c", "main", "--", "cat").ok();
        assertThat(r.out().length()).isEqualTo(input.length());
        assertThat(r.out()).isEqualTo(input.toString());
    }

    @Test
    void cpCopiesAFileIntoThePodThroughExecAndTar() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("copied", ".txt");
        try {
            java.nio.file.Files.writeString(file, "copied by kubectl cp\n");
            API.kubectl("cp", file.toString(), POD + ":/tmp/copied.txt", "-c", "main").ok();
            assertThat(API.kubectl("exec", POD, "-c", "main", "--", "cat", "/tmp/copied.txt").ok().out())
                    .isEqualTo("copied by kubectl cp\n");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void cpCopiesAFileOutOfThePodThroughExecAndTar() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cp-out");
        try {
            API.kubectl("cp", POD + ":/www/index.html", dir.resolve("index.html").toString(), "-c", "main").ok();
            assertThat(java.nio.file.Files.readString(dir.resolve("index.html"))).isEqualTo(StreamPods.PAGE + "\n");
        } finally {
            java.nio.file.Files.deleteIfExists(dir.resolve("index.html"));
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void aCommandThatDoesNotExistFails() {
        ApiServerExtension.Result r = API.kubectl("exec", POD, "-c", "main", "--", "/no/such/command");
        assertThat(r.exitCode()).isNotZero();
    }

    @Test
    void anUnknownContainerIsRefusedInTheApiServersWords() {
        ApiServerExtension.Result r = API.kubectl("exec", POD, "-c", "nope", "--", "true");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("container nope is not valid for pod " + POD);
    }

    @Test
    void execWithATerminalGivesTheCommandATtyOfTheClientsSize() throws Exception {
        // The harness has no terminal: script(1) gives kubectl one, of a size set with stty; kubectl
        // sends it on the resize channel. The command waits for it: the tty starts at 0x0.
        List<String> kubectl = List.of("kubectl", "--kubeconfig", API.server().kubeconfig().toString(), "exec", "-it", POD,
                "-c", "main", "--", "sh", "-c", "tty; " + StreamPods.AWAIT_TTY_SIZE + "stty size; exit 5");
        String shell = "stty rows 40 cols 100; " + String.join(" ", kubectl.stream().map(KubectlStreamsIT::quote).toList());
        Process p = new ProcessBuilder("script", "-qec", shell, "/dev/null").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("/dev/pts/").contains("40 100");
        assertThat(p.exitValue()).as(out).isEqualTo(5);
    }

    @Test
    void attachConnectsStdinAndStdoutToTheContainersProcess() {
        ApiServerExtension.Result r = API.kubectlWithInput("hello\n", "attach", "-i", POD, "-c", "echo").ok();
        assertThat(r.out()).isEqualTo("got hello\n");
    }

    @Test
    void runInteractiveAttachesToTheNewPodAndRemovesIt() {
        String name = StreamPods.uniqueName("run-i");
        ApiServerExtension.Result r = API.kubectlWithInput("hello\n", "run", name, "-i", "--rm", "--restart=Never",
                "--image=" + io.pod4j.engine.TestImages.BUSYBOX, "--", "sh", "-c", "read line; echo \"got $line\"").ok();
        assertThat(r.out()).contains("got hello");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> API.engine().get("default", name).isEmpty());
    }

    @Test
    void debugRunsAnEphemeralContainerThatSeesItsTargetsProcessesAndKeepsThePodRunning() throws Exception {
        ApiServerExtension.Result r = API.kubectlWithInput("ps\nexit 4\n", "debug", "-i", POD,
                "--image=" + io.pod4j.engine.TestImages.BUSYBOX, "--target=main", "--profile=general", "--", "sh");

        var pod = new com.fasterxml.jackson.databind.ObjectMapper().readTree(API.kubectl("get", "pod", POD, "-o", "json").ok().out());
        String debugger = pod.at("/spec/ephemeralContainers/0/name").asText();
        assertThat(debugger).startsWith("debugger-");
        assertThat(pod.at("/spec/ephemeralContainers/0/targetContainerName").asText()).isEqualTo("main");
        // kubectl debug as against a cluster: what it says, no warning, and the target's processes seen from the debugger
        assertThat(r.out()).startsWith("Targeting container \"main\". If you don't see processes from this container it may be "
                + "because the container runtime doesn't support this feature.\nDefaulting debug container name to " + debugger + ".\n");
        assertThat(r.err()).isEqualTo("If you don't see a command prompt, try pressing enter.\n");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(API.kubectl("get",
                "pod", POD, "-o", "jsonpath={.status.ephemeralContainerStatuses[0].state.terminated.exitCode}").ok().out())
                .as(API.kubectl("get", "pod", POD, "-o", "jsonpath={.status.ephemeralContainerStatuses}").out()).isEqualTo("4"));
        assertThat(API.kubectl("logs", POD, "-c", debugger).ok().out()).contains("httpd -f -p 8080 -h /www");
        assertThat(r.out()).contains("httpd -f -p 8080 -h /www");
        assertThat(API.kubectl("get", "pod", POD, "-o", "jsonpath={.status.phase} {.status.conditions[?(@.type==\"Ready\")].status}")
                .ok().out()).isEqualTo("Running True");
    }

    @Test
    void portForwardCarriesAnHttpExchangeToThePod() throws Exception {
        try (PortForwardProcess forward = PortForwardProcess.start(List.of("kubectl", "--kubeconfig",
                API.server().kubeconfig().toString(), "port-forward", "pod/" + POD, ":8080"))) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> answer = forward.get(http, "/");
                assertThat(answer.statusCode()).as(forward.output()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo(StreamPods.PAGE + "\n");
            }
        }
    }

    @Test
    void portForwardReachesAPortNoContainerDeclares() throws Exception {
        try (PortForwardProcess forward = PortForwardProcess.start(List.of("kubectl", "--kubeconfig",
                API.server().kubeconfig().toString(), "port-forward", "pod/" + POD, ":" + StreamPods.UNDECLARED_PORT))) {
            String answer = StreamPods.httpGet(forward.localPort());
            assertThat(answer).as(forward.output()).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n" + StreamPods.PAGE + "\n");
        }
    }

    @Test
    void portForwardToAPortNobodyListensOnReportsTheKubeletsError() throws Exception {
        try (PortForwardProcess forward = PortForwardProcess.start(List.of("kubectl", "--kubeconfig",
                API.server().kubeconfig().toString(), "port-forward", "pod/" + POD, ":9999"))) {
            try {
                StreamPods.httpGet(forward.localPort());
            } catch (java.io.IOException expected) {
                // kubectl drops the local connection when the pod side fails.
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> forward.output().contains("error forwarding port 9999 to pod " + POD));
        }
    }

    @Test
    void portForwardCarriesMegabytesFromThePod() throws Exception {
        try (PortForwardProcess forward = PortForwardProcess.start(List.of("kubectl", "--kubeconfig",
                API.server().kubeconfig().toString(), "port-forward", "pod/" + POD, ":8080"))) {
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + forward.localPort() + "/big")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(answer.statusCode()).as(forward.output()).isEqualTo(200);
            assertThat(answer.body()).hasSize(StreamPods.BIG_MIB << 20);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

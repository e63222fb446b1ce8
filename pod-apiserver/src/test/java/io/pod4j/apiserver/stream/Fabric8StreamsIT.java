package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.pod4j.apiserver.ApiServerExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fabric8's client (exec over WebSocket v4, port-forward over its WebSocket protocol) against pod4j. */
class Fabric8StreamsIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final String POD = StreamPods.uniqueName("fabric8-streams");
    private static KubernetesClient client;

    @BeforeAll
    static void podAndClient() throws Exception {
        StreamPods.webServer(API.engine(), POD);
        client = API.fabric8Client();
    }

    @AfterAll
    static void closeClient() {
        client.close();
    }

    @Test
    void execReportsOutputAndTheExitCode() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace("default").withName(POD).inContainer("main").writingOutput(out)
                .writingError(err).exec("sh", "-c", "echo out; echo err >&2; exit 4")) {
            assertThat(watch.exitCode().get(60, TimeUnit.SECONDS)).isEqualTo(4);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("err\n");
    }

    @Test
    void execOfASuccessfulCommandExitsZero() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace("default").withName(POD).inContainer("main").writingOutput(out)
                .exec("cat", "/www/index.html")) {
            assertThat(watch.exitCode().get(60, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(StreamPods.PAGE + "\n");
    }

    @Test
    void execWritesStdinToTheCommand() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace("default").withName(POD).inContainer("main").redirectingInput()
                .writingOutput(out).exec("sh", "-c", "read line; echo \"read $line\"")) {
            watch.getInput().write("a line\n".getBytes(StandardCharsets.UTF_8));
            watch.getInput().flush();
            assertThat(watch.exitCode().get(60, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("read a line\n");
    }

    @Test
    void execWithATtyIsResizedByTheClient() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ExecWatch watch = client.pods().inNamespace("default").withName(POD).inContainer("main").redirectingInput()
                .writingOutput(out).withTTY()
                .exec("sh", "-c", StreamPods.AWAIT_TTY_SIZE + "stty size")) {
            watch.resize(100, 40);
            assertThat(watch.exitCode().get(60, TimeUnit.SECONDS)).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("40 100");
    }

    @Test
    void portForwardCarriesHttpExchangesToThePod() throws Exception {
        try (LocalPortForward forward = client.pods().inNamespace("default").withName(POD).portForward(8080)) {
            for (int i = 0; i < 3; i++) {
                // A fresh connection each time: fabric8 opens one WebSocket per local connection.
                String answer = StreamPods.httpGet(forward.getLocalPort());
                assertThat(answer).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n" + StreamPods.PAGE + "\n");
            }
            assertThat(forward.errorOccurred()).as("%s %s", forward.getClientThrowables(), forward.getServerThrowables()).isFalse();
        }
    }

    @Test
    void portForwardCarriesMegabytesFromThePod() throws Exception {
        try (LocalPortForward forward = client.pods().inNamespace("default").withName(POD).portForward(8080)) {
            byte[] answer = StreamPods.httpGet(forward.getLocalPort(), "/big");
            String head = new String(answer, 0, Math.min(answer.length, 400), StandardCharsets.ISO_8859_1);
            assertThat(head).startsWith("HTTP/1.1 200 OK");
            int body = head.indexOf("\r\n\r\n") + 4;
            assertThat(answer.length - body).isEqualTo(StreamPods.BIG_MIB << 20);
        }
    }
}

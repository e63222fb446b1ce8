package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.apiserver.ApiServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kubectl 1.20 (Debian's kubernetes-client: exec and port-forward over SPDY/3.1 upgrades) against pod4j. */
class OldKubectlStreamsIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final String POD = StreamPods.uniqueName("old-kubectl-streams");
    private static Path kubectl;

    @BeforeAll
    static void podAndKubectl() throws Exception {
        kubectl = OldKubectl.binary();
        StreamPods.webServer(API.engine(), POD);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(kubectl.toString(), "--kubeconfig", API.server().kubeconfig().toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static ApiServerExtension.Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kubectl120", ".out");
        Path err = Files.createTempFile("kubectl120", ".err");
        try {
            Process p = new ProcessBuilder(command(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("kubectl 1.20 %s finished", List.of(args)).isTrue();
            return new ApiServerExtension.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    @Test
    void kubectl120ValidatesAgainstTheProtobufOpenApiV2() throws Exception {
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old-validated\ndata:\n  a: b\n";
        ApiServerExtension.Result created = run(configMap, "create", "-f", "-");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).isEmpty();

        // kubectl 1.20's client-side validation, in its words against a cluster
        ApiServerExtension.Result refused = run(configMap.replace("old-validated", "old-refused") + "spec:\n  x: 1\n",
                "create", "-f", "-");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("error validating data: ValidationError(ConfigMap): unknown field \"spec\" in "
                + "io.k8s.api.core.v1.ConfigMap; if you choose to ignore these errors, turn validation off with --validate=false");
    }

    @Test
    void theCommandsExitCodeBecomesKubectlsExitCode() throws Exception {
        ApiServerExtension.Result r = run(null, "exec", POD, "-c", "main", "--", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).startsWith("err\n");
    }

    @Test
    void pipedStdinReachesTheCommandAndItsEndEndsIt() throws Exception {
        ApiServerExtension.Result r = run("one\ntwo\n", "exec", "-i", POD, "-c", "main", "--", "cat");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("one\ntwo\n");
    }

    @Test
    void execWithATerminalGivesTheCommandATtyOfTheClientsSize() throws Exception {
        // script(1) gives kubectl a terminal; kubectl 1.20 sends its size on the SPDY resize stream.
        String shell = "stty rows 30 cols 90; " + String.join(" ", command("exec", "-it", POD, "-c", "main", "--", "sh", "-c",
                "tty; " + StreamPods.AWAIT_TTY_SIZE + "stty size; exit 6").stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .toList());
        Process p = new ProcessBuilder("script", "-qec", shell, "/dev/null").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("/dev/pts/").contains("30 90");
        assertThat(p.exitValue()).as(out).isEqualTo(6);
    }

    @Test
    void attachConnectsStdinAndStdoutToTheContainersProcess() throws Exception {
        ApiServerExtension.Result r = run("hello\n", "attach", "-i", POD, "-c", "echo");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("got hello\n");
    }

    @Test
    void portForwardCarriesAnHttpExchangeToThePod() throws Exception {
        try (PortForwardProcess forward = PortForwardProcess.start(command("port-forward", "pod/" + POD, ":8080"))) {
            for (int i = 0; i < 3; i++) {
                String answer;
                try {
                    answer = StreamPods.httpGet(forward.localPort());
                } catch (IOException e) {
                    throw new AssertionError("kubectl printed:\n" + forward.output(), e);
                }
                assertThat(answer).as(forward.output()).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n" + StreamPods.PAGE + "\n");
            }
        }
    }
}

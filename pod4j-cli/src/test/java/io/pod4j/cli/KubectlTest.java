package io.pod4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which kubectl {@code ./pod4j} runs, and what it says when there is none. */
class KubectlTest {

    @TempDir
    Path dir;

    private Path executable(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "#!/bin/sh\n");
        assertThat(p.toFile().setExecutable(true)).isTrue();
        return p;
    }

    @Test
    void theFirstKubectlOnThePathIsRun() throws IOException {
        Path first = executable("a/kubectl");
        executable("b/kubectl");

        assertThat(Kubectl.find(Map.of("PATH", dir.resolve("none") + ":" + dir.resolve("a") + ":" + dir.resolve("b"))))
                .isEqualTo(first);
    }

    @Test
    void aFileThatIsNotExecutableIsPassedOver() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/kubectl"), "not a program");
        Path runnable = executable("b/kubectl");

        assertThat(Kubectl.find(Map.of("PATH", dir.resolve("a") + ":" + dir.resolve("b")))).isEqualTo(runnable);
    }

    @Test
    void pod4jKubectlWinsOverThePath() throws IOException {
        executable("a/kubectl");
        Path chosen = executable("tools/kubectl-1.30");

        assertThat(Kubectl.find(Map.of("PATH", dir.resolve("a").toString(), "POD4J_KUBECTL", chosen.toString())))
                .isEqualTo(chosen);
    }

    @Test
    void noKubectlIsOneLineSayingWhereToGetIt() {
        assertThatThrownBy(() -> Kubectl.find(Map.of("PATH", dir.toString())))
                .isInstanceOf(CliError.class)
                .hasMessage("kubectl not found on the PATH; ./pod4j runs the real kubectl against pod4j: install it"
                        + " (https://kubernetes.io/docs/tasks/tools/) or set POD4J_KUBECTL to its path");
    }

    @Test
    void aPod4jKubectlThatIsNoProgramIsNamed() {
        assertThatThrownBy(() -> Kubectl.find(Map.of("POD4J_KUBECTL", dir.resolve("missing").toString())))
                .isInstanceOf(CliError.class)
                .hasMessageStartingWith("POD4J_KUBECTL=" + dir.resolve("missing") + " is not an executable file;")
                .hasMessageContaining("https://kubernetes.io/docs/tasks/tools/");
    }
}

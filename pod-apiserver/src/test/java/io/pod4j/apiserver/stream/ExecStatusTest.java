package io.pod4j.apiserver.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecStatusTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exitCodeZeroIsSuccess() throws Exception {
        JsonNode status = JSON.readTree(ExecStatus.exited(0, List.of("true")));
        assertThat(status.path("status").asText()).isEqualTo("Success");
        assertThat(status.has("details")).isFalse();
    }

    @Test
    void aNonZeroExitCodeIsAFailureWithTheCodeAsExitCodeCause() throws Exception {
        JsonNode status = JSON.readTree(ExecStatus.exited(3, List.of("sh", "-c", "exit 3")));
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("reason").asText()).isEqualTo("NonZeroExitCode");
        JsonNode cause = status.path("details").path("causes").get(0);
        assertThat(cause.path("reason").asText()).isEqualTo("ExitCode");
        assertThat(cause.path("message").asText()).isEqualTo("3");
        assertThat(status.path("message").asText()).startsWith("command terminated with non-zero exit code");
    }

    @Test
    void aCommandThatCouldNotRunIsAnInternalError() throws Exception {
        JsonNode status = JSON.readTree(ExecStatus.internalError("container not running"));
        assertThat(status.path("reason").asText()).isEqualTo("InternalError");
        assertThat(status.path("code").asInt()).isEqualTo(500);
        assertThat(status.path("message").asText()).isEqualTo("Internal error occurred: container not running");
    }

    @Test
    void protocolsBeforeV4CarryOnlyTheMessageOfAFailure() {
        assertThat(ExecStatus.legacyMessage(ExecStatus.exited(0, List.of("true")))).isEmpty();
        assertThat(new String(ExecStatus.legacyMessage(ExecStatus.internalError("boom")))).isEqualTo("Internal error occurred: boom");
    }
}

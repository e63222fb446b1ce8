package io.pod4j.apiserver.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The {@code metav1.Status} a stream's error channel carries when the command ends (protocol v4 and
 * later), as the kubelet writes it: Success; or Failure with reason {@code NonZeroExitCode} and the
 * exit code as an {@code ExitCode} cause, which kubectl and fabric8 turn into their exit code; or an
 * internal error.
 */
final class ExecStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExecStatus() {
    }

    /**
     * @param exitCode the command's exit code
     * @param command the command, for the message
     * @return the status JSON
     */
    static byte[] exited(int exitCode, java.util.List<String> command) {
        ObjectNode status = base();
        if (exitCode == 0) {
            status.put("status", "Success");
            return bytes(status);
        }
        status.put("status", "Failure");
        status.put("message", "command terminated with non-zero exit code: error executing command " + command
                + ", exit code " + exitCode);
        status.put("reason", "NonZeroExitCode");
        ObjectNode cause = status.putObject("details").putArray("causes").addObject();
        cause.put("reason", "ExitCode");
        cause.put("message", Integer.toString(exitCode));
        return bytes(status);
    }

    /**
     * @param message what went wrong
     * @return an InternalError status, as the kubelet reports a command it could not run
     */
    static byte[] internalError(String message) {
        ObjectNode status = base();
        status.put("status", "Failure");
        status.put("message", "Internal error occurred: " + message);
        status.put("reason", "InternalError");
        status.putObject("details").putArray("causes").addObject().put("message", message);
        status.put("code", 500);
        return bytes(status);
    }

    /**
     * @param status a status JSON
     * @return what protocols before v4 carry on the error stream: nothing on success, else the message
     */
    static byte[] legacyMessage(byte[] status) {
        try {
            var node = JSON.readTree(status);
            return "Success".equals(node.path("status").asText()) ? new byte[0]
                    : node.path("message").asText().getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return status;
        }
    }

    private static ObjectNode base() {
        ObjectNode status = JSON.createObjectNode();
        status.putObject("metadata");
        return status;
    }

    private static byte[] bytes(ObjectNode status) {
        return status.toString().getBytes(StandardCharsets.UTF_8);
    }
}

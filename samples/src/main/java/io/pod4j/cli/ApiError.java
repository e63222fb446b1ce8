package io.pod4j.cli;

/**
 * An error the supervisor (standing in for the API server) or the CLI reports, printed as kubectl
 * prints it: {@code Error from server (NotFound): pods "x" not found}, or a plain
 * {@code error: ...} for client-side problems.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason the API server's status reason (NotFound, AlreadyExists, Invalid, BadRequest,
     *     Timeout...), or null for a client-side error
     * @param message the message, in the API server's words
     */
    public ApiError(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return the status reason, or null for a client-side error */
    public String reason() {
        return reason;
    }

    /** @return the line kubectl would print on standard error */
    public String kubectlText() {
        if (reason == null) {
            return "error: " + getMessage();
        }
        return "Error from server (" + reason + "): " + getMessage();
    }
}

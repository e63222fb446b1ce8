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
        return kubectlText(reason, getMessage());
    }

    /**
     * @param reason the API server's status reason, or null for a client-side error
     * @param message the message
     * @return what kubectl prints for it: {@code error: ...}, {@code Error from server (Reason): ...},
     *     or, for {@code Invalid}, the message alone (kubectl prints {@code The Pod "x" is invalid: ...}
     *     from the status details, without the server prefix)
     */
    public static String kubectlText(String reason, String message) {
        if (reason == null) {
            return "error: " + message;
        }
        if ("Invalid".equals(reason)) {
            return message;
        }
        return "Error from server (" + reason + "): " + message;
    }

    /**
     * @param kind the object's kind, such as {@code Pod}
     * @param name the object's name
     * @param causes each cause as {@code field: message}, in order
     * @return an {@code Invalid} error worded as kubectl prints one: the only cause on the same line,
     *     several as {@code * } lines
     */
    public static ApiError invalid(String kind, String name, java.util.List<String> causes) {
        String head = "The " + kind + " \"" + name + "\" is invalid";
        java.util.List<String> distinct = causes.stream().distinct().toList();
        if (distinct.size() == 1) {
            return new ApiError("Invalid", head + ": " + distinct.get(0));
        }
        StringBuilder sb = new StringBuilder(head).append(": ");
        distinct.forEach(c -> sb.append("\n* ").append(c));
        return new ApiError("Invalid", sb.toString());
    }

    /**
     * @param objectNs the namespace the manifest names
     * @param flagNs the namespace given with {@code -n}
     * @return kubectl's refusal to put an object that names its namespace into another one (no reason: kubectl's own check)
     */
    public static ApiError namespaceMismatch(String objectNs, String flagNs) {
        return new ApiError(null, "the namespace from the provided object \"" + objectNs + "\" does not match the namespace \""
                + flagNs + "\". You must pass '--namespace=" + objectNs + "' to perform this operation.");
    }
}

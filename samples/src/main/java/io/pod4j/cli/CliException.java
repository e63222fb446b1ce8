package io.pod4j.cli;

/** A command that cannot be carried out; its message is printed after "error: " and the exit code is 1. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean server;

    CliException(String message) {
        this(message, false);
    }

    /**
     * @param message what went wrong
     * @param server true for errors kubectl reports as "Error from server (...)"
     */
    CliException(String message, boolean server) {
        super(message, null, false, false);
        this.server = server;
    }

    boolean fromServer() {
        return server;
    }
}

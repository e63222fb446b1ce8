package io.pod4j.cli;

/** A failure of {@code ./pod4j} itself (not of kubectl), printed as one {@code error: ...} line with exit code 1. */
public final class CliError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what was wrong and what to do, in one line */
    public CliError(String message) {
        super(message);
    }
}

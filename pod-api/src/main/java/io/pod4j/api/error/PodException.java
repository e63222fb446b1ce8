package io.pod4j.api.error;

/**
 * The root of pod4j's exceptions. All are unchecked; each message says what was wrong, where,
 * and what to do about it.
 */
public abstract class PodException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, where, and what to do
     */
    protected PodException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong, where, and what to do
     * @param cause the underlying failure
     */
    protected PodException(String message, Throwable cause) {
        super(message, cause);
    }
}

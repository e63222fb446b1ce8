package io.pod4j.api.error;

/**
 * A wait on a pod ran out of time. The message says what was awaited, for how long, and the last
 * status seen (phase, conditions, container states, recent events).
 */
public class PodTimeoutException extends PodException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was awaited, for how long, and the last status seen
     */
    public PodTimeoutException(String message) {
        super(message);
    }
}

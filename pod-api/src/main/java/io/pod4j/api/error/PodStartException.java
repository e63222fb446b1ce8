package io.pod4j.api.error;

/**
 * A pod that cannot start and never will without a change (its phase is Failed, or it waits on
 * something that is missing). The message names the pod, phase, reason, last events and log tail.
 */
public class PodStartException extends PodException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the pod, its phase and reason, last events and log tail
     */
    public PodStartException(String message) {
        super(message);
    }
}

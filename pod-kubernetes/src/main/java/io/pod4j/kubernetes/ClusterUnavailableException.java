package io.pod4j.kubernetes;

import io.pod4j.api.error.PodException;

/**
 * The Kubernetes API did not answer: the message names the server and the context, why the
 * connection failed, and what to check.
 */
public class ClusterUnavailableException extends PodException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the server, why it did not answer, what to check
     * @param cause the client's failure
     */
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

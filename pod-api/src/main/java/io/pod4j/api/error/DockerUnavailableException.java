package io.pod4j.api.error;

/**
 * No Docker engine answered. The message lists every endpoint tried and why each failed, and what
 * to do (start Docker, set {@code DOCKER_HOST}, run {@code scripts/ensure-docker}).
 */
public class DockerUnavailableException extends PodException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the endpoints tried, why each failed, and what to do
     * @param cause the last failure
     */
    public DockerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

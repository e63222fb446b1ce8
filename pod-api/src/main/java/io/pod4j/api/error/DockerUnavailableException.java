package io.pod4j.api.error;

/**
 * No Docker engine answered, or the one that answered cannot run pods. The message names every
 * endpoint tried and why each failed, and what to do (start Docker or Podman's service, set
 * {@code DOCKER_HOST}, run {@code scripts/ensure-docker}).
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

package io.pod4j.engine.runtime;

/**
 * A container that cannot be configured from what the engine knows (a missing ConfigMap, Secret
 * or key): the kubelet reports it as {@code CreateContainerConfigError} and retries.
 */
final class ContainerConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    ContainerConfigException(String message) {
        super(message, null, false, false);
    }
}

package io.pod4j.engine.runtime;

/** What part a container plays in its pod, which decides when it starts and how it restarts. */
public enum Role {
    /** The infra container that holds the pod's namespaces. */
    INFRA,
    /** An init container: runs to completion, in order, before anything else. */
    INIT,
    /** An init container with {@code restartPolicy: Always}: starts in order and keeps running. */
    SIDECAR,
    /** An app container. */
    APP,
    /** An ephemeral container (kubectl debug's): started once in the running pod, never restarted. */
    EPHEMERAL;

    /** @return the label value for this role */
    public String label() {
        return name().toLowerCase();
    }
}

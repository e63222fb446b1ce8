package io.pod4j.engine.probe;

/** The three probes of a container, with the names the kubelet uses in events. */
public enum ProbeKind {
    /** Holds liveness and readiness off until the container has started. */
    STARTUP("Startup"),
    /** Restarts the container when it fails. */
    LIVENESS("Liveness"),
    /** Decides whether the container is ready. */
    READINESS("Readiness");

    private final String title;

    ProbeKind(String title) {
        this.title = title;
    }

    /** @return the name as events write it, such as {@code Readiness} */
    public String title() {
        return title;
    }
}

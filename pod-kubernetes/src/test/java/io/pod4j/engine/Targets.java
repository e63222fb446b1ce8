package io.pod4j.engine;

import java.time.Duration;

/** Kubernetes targets for tests that open the Kubernetes backend without a PodEngine. */
public final class Targets {

    private Targets() {
    }

    /**
     * @param config a fabric8 Config
     * @return a target on it, namespaces prefixed pod4j-, pods killed at once on close, a 1 s heartbeat
     */
    public static KubernetesTarget of(Object config) {
        return new KubernetesTarget(null, null, config, "pod4j-", Duration.ZERO, false, Duration.ofSeconds(1));
    }
}

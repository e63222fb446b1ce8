package io.pod4j.kubernetes;

import io.pod4j.api.build.Pods;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.TestImages;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A JVM that runs an engine on a cluster and is then killed with SIGKILL (no close, no shutdown
 * hook): started by {@link KubernetesBackendIT} with the cluster's kubeconfig as its argument.
 */
final class KilledEngine {

    private KilledEngine() {
    }

    public static void main(String[] args) throws InterruptedException {
        PodEngine engine = PodEngine.builder().kubernetes(Path.of(args[0]), null).heartbeat(Duration.ofSeconds(1)).build();
        engine.create(Pods.named("orphan").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .terminationGracePeriodSeconds(0).build());
        System.out.println("engine running");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

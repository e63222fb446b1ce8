package io.pod4j.engine.reaper;

import io.pod4j.api.build.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.TestImages;
import java.time.Duration;

/** A process that starts a pod, says so, and waits to be killed: the owner a reaper must clean up after. */
public final class OrphanMaker {

    private OrphanMaker() {
    }

    /**
     * @param args the pod's name
     * @throws InterruptedException never, in practice: the process is killed
     */
    public static void main(String[] args) throws InterruptedException {
        PodEngine engine = PodEngine.builder().build();
        engine.create(Pods.named(args[0]).container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build())
                .awaitReady(Duration.ofSeconds(60));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

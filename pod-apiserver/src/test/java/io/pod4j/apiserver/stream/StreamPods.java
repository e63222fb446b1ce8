package io.pod4j.apiserver.stream;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.TestImages;
import java.time.Duration;

/** The pod the stream tests run commands in and forward ports to: busybox serving a page on 8080. */
final class StreamPods {

    /** What the pod's web server answers on port 8080. */
    static final String PAGE = "hello from the pod";

    private StreamPods() {
    }

    /**
     * @param prefix what the name starts with
     * @return a pod name no other test on this Docker engine uses
     */
    static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /**
     * Creates the pod and waits until it is ready.
     *
     * @param engine the engine
     * @param name the pod's name
     * @return the pod, ready
     */
    static Pod webServer(PodEngine engine, String name) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("main").withImage(TestImages.BUSYBOX)
                .withCommand("sh", "-c", "mkdir -p /www && echo '" + PAGE + "' > /www/index.html && exec httpd -f -p 8080 -h /www")
                .addNewPort().withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().withPeriodSeconds(1).endReadinessProbe()
                .endContainer()
                .addNewContainer().withName("console").withImage(TestImages.BUSYBOX).withCommand("sh")
                .withStdin(true).withStdinOnce(false).withTty(false).endContainer()
                .endSpec().build();
        return engine.create(pod).awaitReady(Duration.ofSeconds(60));
    }
}

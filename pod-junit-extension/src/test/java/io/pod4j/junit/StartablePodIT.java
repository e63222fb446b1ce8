package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.pod4j.api.error.PodTimeoutException;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/** A pod used where Testcontainers expects a Startable, beside a Testcontainers container. */
class StartablePodIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static Pod web(String name) {
        return Pods.named(name)
                .container("web", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "echo served by a pod > /tmp/index.html; httpd -f -p 8080 -h /tmp")
                        .port(8080)
                        .readinessProbe(Probes.tcpSocket(8080)))
                .build();
    }

    @Test
    void startsWithTestcontainersStartablesAndIsReachableFromATestcontainersContainer() throws Exception {
        StartablePod pod = new StartablePod(ENGINE.engine(), web("startable-web"), Duration.ofSeconds(60));
        try (GenericContainer<?> client = new GenericContainer<>(DockerImageName.parse(TestImages.BUSYBOX))
                .withCommand("sleep", "3600")) { // Docker's bridge, the pods' network too: it reaches them by IP, as pods do
            Startables.deepStart(pod, client).join();
            ExecResult r = client.execInContainer("wget", "-qO-", "http://" + pod.handle().podIP() + ":8080/");
            assertThat(r.getStdout()).isEqualTo("served by a pod\n");
        } finally {
            pod.stop();
        }
        try (DockerConnection docker = DockerConnection.open(null)) {
            assertThat(docker.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.POD, "startable-web")).exec()).isEmpty();
        }
    }

    @Test
    void aPodThatNeverBecomesReadyFailsStartAndIsRemoved() {
        Pod never = Pods.named("startable-never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .readinessProbe(Probes.exec("false").toBuilder().withPeriodSeconds(1).build()))
                .build();
        StartablePod pod = new StartablePod(ENGINE.engine(), never, Duration.ofSeconds(3));
        assertThatThrownBy(pod::start).isInstanceOf(PodTimeoutException.class).hasMessageContaining("startable-never");
        assertThatThrownBy(pod::handle).isInstanceOf(IllegalStateException.class).hasMessageContaining("call start() first");
    }
}

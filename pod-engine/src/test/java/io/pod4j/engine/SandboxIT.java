package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.docker.Labels;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pod whose sandbox dies (as after a Docker restart, or a kill from outside) gets a new one, as on a node. */
class SandboxIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void runsTheInitContainersAgainAndRestartsTheAppInANewSandbox() {
        Pod pod = Pods.named("sandbox-killed")
                .initContainer("setup", c -> c.image(TestImages.BUSYBOX).command("true"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod ready = h.awaitReady(WAIT);
            String setupBefore = ready.getStatus().getInitContainerStatuses().get(0).getContainerID();
            var docker = ENGINE.engine().docker().client();
            String sandbox = docker.listContainersCmd()
                    .withLabelFilter(Map.of(Labels.POD_UID, ready.getMetadata().getUid(), Labels.ROLE, "infra")).exec().get(0).getId();
            docker.killContainerCmd(sandbox).exec();

            Pod back = h.await(p -> app(p).getRestartCount() == 1 && Boolean.TRUE.equals(app(p).getReady())
                    && p.getStatus().getInitContainerStatuses().get(0).getRestartCount() == 1,
                    "run its init container again and restart its app container", WAIT);
            ContainerStatus setup = back.getStatus().getInitContainerStatuses().get(0);
            assertThat(setup.getContainerID()).isNotEqualTo(setupBefore);
            assertThat(setup.getState().getTerminated().getReason()).isEqualTo("Completed");
            assertThat(app(back).getLastState().getTerminated()).isNotNull();
            assertThat(h.events()).extracting(Event::getReason).contains("SandboxChanged");
        }
    }

    private static ContainerStatus app(Pod p) {
        return p.getStatus().getContainerStatuses().get(0);
    }
}

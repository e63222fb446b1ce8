package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.ContainerState;
import io.pod4j.api.model.ContainerStateRunning;
import io.pod4j.api.model.ContainerStateTerminated;
import io.pod4j.api.model.ContainerStateWaiting;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodStatus;
import io.pod4j.cli.ApiError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerAccessTest {

    private static final Pod POD = Pod.named("web")
            .container("app", c -> c.image("busybox:1")).container("side", c -> c.image("busybox:1")).build();

    private static Pod with(String phase, ContainerStatus... statuses) {
        return POD.withStatus(PodStatus.builder().phase(phase).containerStatuses(List.of(statuses)).build());
    }

    private static ContainerStatus waiting(String name, String reason) {
        return ContainerStatus.builder().name(name)
                .state(ContainerState.builder().waiting(ContainerStateWaiting.builder().reason(reason).build()).build()).build();
    }

    private static ContainerStatus running(String name) {
        return ContainerStatus.builder().name(name)
                .state(ContainerState.builder().running(ContainerStateRunning.builder().startedAt(Instant.EPOCH).build()).build())
                .build();
    }

    private static String text(java.util.Optional<ApiError> e) {
        return e.map(ApiError::kubectlText).orElse("ok");
    }

    @Test
    void refusesAContainerTheSpecDoesNotHaveAsTheApiServerDoes() {
        assertThat(text(ContainerAccess.logs(with("Running", running("app")), "nope", false)))
                .isEqualTo("Error from server (BadRequest): container nope is not valid for pod web");
        assertThat(text(ContainerAccess.exec(with("Running", running("app")), "nope")))
                .isEqualTo("Error from server (BadRequest): container nope is not valid for pod web");
    }

    @Test
    void namesTheImagePullReasonsAsTheKubeletDoes() {
        assertThat(text(ContainerAccess.logs(with("Pending", waiting("app", "ImagePullBackOff")), "app", false)))
                .isEqualTo("Error from server (BadRequest): container \"app\" in pod \"web\" is waiting to start:"
                        + " trying and failing to pull image");
        assertThat(text(ContainerAccess.logs(with("Pending", waiting("app", "ErrImagePull")), "app", false)))
                .isEqualTo("Error from server (BadRequest): container \"app\" in pod \"web\" is waiting to start:"
                        + " image can't be pulled");
        assertThat(text(ContainerAccess.logs(with("Pending", waiting("app", "PodInitializing")), "app", false)))
                .isEqualTo("Error from server (BadRequest): container \"app\" in pod \"web\" is waiting to start: PodInitializing");
    }

    @Test
    void readsTheLastInstanceOfACrashLoopingContainer() {
        ContainerStatus looping = waiting("app", "CrashLoopBackOff").toBuilder().lastState(ContainerState.builder()
                .terminated(ContainerStateTerminated.builder().exitCode(3).reason("Error").build()).build()).build();
        assertThat(text(ContainerAccess.logs(with("Running", looping), "app", false))).isEqualTo("ok");
        assertThat(text(ContainerAccess.logs(with("Running", looping), "app", true))).isEqualTo("ok");
    }

    @Test
    void refusesPreviousLogsOfAContainerThatNeverRestarted() {
        assertThat(text(ContainerAccess.logs(with("Running", running("app")), "app", true)))
                .isEqualTo("Error from server (BadRequest): previous terminated container \"app\" in pod \"web\" not found");
    }

    @Test
    void refusesToExecIntoACompletedPodOrAContainerNotRunning() {
        assertThat(text(ContainerAccess.exec(with("Succeeded", running("app")), "app")))
                .isEqualTo("error: cannot exec into a container in a completed pod; current phase is Succeeded");
        assertThat(text(ContainerAccess.exec(with("Pending", waiting("app", "ImagePullBackOff")), "app")))
                .isEqualTo("error: unable to upgrade connection: container not found (\"app\")");
        assertThat(text(ContainerAccess.exec(with("Running", running("app")), "app"))).isEqualTo("ok");
    }
}

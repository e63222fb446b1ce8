package io.pod4j.cli.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.pod4j.api.build.Copies;
import io.pod4j.api.build.Pods;
import io.pod4j.cli.ApiError;
import org.junit.jupiter.api.Test;

class ContainerAccessTest {

    private static final Pod POD = Pods.named("web")
            .container("app", c -> c.image("busybox:1")).container("side", c -> c.image("busybox:1")).build();

    private static Pod with(String phase, ContainerStatus... statuses) {
        Pod pod = Copies.of(POD);
        pod.setStatus(new PodStatusBuilder().withPhase(phase).withContainerStatuses(statuses).build());
        return pod;
    }

    private static ContainerStatus waiting(String name, String reason) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewWaiting().withReason(reason).endWaiting().endState()
                .build();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewRunning().withStartedAt("1970-01-01T00:00:00Z")
                .endRunning().endState().build();
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
        ContainerStatus looping = new ContainerStatusBuilder(waiting("app", "CrashLoopBackOff")).withNewLastState().withNewTerminated()
                .withExitCode(3).withReason("Error").endTerminated().endLastState().build();
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

package io.pod4j.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.ContainerState;
import io.pod4j.api.model.ContainerStateRunning;
import io.pod4j.api.model.ContainerStateTerminated;
import io.pod4j.api.model.ContainerStateWaiting;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodCondition;
import io.pod4j.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubectlColumnsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static Pod pod(int inits, PodStatus status) {
        Pod.Builder b = Pod.named("p");
        for (int i = 0; i < inits; i++) {
            b.initContainer("init" + i, c -> c.image("x:1"));
        }
        Pod p = b.container("app", c -> c.image("x:1")).build();
        return p.withMetadata(p.metadata().toBuilder().creationTimestamp(NOW.minusSeconds(300)).build()).withStatus(status);
    }

    private static ContainerStatus running(String name, boolean ready) {
        return ContainerStatus.builder().name(name).ready(ready).restartCount(0).started(true)
                .state(ContainerState.builder().running(ContainerStateRunning.builder().startedAt(NOW).build()).build()).build();
    }

    private static ContainerStatus waiting(String name, String reason, int restarts, Instant lastFinish) {
        ContainerState last = lastFinish == null ? ContainerState.builder().build() : ContainerState.builder()
                .terminated(ContainerStateTerminated.builder().exitCode(1).reason("Error").finishedAt(lastFinish).build()).build();
        return ContainerStatus.builder().name(name).ready(false).restartCount(restarts).lastState(last)
                .state(ContainerState.builder().waiting(ContainerStateWaiting.builder().reason(reason).build()).build()).build();
    }

    private static ContainerStatus terminated(String name, int code, String reason) {
        return ContainerStatus.builder().name(name).ready(false).restartCount(0)
                .state(ContainerState.builder().terminated(ContainerStateTerminated.builder().exitCode(code).reason(reason).build()).build())
                .build();
    }

    @Test
    void showsRunningWithReadyCountAndAge() {
        var c = KubectlColumns.of(pod(0, PodStatus.builder().phase("Running").containerStatuses(List.of(running("app", true))).build()), NOW);
        assertThat(c).isEqualTo(new KubectlColumns("1/1", "Running", "0", "5m"));
    }

    @Test
    void showsCrashLoopBackOffWithRestartsAgo() {
        var c = KubectlColumns.of(pod(0, PodStatus.builder().phase("Running")
                .containerStatuses(List.of(waiting("app", "CrashLoopBackOff", 3, NOW.minusSeconds(42)))).build()), NOW);
        assertThat(c.status()).isEqualTo("CrashLoopBackOff");
        assertThat(c.restarts()).isEqualTo("3 (42s ago)");
        assertThat(c.ready()).isEqualTo("0/1");
    }

    @Test
    void showsInitProgress() {
        var status = PodStatus.builder().phase("Pending")
                .initContainerStatuses(List.of(terminated("init0", 0, "Completed"), running("init1", false)))
                .containerStatuses(List.of(waiting("app", "PodInitializing", 0, null))).build();
        assertThat(KubectlColumns.of(pod(2, status), NOW).status()).isEqualTo("Init:1/2");
    }

    @Test
    void showsAFailedInitContainer() {
        var status = PodStatus.builder().phase("Pending")
                .initContainerStatuses(List.of(waiting("init0", "CrashLoopBackOff", 2, NOW)))
                .containerStatuses(List.of(waiting("app", "PodInitializing", 0, null))).build();
        assertThat(KubectlColumns.of(pod(1, status), NOW).status()).isEqualTo("Init:CrashLoopBackOff");
    }

    @Test
    void showsCompletedAndError() {
        assertThat(KubectlColumns.of(pod(0, PodStatus.builder().phase("Succeeded")
                .containerStatuses(List.of(terminated("app", 0, "Completed"))).build()), NOW).status()).isEqualTo("Completed");
        assertThat(KubectlColumns.of(pod(0, PodStatus.builder().phase("Failed")
                .containerStatuses(List.of(terminated("app", 1, "Error"))).build()), NOW).status()).isEqualTo("Error");
    }

    @Test
    void showsTerminatingWhileDeleting() {
        Pod p = pod(0, PodStatus.builder().phase("Running").containerStatuses(List.of(running("app", true))).build());
        p = p.withMetadata(p.metadata().toBuilder().deletionTimestamp(NOW).build());
        assertThat(KubectlColumns.of(p, NOW).status()).isEqualTo("Terminating");
    }

    @Test
    void showsTheStatusReasonOfAFailedPod() {
        var c = KubectlColumns.of(pod(0, PodStatus.builder().phase("Failed").reason("DeadlineExceeded").build()), NOW);
        assertThat(c.status()).isEqualTo("DeadlineExceeded");
    }

    @Test
    void countsReadySidecars() {
        Pod p = Pod.named("p").sidecar("side", c -> c.image("x:1")).container("app", c -> c.image("x:1")).build()
                .withStatus(PodStatus.builder().phase("Running")
                        .conditions(List.of(PodCondition.builder().type("Initialized").status("True").build()))
                        .initContainerStatuses(List.of(running("side", true)))
                        .containerStatuses(List.of(running("app", true))).build());
        assertThat(KubectlColumns.of(p, NOW).ready()).isEqualTo("2/2");
    }

    @ParameterizedTest(name = "{0}s -> {1}")
    @CsvSource({"0,0s", "59,59s", "119,119s", "120,2m", "150,2m30s", "600,10m", "10799,179m", "10800,3h", "11100,3h5m",
        "28800,8h", "172799,47h", "172800,2d", "183600,2d3h", "691200,8d", "3888000,45d", "63072000,2y", "63158400,2y1d",
        "252288000,8y"})
    void formatsAgesLikeKubectl(long seconds, String expected) {
        assertThat(HumanDuration.format(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }
}

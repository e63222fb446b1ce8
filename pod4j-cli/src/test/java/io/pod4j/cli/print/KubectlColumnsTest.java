package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.pod4j.api.build.Pods;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubectlColumnsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static Pod pod(int inits, PodStatus status) {
        Pods.Builder b = Pods.named("p");
        for (int i = 0; i < inits; i++) {
            b.initContainer("init" + i, c -> c.image("x:1"));
        }
        Pod p = b.container("app", c -> c.image("x:1")).build();
        p.getMetadata().setCreationTimestamp(NOW.minusSeconds(300).toString());
        p.setStatus(status);
        return p;
    }

    private static PodStatusBuilder status(String phase) {
        return new PodStatusBuilder().withPhase(phase);
    }

    private static ContainerStatus running(String name, boolean ready) {
        return new ContainerStatusBuilder().withName(name).withReady(ready).withRestartCount(0).withStarted(true)
                .withNewState().withNewRunning(NOW.toString()).endState().build();
    }

    private static ContainerStatus waiting(String name, String reason, int restarts, Instant lastFinish) {
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(restarts)
                .withNewState().withNewWaiting(null, reason).endState();
        if (lastFinish != null) {
            b.withNewLastState().withNewTerminated().withExitCode(1).withReason("Error").withFinishedAt(lastFinish.toString())
                    .endTerminated().endLastState();
        }
        return b.build();
    }

    private static ContainerStatus terminated(String name, int code, String reason) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0)
                .withNewState().withNewTerminated().withExitCode(code).withReason(reason).endTerminated().endState().build();
    }

    @Test
    void showsRunningWithReadyCountAndAge() {
        var c = KubectlColumns.of(pod(0, status("Running").withContainerStatuses(running("app", true)).build()), NOW);
        assertThat(c).isEqualTo(new KubectlColumns("1/1", "Running", "0", "5m"));
    }

    @Test
    void showsCrashLoopBackOffWithRestartsAgo() {
        var c = KubectlColumns.of(pod(0, status("Running")
                .withContainerStatuses(waiting("app", "CrashLoopBackOff", 3, NOW.minusSeconds(42))).build()), NOW);
        assertThat(c.status()).isEqualTo("CrashLoopBackOff");
        assertThat(c.restarts()).isEqualTo("3 (42s ago)");
        assertThat(c.ready()).isEqualTo("0/1");
    }

    @Test
    void showsInitProgress() {
        var status = status("Pending")
                .withInitContainerStatuses(terminated("init0", 0, "Completed"), running("init1", false))
                .withContainerStatuses(waiting("app", "PodInitializing", 0, null)).build();
        assertThat(KubectlColumns.of(pod(2, status), NOW).status()).isEqualTo("Init:1/2");
    }

    @Test
    void showsAFailedInitContainer() {
        var status = status("Pending")
                .withInitContainerStatuses(waiting("init0", "CrashLoopBackOff", 2, NOW))
                .withContainerStatuses(waiting("app", "PodInitializing", 0, null)).build();
        assertThat(KubectlColumns.of(pod(1, status), NOW).status()).isEqualTo("Init:CrashLoopBackOff");
    }

    @Test
    void showsCompletedAndError() {
        assertThat(KubectlColumns.of(pod(0, status("Succeeded")
                .withContainerStatuses(terminated("app", 0, "Completed")).build()), NOW).status()).isEqualTo("Completed");
        assertThat(KubectlColumns.of(pod(0, status("Failed")
                .withContainerStatuses(terminated("app", 1, "Error")).build()), NOW).status()).isEqualTo("Error");
    }

    @Test
    void showsTerminatingWhileDeleting() {
        Pod p = pod(0, status("Running").withContainerStatuses(running("app", true)).build());
        p.getMetadata().setDeletionTimestamp(NOW.toString());
        assertThat(KubectlColumns.of(p, NOW).status()).isEqualTo("Terminating");
    }

    @Test
    void showsTheStatusReasonOfAFailedPod() {
        var c = KubectlColumns.of(pod(0, status("Failed").withReason("DeadlineExceeded").build()), NOW);
        assertThat(c.status()).isEqualTo("DeadlineExceeded");
    }

    @Test
    void countsReadySidecars() {
        Pod p = Pods.named("p").sidecar("side", c -> c.image("x:1")).container("app", c -> c.image("x:1")).build();
        p.setStatus(status("Running")
                .withConditions(new PodConditionBuilder().withType("Initialized").withStatus("True").build())
                .withInitContainerStatuses(running("side", true))
                .withContainerStatuses(running("app", true)).build());
        assertThat(KubectlColumns.of(p, NOW).ready()).isEqualTo("2/2");
    }
}

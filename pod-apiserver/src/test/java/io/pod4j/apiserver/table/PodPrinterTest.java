package io.pod4j.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodReadinessGateBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.pod4j.api.build.Pods;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rows compared with what a cluster prints for the same pods ({@code kubectl get pods -o wide}),
 * written from the API server's pod printer.
 */
class PodPrinterTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private static Pod pod(int inits, PodStatus status) {
        Pods.Builder b = Pods.named("web");
        for (int i = 0; i < inits; i++) {
            b.initContainer("init" + i, c -> c.image("busybox:1"));
        }
        Pod p = b.container("app", c -> c.image("busybox:1")).build();
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
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(name).withReady(false)
                .withRestartCount(restarts).withNewState().withNewWaiting(null, reason).endState();
        if (lastFinish != null) {
            b.withNewLastState().withNewTerminated().withExitCode(1).withReason("Error")
                    .withFinishedAt(lastFinish.toString()).endTerminated().endLastState();
        }
        return b.build();
    }

    private static ContainerStatus terminated(String name, int code, String reason) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0).withNewState()
                .withNewTerminated().withExitCode(code).withReason(reason).endTerminated().endState().build();
    }

    private static List<Object> cells(Pod pod) {
        return new PodPrinter().row(pod, NOW).cells();
    }

    @Test
    void runningPodPrintsReadyCountStatusRestartsAgeAndWideColumns() {
        Pod pod = pod(0, status("Running").withContainerStatuses(running("app", true))
                .withPodIPs(new PodIPBuilder().withIp("172.17.0.5").build()).build());
        pod.getSpec().setNodeName("pod4j");
        // NAME READY STATUS  RESTARTS AGE IP         NODE  NOMINATED NODE READINESS GATES
        // web  1/1   Running 0        5m  172.17.0.5 pod4j <none>         <none>
        assertThat(cells(pod)).containsExactly("web", "1/1", "Running", "0", "5m", "172.17.0.5", "pod4j", "<none>",
                "<none>");
    }

    @Test
    void crashLoopingPodPrintsRestartsWithTheTimeSinceTheLastOne() {
        Pod pod = pod(0, status("Running")
                .withContainerStatuses(waiting("app", "CrashLoopBackOff", 2, NOW.minusSeconds(5))).build());
        assertThat(cells(pod).subList(1, 4)).containsExactly("0/1", "CrashLoopBackOff", "2 (5s ago)");
    }

    @Test
    void podWithAnInitContainerRunningPrintsInitProgress() {
        Pod pod = pod(1, status("Pending").withInitContainerStatuses(running("init0", false))
                .withContainerStatuses(waiting("app", "PodInitializing", 0, null)).build());
        assertThat(cells(pod).subList(1, 3)).containsExactly("0/1", "Init:0/1");
    }

    @Test
    void podWithAFailedInitContainerPrintsItsReason() {
        Pod pod = pod(2, status("Pending")
                .withInitContainerStatuses(terminated("init0", 0, "Completed"), terminated("init1", 1, "Error"))
                .build());
        assertThat(cells(pod).get(2)).isEqualTo("Init:Error");
    }

    @Test
    void podWhoseInitContainersAreDoneButWhoseContainerWaitsPrintsPodInitializing() {
        Pod pod = pod(1, status("Pending").withInitContainerStatuses(terminated("init0", 0, "Completed"))
                .withConditions(new PodConditionBuilder().withType("Initialized").withStatus("True").build())
                .withContainerStatuses(waiting("app", "PodInitializing", 0, null)).build());
        assertThat(cells(pod).get(2)).isEqualTo("PodInitializing");
    }

    @Test
    void deletedRunningPodPrintsTerminating() {
        Pod pod = pod(0, status("Running").withContainerStatuses(running("app", true)).build());
        pod.getMetadata().setDeletionTimestamp(NOW.toString());
        assertThat(cells(pod).get(2)).isEqualTo("Terminating");
    }

    @Test
    void succeededPodPrintsCompletedAndCarriesTheCompletedRowCondition() {
        Pod pod = pod(0, status("Succeeded").withContainerStatuses(terminated("app", 0, "Completed")).build());
        Printer.Row row = new PodPrinter().row(pod, NOW);
        assertThat(row.cells().subList(1, 3)).containsExactly("0/1", "Completed");
        assertThat(row.conditions()).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("type", "Completed").containsEntry("reason", "Succeeded"));
    }

    @Test
    void containerExitingWithoutAReasonPrintsItsExitCode() {
        Pod pod = pod(0, status("Failed").withContainerStatuses(terminated("app", 3, null)).build());
        assertThat(cells(pod).get(2)).isEqualTo("ExitCode:3");
    }

    @Test
    void startedReadySidecarCountsInReady() {
        Pod pod = Pods.named("web").sidecar("proxy", c -> c.image("busybox:1"))
                .container("app", c -> c.image("busybox:1")).build();
        pod.getMetadata().setCreationTimestamp(NOW.minusSeconds(60).toString());
        pod.setStatus(status("Running").withInitContainerStatuses(running("proxy", true))
                .withConditions(new PodConditionBuilder().withType("Initialized").withStatus("True").build())
                .withContainerStatuses(running("app", true)).build());
        assertThat(cells(pod).subList(1, 3)).containsExactly("2/2", "Running");
    }

    @Test
    void readinessGatesPrintHowManyAreTrue() {
        Pod pod = pod(0, status("Running").withContainerStatuses(running("app", true))
                .withConditions(new PodConditionBuilder().withType("example.com/lb").withStatus("True").build())
                .build());
        pod.getSpec().setReadinessGates(List.of(new PodReadinessGateBuilder().withConditionType("example.com/lb").build(),
                new PodReadinessGateBuilder().withConditionType("example.com/dns").build()));
        assertThat(cells(pod).get(8)).isEqualTo("1/2");
    }

    @Test
    void schedulingGatedPodPrintsSchedulingGated() {
        Pod pod = pod(0, status("Pending").withConditions(new PodConditionBuilder().withType("PodScheduled")
                .withStatus("False").withReason("SchedulingGated").build()).build());
        assertThat(cells(pod).get(2)).isEqualTo("SchedulingGated");
    }
}

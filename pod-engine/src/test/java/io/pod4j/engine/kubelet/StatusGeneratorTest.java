package io.pod4j.engine.kubelet;

import static io.pod4j.engine.kubelet.PodPlannerTest.spec;
import static io.pod4j.engine.kubelet.Views.c;
import static io.pod4j.engine.kubelet.Views.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.pod4j.engine.kubelet.PodActions.Waiting;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The status a pod shows for what its worker knows, table by table. */
class StatusGeneratorTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    record Row(Pod pod, Views.P view, Map<String, Waiting> waiting, Consumer<PodStatus> expect) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void generates(Row row) {
        row.expect().accept(StatusGenerator.generate(row.pod(), row.view().view(), row.waiting(), List.of(), T0));
    }

    static Stream<Arguments> rows() {
        Pod init = spec("Always", b -> b.initContainer("i", c -> c.image("busybox:1")).container("a", c -> c.image("busybox:1")));
        Pod app = spec("Always", b -> b.container("a", c -> c.image("busybox:1")));
        Pod sidecar = spec("Never", b -> b.sidecar("s", c -> c.image("busybox:1")).container("a", c -> c.image("busybox:1")));
        Pod failingInit = spec("Never", b -> b.sidecar("s", c -> c.image("busybox:1")).initContainer("i", c -> c.image("busybox:1"))
                .container("a", c -> c.image("busybox:1")));
        return Stream.of(
                row("reportsAnInitContainerThatCompletedReady", init, pod().inits(c("i").exited(0)).apps(c("a").running()), Map.of(),
                        s -> assertThat(s.getInitContainerStatuses().get(0).getReady()).isTrue()),
                row("showsAnAppContainerWaitingBehindInitContainersAsPodInitializing", init, pod().inits(c("i").running()).apps(c("a")),
                        Map.of(), s -> {
                            assertThat(reason(s.getContainerStatuses().get(0))).isEqualTo("PodInitializing");
                            assertThat(s.getPhase()).isEqualTo("Pending");
                        }),
                row("showsContainerCreatingWithTheSandboxsErrorWithoutInitContainers", app,
                        pod().sandbox(PodView.Sandbox.NONE).apps(c("a")), Map.of(), s -> {
                            assertThat(reason(s.getContainerStatuses().get(0))).isEqualTo("ContainerCreating");
                            assertThat(s.getContainerStatuses().get(0).getState().getWaiting().getMessage()).isEqualTo("port is already allocated");
                        }),
                row("showsARunningPodUnknownWhileDockerDoesNotAnswer", app, pod().unreachable().apps(c("a").running()), Map.of(),
                        s -> assertThat(s.getPhase()).isEqualTo("Unknown")),
                row("keepsAPodWithoutSandboxPendingAndContainerCreatingWhileDockerDoesNotAnswer", app,
                        pod().sandbox(PodView.Sandbox.NONE).unreachable().apps(c("a")), Map.of(), s -> {
                            assertThat(s.getPhase()).isEqualTo("Pending");
                            assertThat(reason(s.getContainerStatuses().get(0))).isEqualTo("ContainerCreating");
                        }),
                row("makesATerminatingPodUnreadyWhenItsReadinessProbeFails", app,
                        pod().deleting(Views.NOW + 30 * Views.S).apps(c("a").running().unready()), Map.of(), s -> {
                            assertThat(condition(s, "Ready")).isEqualTo("False");
                            assertThat(s.getPhase()).isEqualTo("Running");
                        }),
                row("keepsAPodRunningWhileItsSidecarsStopAfterTheAppContainersCompleted", sidecar,
                        pod().inits(c("s").stopping()).apps(c("a").exited(0)), Map.of(), s -> assertThat(s.getPhase()).isEqualTo("Running")),
                row("succeedsOnceTheSidecarsStoppedWhateverTheirExitCodes", sidecar,
                        pod().inits(c("s").exited(143)).apps(c("a").exited(0)), Map.of(), s -> {
                            assertThat(s.getPhase()).isEqualTo("Succeeded");
                            assertThat(s.getInitContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(143);
                        }),
                row("failsThePodWhenAnInitContainerFailedUnderNever", failingInit,
                        pod().inits(c("s").running(), c("i").exited(1)).apps(c("a")), Map.of(),
                        s -> assertThat(s.getPhase()).isEqualTo("Failed")),
                row("reportsTheKubeletsReasonForFailingThePod", app, pod().failed("DeadlineExceeded").apps(c("a").exited(137)), Map.of(),
                        s -> {
                            assertThat(s.getPhase()).isEqualTo("Failed");
                            assertThat(s.getReason()).isEqualTo("DeadlineExceeded");
                            assertThat(s.getMessage()).isEqualTo("Pod was active on the node longer than the specified deadline");
                        }),
                row("reportsWhyAContainerCannotStartWhileItRetries", app,
                        pod().apps(c("a").starting().startFailed("CreateContainerConfigError", "secret \"s\" not found", 0, 0)), Map.of(),
                        s -> assertThat(s.getContainerStatuses().get(0).getState().getWaiting().getMessage()).isEqualTo("secret \"s\" not found")),
                row("reportsARunningEphemeralContainerNeverReadyAndLeavesThePodsReadinessAlone",
                        PodPlannerTest.withDebugger(spec("Always", b -> b.container("a", c -> c.image("busybox:1")))),
                        pod().apps(c("a").running()).ephemerals(c("debugger").running()), Map.of(), s -> {
                            ContainerStatus d = s.getEphemeralContainerStatuses().get(0);
                            assertThat(d.getName()).isEqualTo("debugger");
                            assertThat(d.getState().getRunning()).isNotNull();
                            assertThat(d.getReady()).isFalse();
                            assertThat(d.getStarted()).isNull();
                            assertThat(condition(s, "Ready")).isEqualTo("True");
                        }),
                row("keepsAPodRunningWhenItsEphemeralContainerExited",
                        PodPlannerTest.withDebugger(spec("Always", b -> b.container("a", c -> c.image("busybox:1")))),
                        pod().apps(c("a").running()).ephemerals(c("debugger").exited(0)), Map.of(), s -> {
                            assertThat(s.getPhase()).isEqualTo("Running");
                            assertThat(s.getEphemeralContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
                        }),
                row("showsCrashLoopBackOffWithTheLastExitAsLastState", app, pod().apps(c("a").exited(1).restarts(3)),
                        Map.of("a", new Waiting("CrashLoopBackOff", "back-off 40s")), s -> {
                            ContainerStatus a = s.getContainerStatuses().get(0);
                            assertThat(reason(a)).isEqualTo("CrashLoopBackOff");
                            assertThat(a.getLastState().getTerminated().getExitCode()).isEqualTo(1);
                            assertThat(a.getRestartCount()).isEqualTo(3);
                        }));
    }

    @Test
    void keepsAConditionsTransitionTimeWhileItsStatusHolds() {
        Pod app = spec("Always", b -> b.container("a", c -> c.image("busybox:1")));
        PodStatus first = StatusGenerator.generate(app, pod().apps(c("a").running()).view(), Map.of(), List.of(), T0);
        PodStatus later = StatusGenerator.generate(app, pod().apps(c("a").running()).view(), Map.of(), first.getConditions(),
                T0.plusSeconds(60));
        assertThat(later.getConditions()).extracting(PodCondition::getLastTransitionTime).containsOnly("2026-12-03T12:00:00Z");
    }

    private static String reason(ContainerStatus s) {
        return s.getState().getWaiting() == null ? null : s.getState().getWaiting().getReason();
    }

    private static String condition(PodStatus s, String type) {
        return s.getConditions().stream().filter(c -> c.getType().equals(type)).map(PodCondition::getStatus).findFirst().orElseThrow();
    }

    static Arguments row(String behaviour, Pod pod, Views.P view, Map<String, Waiting> waiting, Consumer<PodStatus> expect) {
        return Arguments.of(Named.of(behaviour, new Row(pod, view, waiting, expect)));
    }
}

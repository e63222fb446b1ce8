package io.pod4j.engine.kubelet;

import static io.pod4j.engine.kubelet.Views.NOW;
import static io.pod4j.engine.kubelet.Views.S;
import static io.pod4j.engine.kubelet.Views.c;
import static io.pod4j.engine.kubelet.Views.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.kubelet.PodActions.Kill;
import io.pod4j.engine.kubelet.PodActions.Waiting;
import io.pod4j.engine.kubelet.PodView.Sandbox;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner, table by table: a pod, what the worker knows of it now, and the actions expected. */
class PodPlannerTest {

    private static final Probe EXEC = new ProbeBuilder().withNewExec().withCommand("true").endExec().build();

    record Row(Pod pod, Views.P view, Consumer<PodActions> expect) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"initOrder", "sidecars", "restarts", "probes", "deadlines", "deletion", "dockerRestart", "dockerSilent", "cannotStart",
        "ephemeral"})
    void plans(Row row) {
        row.expect().accept(PodPlanner.plan(row.pod(), row.view().view(), NOW));
    }

    static Stream<Arguments> initOrder() {
        Pod twoInits = spec("Always", b -> b.initContainer("i1", c -> c.image("busybox:1")).initContainer("i2", c -> c.image("busybox:1"))
                .container("a", c -> c.image("busybox:1")).container("b", c -> c.image("busybox:1")));
        Pod never = spec("Never", b -> b.initContainer("i1", c -> c.image("busybox:1")).container("a", c -> c.image("busybox:1")));
        return Stream.of(
                row("createsTheSandboxBeforeAnyContainer", twoInits, pod().sandbox(Sandbox.NONE).inits(c("i1"), c("i2")).apps(c("a"), c("b")),
                        a -> {
                            assertThat(a.createSandbox()).isTrue();
                            assertThat(a.start()).isEmpty();
                        }),
                row("waitsOutTheSandboxBackOffAfterAFailedSandbox", twoInits,
                        pod().sandbox(Sandbox.NONE).sandboxRetryAt(NOW + 5 * S).inits(c("i1"), c("i2")).apps(c("a"), c("b")),
                        a -> {
                            assertThat(a.createSandbox()).isFalse();
                            assertThat(a.wakeAtNanos()).isEqualTo(NOW + 5 * S);
                        }),
                row("startsOnlyTheFirstInitContainer", twoInits, pod().inits(c("i1"), c("i2")).apps(c("a"), c("b")),
                        a -> assertThat(a.start()).containsExactly("i1")),
                row("waitsWhileTheFirstInitContainerRuns", twoInits, pod().inits(c("i1").running(), c("i2")).apps(c("a"), c("b")),
                        a -> assertThat(idle(a)).isTrue()),
                row("startsTheSecondInitContainerOnceTheFirstSucceeded", twoInits,
                        pod().inits(c("i1").exited(0), c("i2")).apps(c("a"), c("b")),
                        a -> assertThat(a.start()).containsExactly("i2")),
                row("startsEveryAppContainerOnceAllInitContainersSucceeded", twoInits,
                        pod().inits(c("i1").exited(0), c("i2").exited(0)).apps(c("a"), c("b")),
                        a -> assertThat(a.start()).containsExactly("a", "b")),
                row("retriesAFailedInitContainerAfterItsBackOff", twoInits,
                        pod().inits(c("i1").exited(1).backOffUntil(NOW + 10 * S, Duration.ofSeconds(10)), c("i2")).apps(c("a"), c("b")),
                        a -> {
                            assertThat(a.start()).isEmpty();
                            assertThat(a.waiting().get("i1").reason()).isEqualTo("CrashLoopBackOff");
                            assertThat(a.wakeAtNanos()).isEqualTo(NOW + 10 * S);
                        }),
                row("restartsAFailedInitContainerOnceItsBackOffExpired", twoInits,
                        pod().inits(c("i1").exited(1).backOffUntil(NOW - S, Duration.ofSeconds(10)), c("i2")).apps(c("a"), c("b")),
                        a -> assertThat(a.start()).containsExactly("i1")),
                row("neverRetriesAFailedInitContainerUnderNever", never, pod().inits(c("i1").exited(1)).apps(c("a")),
                        a -> assertThat(idle(a)).isTrue()),
                row("startsNoAppContainerWhileAnInitContainerIsPending", twoInits,
                        pod().inits(c("i1").exited(0), c("i2").starting()).apps(c("a"), c("b")),
                        a -> assertThat(a.start()).isEmpty()));
    }

    static Stream<Arguments> sidecars() {
        Pod plain = spec("Never", b -> b.sidecar("s", c -> c.image("busybox:1")).container("a", c -> c.image("busybox:1")));
        Pod probed = spec("Never", b -> b.sidecar("s", c -> c.image("busybox:1").startupProbe(EXEC)).container("a", c -> c.image("busybox:1")));
        Pod two = spec("Never", b -> b.sidecar("s1", c -> c.image("busybox:1")).sidecar("s2", c -> c.image("busybox:1"))
                .container("a", c -> c.image("busybox:1")));
        Pod failingInit = spec("Never", b -> b.sidecar("s", c -> c.image("busybox:1")).initContainer("i", c -> c.image("busybox:1"))
                .container("a", c -> c.image("busybox:1")));
        return Stream.of(
                row("startsTheSidecarFirst", plain, pod().inits(c("s")).apps(c("a")), a -> assertThat(a.start()).containsExactly("s")),
                row("startsTheNextContainerOnceASidecarWithoutStartupProbeRuns", plain, pod().inits(c("s").running()).apps(c("a")),
                        a -> assertThat(a.start()).containsExactly("a")),
                row("holdsTheNextContainerUntilTheSidecarsStartupProbeSucceeded", probed,
                        pod().inits(c("s").runningNotStarted()).apps(c("a")), a -> assertThat(a.start()).isEmpty()),
                row("startsTheNextContainerAsSoonAsTheSidecarsStartupProbeSucceeded", probed,
                        pod().inits(c("s").running().unready()).apps(c("a")), a -> assertThat(a.start()).containsExactly("a")),
                row("restartsAnExitedSidecarWhateverThePodsRestartPolicy", plain, pod().inits(c("s").exited(0)).apps(c("a").running()),
                        a -> assertThat(a.start()).containsExactly("s")),
                row("stopsTheLastSidecarFirstOnceTheAppContainersCompleted", two,
                        pod().inits(c("s1").running(), c("s2").running()).apps(c("a").exited(0)),
                        a -> assertThat(a.kill()).extracting(Kill::container, Kill::message)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple("s2", "Stopping container s2"))),
                row("waitsForTheLaterSidecarToExitBeforeStoppingTheFirst", two,
                        pod().inits(c("s1").running(), c("s2").stopping()).apps(c("a").exited(0)),
                        a -> assertThat(a.kill()).isEmpty()),
                row("stopsTheFirstSidecarOnceTheLaterOneExited", two,
                        pod().inits(c("s1").running(), c("s2").exited(143)).apps(c("a").exited(0)),
                        a -> assertThat(a.kill()).extracting(Kill::container).containsExactly("s1")),
                row("neverRestartsTheSidecarsOfAPodThatCompleted", two,
                        pod().inits(c("s1").exited(143), c("s2").exited(143)).apps(c("a").exited(0)),
                        a -> assertThat(idle(a)).isTrue()),
                row("stopsTheSidecarsAndStartsNothingWhenAnInitContainerFailedUnderNever", failingInit,
                        pod().inits(c("s").running(), c("i").exited(1)).apps(c("a")),
                        a -> {
                            assertThat(a.kill()).extracting(Kill::container).containsExactly("s");
                            assertThat(a.start()).isEmpty();
                        }),
                row("neverRestartsTheSidecarOfAPodWhoseInitContainerFailedUnderNever", failingInit,
                        pod().inits(c("s").exited(143), c("i").exited(1)).apps(c("a")),
                        a -> assertThat(idle(a)).isTrue()));
    }

    static Stream<Arguments> restarts() {
        Pod always = spec("Always", b -> b.container("a", c -> c.image("busybox:1")));
        Pod onFailure = spec("OnFailure", b -> b.container("a", c -> c.image("busybox:1")));
        Pod never = spec("Never", b -> b.container("a", c -> c.image("busybox:1")));
        return Stream.of(
                row("restartsAContainerThatExitedZeroUnderAlways", always, pod().apps(c("a").exited(0)),
                        a -> assertThat(a.start()).containsExactly("a")),
                row("waitsOutTheCrashBackOffAsCrashLoopBackOff", always,
                        pod().apps(c("a").exited(1).restarts(2).backOffUntil(NOW + 7 * S, Duration.ofSeconds(20))),
                        a -> {
                            assertThat(a.start()).isEmpty();
                            assertThat(a.waiting()).containsEntry("a", new Waiting("CrashLoopBackOff",
                                    "back-off 20s restarting failed container=a pod=web_default(uid-1)"));
                            assertThat(a.wakeAtNanos()).isEqualTo(NOW + 7 * S);
                        }),
                row("printsALongBackOffInMinutes", always,
                        pod().apps(c("a").exited(1).backOffUntil(NOW + 7 * S, Duration.ofSeconds(300))),
                        a -> assertThat(a.waiting().get("a").message()).startsWith("back-off 5m0s ")),
                row("restartsAFailedContainerUnderOnFailure", onFailure, pod().apps(c("a").exited(2)),
                        a -> assertThat(a.start()).containsExactly("a")),
                row("leavesASucceededContainerUnderOnFailure", onFailure, pod().apps(c("a").exited(0)), a -> assertThat(idle(a)).isTrue()),
                row("neverRestartsUnderNever", never, pod().apps(c("a").exited(1)), a -> assertThat(idle(a)).isTrue()),
                row("restartsARunningContainerWhoseImageChanged", never, pod().apps(c("a").running().image("busybox:old")),
                        a -> assertThat(a.kill()).containsExactly(new Kill("a", "Container a definition changed, will be restarted",
                                Duration.ofSeconds(30), true))),
                row("startsAContainerKilledForANewImageAtOnceEvenUnderNever", never,
                        pod().apps(c("a").exited(143).killedForNewDefinition().backOffUntil(NOW + 9 * S, Duration.ofSeconds(10))),
                        a -> assertThat(a.start()).containsExactly("a")));
    }

    static Stream<Arguments> probes() {
        Pod live = spec("Always", b -> b.container("a", c -> c.image("busybox:1").livenessProbe(EXEC)));
        Pod liveGrace = spec("Always", b -> b.container("a", c -> c.image("busybox:1")
                .livenessProbe(new ProbeBuilder(EXEC).withTerminationGracePeriodSeconds(3L).build())));
        Pod liveNever = spec("Never", b -> b.container("a", c -> c.image("busybox:1").livenessProbe(EXEC)));
        Pod startup = spec("Always", b -> b.container("a", c -> c.image("busybox:1").startupProbe(EXEC)));
        return Stream.of(
                row("killsAContainerWhoseLivenessProbeFailed", live, pod().apps(c("a").running().probeFailed("liveness")),
                        a -> assertThat(a.kill()).containsExactly(new Kill("a", "Container a failed liveness probe, will be restarted",
                                Duration.ofSeconds(30), false))),
                row("killsWithTheProbesOwnTerminationGracePeriod", liveGrace, pod().apps(c("a").running().probeFailed("liveness")),
                        a -> assertThat(a.kill()).extracting(Kill::grace).containsExactly(Duration.ofSeconds(3))),
                row("saysNothingOfARestartUnderNever", liveNever, pod().apps(c("a").running().probeFailed("liveness")),
                        a -> assertThat(a.kill()).extracting(Kill::message).containsExactly("Container a failed liveness probe")),
                row("killsAContainerWhoseStartupProbeFailed", startup, pod().apps(c("a").runningNotStarted().probeFailed("startup")),
                        a -> assertThat(a.kill()).extracting(Kill::message)
                                .containsExactly("Container a failed startup probe, will be restarted")),
                row("ignoresALivenessFailureWhileThePodTerminates", live,
                        pod().deleting(NOW + 20 * S).apps(c("a").running().probeFailed("liveness")),
                        a -> assertThat(a.kill()).extracting(Kill::message).containsExactly("Stopping container a")),
                row("leavesAnUnreadyContainerRunning", live, pod().apps(c("a").running().unready()), a -> assertThat(idle(a)).isTrue()));
    }

    static Stream<Arguments> deadlines() {
        Pod deadline = spec("Always", b -> b.container("a", c -> c.image("busybox:1")).spec(s -> s.setActiveDeadlineSeconds(100L)));
        Pod lowered = spec("Always", b -> b.container("a", c -> c.image("busybox:1")).spec(s -> s.setActiveDeadlineSeconds(30L)));
        return Stream.of(
                row("wakesWhenTheActiveDeadlinePasses", deadline, pod().startedAt(NOW - 60 * S).apps(c("a").running()),
                        a -> {
                            assertThat(a.fail()).isNull();
                            assertThat(a.wakeAtNanos()).isEqualTo(NOW + 40 * S);
                        }),
                row("failsThePodAndStopsItsContainersPastTheActiveDeadline", deadline, pod().startedAt(NOW - 101 * S).apps(c("a").running()),
                        a -> {
                            assertThat(a.fail()).isEqualTo(new PodActions.Failure("DeadlineExceeded",
                                    "Pod was active on the node longer than the specified deadline"));
                            assertThat(a.kill()).extracting(Kill::container).containsExactly("a");
                        }),
                row("failsThePodAtOnceWhenALoweredDeadlineHasPassed", lowered, pod().startedAt(NOW - 60 * S).apps(c("a").running()),
                        a -> assertThat(a.fail()).isNotNull()),
                row("neverRestartsTheContainersOfAPodItFailed", deadline, pod().failed("DeadlineExceeded").apps(c("a").exited(137)),
                        a -> assertThat(idle(a)).isTrue()),
                row("countsTheDeadlineOnlyOnceThePodStarted", deadline, pod().sandbox(Sandbox.NONE).apps(c("a")),
                        a -> assertThat(a.fail()).isNull()));
    }

    static Stream<Arguments> deletion() {
        Pod pod = spec("Always", b -> b.sidecar("s1", c -> c.image("busybox:1")).sidecar("s2", c -> c.image("busybox:1"))
                .container("a", c -> c.image("busybox:1")).container("b", c -> c.image("busybox:1")));
        return Stream.of(
                row("stopsTheAppContainersFirstWithWhatIsLeftOfTheGracePeriod", pod,
                        pod().deleting(NOW + 20 * S).inits(c("s1").running(), c("s2").running()).apps(c("a").running(), c("b").running()),
                        a -> assertThat(a.kill()).containsExactly(new Kill("a", "Stopping container a", Duration.ofSeconds(20), false),
                                new Kill("b", "Stopping container b", Duration.ofSeconds(20), false))),
                row("stopsTheSidecarsInReverseOrderAfterTheAppContainers", pod,
                        pod().deleting(NOW + 5 * S).inits(c("s1").running(), c("s2").running()).apps(c("a").exited(143), c("b").exited(0)),
                        a -> assertThat(a.kill()).extracting(Kill::container).containsExactly("s2")),
                row("shortensAKillUnderWayWhenASecondDeleteGivesLessGrace", pod,
                        pod().deleting(NOW + S).inits(c("s1").running(), c("s2").running()).apps(c("a").stopping(NOW + 59 * S), c("b")),
                        a -> assertThat(a.kill()).containsExactly(new Kill("a", "Stopping container a", Duration.ofSeconds(1), false))),
                row("leavesAKillUnderWayThatEndsSoonerAlone", pod,
                        pod().deleting(NOW + 20 * S).inits(c("s1").running(), c("s2").running()).apps(c("a").stopping(NOW + 10 * S), c("b")),
                        a -> assertThat(a.kill()).isEmpty()),
                row("startsNothingWhileThePodIsDeleted", pod,
                        pod().deleting(NOW + 5 * S).inits(c("s1").running(), c("s2").running()).apps(c("a").stopping(), c("b")),
                        a -> assertThat(a.start()).isEmpty()),
                row("removesThePodOnceEverythingStopped", pod,
                        pod().deleting(NOW + 5 * S).inits(c("s1").exited(0), c("s2").exited(0)).apps(c("a").exited(143), c("b")),
                        a -> assertThat(a.removePod()).isTrue()),
                row("stopsWithNoGraceLeftOnceTheGracePeriodIsOver", pod,
                        pod().deleting(NOW - S).inits(c("s1").running(), c("s2").running()).apps(c("a").running(), c("b").running()),
                        a -> assertThat(a.kill()).extracting(Kill::grace).containsOnly(Duration.ZERO)),
                row("removesEverythingAtOnceWithoutAGracePeriod", pod,
                        pod().deletingNow().inits(c("s1").running(), c("s2").running()).apps(c("a").running(), c("b").running()),
                        a -> assertThat(a.removePod()).isTrue()),
                row("waitsForAStartUnderWayBeforeRemoving", pod,
                        pod().deletingNow().inits(c("s1").running(), c("s2").running()).apps(c("a").starting(), c("b").running()),
                        a -> assertThat(a.removePod()).isFalse()));
    }

    static Stream<Arguments> dockerSilent() {
        Pod always = spec("Always", b -> b.container("a", c -> c.image("busybox:1")));
        return Stream.of(
                row("doesNothingToARunningPodWhileDockerDoesNotAnswer", always, pod().unreachable().apps(c("a").running().probeFailed("liveness")),
                        a -> {
                            assertThat(idle(a)).isTrue();
                            assertThat(a.wakeAtNanos()).isEqualTo(Long.MAX_VALUE);
                        }),
                row("retriesAFirstSandboxDockerDidNotAnswerForOnceItsBackOffExpires", always,
                        pod().sandbox(Sandbox.NONE).sandboxRetryAt(NOW + 5 * S).unreachable().apps(c("a")),
                        a -> {
                            assertThat(a.createSandbox()).isFalse();
                            assertThat(a.wakeAtNanos()).isEqualTo(NOW + 5 * S);
                        }),
                row("createsTheSandboxAgainAfterTheBackOffThoughDockerDidNotAnswerLastTime", always,
                        pod().sandbox(Sandbox.NONE).sandboxRetryAt(NOW - S).unreachable().apps(c("a")),
                        a -> assertThat(a.createSandbox()).isTrue()),
                row("waitsForDockerBeforeRecreatingTheSandboxOfAPodThatRan", always,
                        pod().sandbox(Sandbox.NONE).startedAt(NOW - 60 * S).sandboxRetryAt(NOW - S).unreachable().apps(c("a")),
                        a -> {
                            assertThat(a.createSandbox()).isFalse();
                            assertThat(a.wakeAtNanos()).isEqualTo(Long.MAX_VALUE);
                        }));
    }

    static Stream<Arguments> dockerRestart() {
        Pod always = spec("Always", b -> b.container("a", c -> c.image("busybox:1")));
        Pod never = spec("Never", b -> b.container("a", c -> c.image("busybox:1")));
        Pod withInit = spec("Always", b -> b.initContainer("i", c -> c.image("busybox:1")).container("a", c -> c.image("busybox:1")));
        return Stream.of(
                row("replacesASandboxThatDiedOnceNothingRunsInIt", always, pod().sandbox(Sandbox.DEAD).apps(c("a").exited(137).restarts(2)),
                        a -> assertThat(a.createSandbox()).isTrue()),
                row("killsWhatStillRunsInADeadSandboxFirst", always, pod().sandbox(Sandbox.DEAD).apps(c("a").running()),
                        a -> {
                            assertThat(a.createSandbox()).isFalse();
                            assertThat(a.kill()).extracting(Kill::container, Kill::grace)
                                    .containsExactly(org.assertj.core.groups.Tuple.tuple("a", Duration.ZERO));
                        }),
                row("restartsTheContainersInTheNewSandboxKeepingTheirRestartCounts", always, pod().apps(c("a").exited(137).restarts(2)),
                        a -> assertThat(a.start()).containsExactly("a")),
                row("runsTheInitContainersAgainInANewSandbox", withInit,
                        pod().sandboxAttempt(1).inits(c("i").exited(0).inSandbox(0)).apps(c("a").exited(137).inSandbox(0)),
                        a -> assertThat(a.start()).containsExactly("i")),
                row("restartsTheAppContainersOnceTheInitContainersRanAgain", withInit,
                        pod().sandboxAttempt(1).inits(c("i").exited(0).inSandbox(1)).apps(c("a").exited(137).inSandbox(0)),
                        a -> assertThat(a.start()).containsExactly("a")),
                row("givesANeverPodNoNewSandboxOnceItsContainersRan", never, pod().sandbox(Sandbox.DEAD).apps(c("a").exited(137)),
                        a -> assertThat(idle(a)).isTrue()));
    }

    static Stream<Arguments> cannotStart() {
        Pod always = spec("Always", b -> b.container("a", c -> c.image("busybox:1")));
        return Stream.of(
                row("waitsWithCreateContainerConfigErrorUntilTheRetry", always,
                        pod().apps(c("a").startFailed("CreateContainerConfigError", "configmap \"cfg\" not found", NOW - S, NOW + 4 * S)),
                        a -> {
                            assertThat(a.start()).isEmpty();
                            assertThat(a.waiting()).containsEntry("a", new Waiting("CreateContainerConfigError", "configmap \"cfg\" not found"));
                            assertThat(a.wakeAtNanos()).isEqualTo(NOW + 4 * S);
                        }),
                row("keepsARunAsNonRootRefusalWaitingAsCreateContainerConfigError", always,
                        pod().apps(c("a").startFailed("CreateContainerConfigError", "container has runAsNonRoot and image will run as root",
                                NOW - S, NOW + 4 * S)),
                        a -> assertThat(a.waiting().get("a")).isEqualTo(new Waiting("CreateContainerConfigError",
                                "container has runAsNonRoot and image will run as root"))),
                row("keepsARefusedSubPathExprWaitingAsCreateContainerConfigError", always,
                        pod().apps(c("a").restarts(1).exited(0).startFailed("CreateContainerConfigError",
                                "error SubPath `/etc` must not be an absolute path", NOW - S, NOW + 4 * S)),
                        a -> {
                            assertThat(a.start()).isEmpty();
                            assertThat(a.waiting().get("a").reason()).isEqualTo("CreateContainerConfigError");
                        }),
                row("retriesAContainerThatCouldNotStartOnceItsRetryTimeCame", always,
                        pod().apps(c("a").startFailed("CreateContainerConfigError", "configmap \"cfg\" not found", NOW - 6 * S, NOW - S)),
                        a -> assertThat(a.start()).containsExactly("a")),
                row("showsErrImagePullForAMomentAfterAFailedPull", always,
                        pod().apps(c("a").startFailed("ErrImagePull", "Failed to pull image", NOW - S / 2, NOW + 9 * S)),
                        a -> {
                            assertThat(a.waiting().get("a").reason()).isEqualTo("ErrImagePull");
                            assertThat(a.wakeAtNanos()).isEqualTo(NOW + S / 2);
                        }),
                row("showsImagePullBackOffUntilTheNextPull", always,
                        pod().apps(c("a").startFailed("ErrImagePull", "Failed to pull image", NOW - 2 * S, NOW + 8 * S)),
                        a -> assertThat(a.waiting()).containsEntry("a", new Waiting("ImagePullBackOff", "Back-off pulling image \"busybox:1\""))));
    }

    static Stream<Arguments> ephemeral() {
        Pod debugged = withDebugger(spec("Always", b -> b.container("a", c -> c.image("busybox:1"))));
        Pod initializing = withDebugger(spec("Always", b -> b.initContainer("i1", c -> c.image("busybox:1"))
                .container("a", c -> c.image("busybox:1"))));
        return Stream.of(
                row("startsANewEphemeralContainerInTheRunningPod", debugged, pod().apps(c("a").running()).ephemerals(c("debugger")),
                        a -> assertThat(a.start()).containsExactly("debugger")),
                row("startsAnEphemeralContainerBeforeThePodIsInitialized", initializing,
                        pod().inits(c("i1").running()).apps(c("a")).ephemerals(c("debugger")),
                        a -> assertThat(a.start()).containsExactly("debugger")),
                row("neverStartsAnEphemeralContainerWithoutASandbox", debugged,
                        pod().sandbox(Sandbox.NONE).apps(c("a")).ephemerals(c("debugger")),
                        a -> assertThat(a.start()).isEmpty()),
                row("neverRestartsAnEphemeralContainerThatExited", debugged,
                        pod().apps(c("a").running()).ephemerals(c("debugger").exited(1)),
                        a -> assertThat(idle(a)).isTrue()),
                row("stopsARunningEphemeralContainerOnceTheAppContainersEnded", withDebugger(spec("Never",
                        b -> b.container("a", c -> c.image("busybox:1")))),
                        pod().apps(c("a").exited(0)).ephemerals(c("debugger").running()),
                        a -> assertThat(a.kill()).extracting(Kill::container).containsExactly("debugger")),
                row("stopsAnEphemeralContainerWithThePodsDeletion", debugged,
                        pod().deleting(NOW + 30 * S).apps(c("a").running()).ephemerals(c("debugger").running()),
                        a -> assertThat(a.kill()).extracting(Kill::container).containsExactlyInAnyOrder("a", "debugger")),
                row("waitsOutAnEphemeralContainersImagePullBackOff", debugged,
                        pod().apps(c("a").running()).ephemerals(c("debugger").startFailed("ErrImagePull", "no", NOW - 5 * S, NOW + 5 * S)),
                        a -> assertThat(a.waiting()).containsEntry("debugger",
                                new Waiting("ImagePullBackOff", "Back-off pulling image \"busybox:1\""))));
    }

    /** @return the pod with the ephemeral container {@code debugger} kubectl debug adds */
    static Pod withDebugger(Pod pod) {
        pod.getSpec().setEphemeralContainers(java.util.List.of(new io.fabric8.kubernetes.api.model.EphemeralContainerBuilder()
                .withName("debugger").withImage("busybox:1").withStdin(true).withTty(true).withTargetContainerName("a").build()));
        return pod;
    }

    /** @return true when the plan does nothing now */
    static boolean idle(PodActions a) {
        return !a.createSandbox() && !a.removePod() && a.start().isEmpty() && a.kill().isEmpty() && a.fail() == null;
    }

    static Pod spec(String policy, Consumer<Pods.Builder> containers) {
        Pods.Builder b = Pods.named("web").restartPolicy(policy).metadata(m -> {
            m.setNamespace("default");
            m.setUid("uid-1");
        });
        containers.accept(b);
        return b.build();
    }

    static Arguments row(String behaviour, Pod pod, Views.P view, Consumer<PodActions> expect) {
        return Arguments.of(Named.of(behaviour, new Row(pod, view, expect)));
    }
}

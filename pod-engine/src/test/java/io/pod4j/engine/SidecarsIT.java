package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sidecars (init containers with restartPolicy Always) and init containers, as a node runs them. */
class SidecarsIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A process that ends with the given shell command when it gets SIGTERM. */
    private static final String ON_TERM = "trap '%s' TERM; while true; do sleep 0.1; done";

    private static ContainerStatus status(List<ContainerStatus> statuses, String name) {
        return statuses.stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Probe fast(Probe p) {
        return p.toBuilder().withPeriodSeconds(1).withFailureThreshold(30).build();
    }

    @Test
    void startsTheAppContainerAsSoonAsTheSidecarsStartupProbeSucceeded() {
        Pod pod = Pods.named("sidecar-startup")
                .sidecar("proxy", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "sleep 1; touch /tmp/started; sleep 3600")
                        .startupProbe(fast(Probes.exec("cat", "/tmp/started"))))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitReady(WAIT);
            assertThat(status(p.getStatus().getInitContainerStatuses(), "proxy").getStarted()).isTrue();
            assertThat(status(p.getStatus().getContainerStatuses(), "app").getState().getRunning()).isNotNull();
        }
    }

    @Test
    void stopsTheSidecarsInReverseOrderOnlyAfterTheAppContainerCompleted() {
        // s1 exits 0 on SIGTERM only if s2 has already exited: its exit code tells the order.
        Pod pod = Pods.named("sidecar-end").restartPolicy("Never")
                .volume(new VolumeBuilder().withName("shared").withNewEmptyDir().endEmptyDir().build())
                .sidecar("s1", c -> c.image(TestImages.BUSYBOX).mount("shared", "/shared")
                        .command("sh", "-c", ON_TERM.formatted("test -f /shared/s2-done && exit 0; exit 1")))
                .sidecar("s2", c -> c.image(TestImages.BUSYBOX).mount("shared", "/shared")
                        .command("sh", "-c", ON_TERM.formatted("touch /shared/s2-done; exit 0")))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "sleep 2"))
                .build();
        List<Pod> seen = new CopyOnWriteArrayList<>();
        try (AutoCloseable listening = ENGINE.engine().addListener(new PodListener() {
                    @Override
                    public void podChanged(Pod p) {
                        if (p.getMetadata().getName().equals("sidecar-end") && p.getStatus() != null
                                && !p.getStatus().getContainerStatuses().isEmpty()) {
                            seen.add(p);
                        }
                    }
                });
                PodHandle h = ENGINE.engine().create(pod)) {
            Pod done = h.awaitPhase("Succeeded", WAIT);
            assertThat(status(done.getStatus().getContainerStatuses(), "app").getState().getTerminated().getReason()).isEqualTo("Completed");
            for (String sidecar : List.of("s1", "s2")) {
                var end = status(done.getStatus().getInitContainerStatuses(), sidecar).getState().getTerminated();
                assertThat(end.getExitCode()).as(sidecar + " exit code").isZero();
                assertThat(end.getReason()).isEqualTo("Completed");
                assertThat(status(done.getStatus().getInitContainerStatuses(), sidecar).getRestartCount()).isZero();
            }
            assertThat(seen).as("the pod stays Running while its sidecars stop")
                    .filteredOn(p -> status(p.getStatus().getContainerStatuses(), "app").getState().getTerminated() != null
                            && status(p.getStatus().getInitContainerStatuses(), "s1").getState().getRunning() != null)
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
            assertThat(h.events()).filteredOn(e -> e.getReason().equals("Killing")).extracting(Event::getMessage)
                    .containsExactly("Stopping container s2", "Stopping container s1");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void failsThePodAndStopsItsSidecarWhenAnInitContainerFailsUnderNever() {
        Pod pod = Pods.named("init-fails").restartPolicy("Never")
                .sidecar("proxy", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", ON_TERM.formatted("exit 0")))
                .initContainer("setup", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "sleep 1; exit 3"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> "Failed".equals(x.getStatus().getPhase()) && !x.getStatus().getInitContainerStatuses().isEmpty()
                    && status(x.getStatus().getInitContainerStatuses(), "proxy").getState().getTerminated() != null,
                    "fail and stop its sidecar", WAIT);
            ContainerStatus proxy = status(p.getStatus().getInitContainerStatuses(), "proxy");
            assertThat(proxy.getRestartCount()).isZero();
            assertThat(proxy.getState().getTerminated().getReason()).isEqualTo("Completed");
            assertThat(status(p.getStatus().getInitContainerStatuses(), "setup").getState().getTerminated().getExitCode()).isEqualTo(3);
            assertThat(status(p.getStatus().getContainerStatuses(), "app").getState().getWaiting().getReason()).isEqualTo("PodInitializing");
            assertThat(h.events()).extracting(Event::getMessage).doesNotContain("Started container app");
        }
    }

    @Test
    void reportsACompletedInitContainerReadyAndTheAppWaitingBehindItAsPodInitializing() {
        Pod pod = Pods.named("init-then-app")
                .initContainer("setup", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "sleep 2"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod initializing = h.await(x -> !x.getStatus().getInitContainerStatuses().isEmpty()
                    && status(x.getStatus().getInitContainerStatuses(), "setup").getState().getRunning() != null,
                    "run its init container", WAIT);
            assertThat(status(initializing.getStatus().getContainerStatuses(), "app").getState().getWaiting().getReason())
                    .isEqualTo("PodInitializing");
            Pod ready = h.awaitReady(WAIT);
            ContainerStatus setup = status(ready.getStatus().getInitContainerStatuses(), "setup");
            assertThat(setup.getState().getTerminated().getReason()).isEqualTo("Completed");
            assertThat(setup.getReady()).isTrue();
        }
    }
}

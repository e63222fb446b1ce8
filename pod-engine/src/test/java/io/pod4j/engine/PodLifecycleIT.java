package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.DockerUnavailableException;
import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.HostPathVolumeSource;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Volume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PodLifecycleIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    /** The first app container's status; an empty one before the pod is scheduled (as on a cluster). */
    private static ContainerStatus app(Pod p) {
        return p.status().containerStatuses().isEmpty()
                ? ContainerStatus.builder().state(io.pod4j.api.model.ContainerState.builder().build()).restartCount(0).build()
                : p.status().containerStatuses().get(0);
    }

    private static String waitingReason(ContainerStatus s) {
        return s.state().waiting() == null ? null : s.state().waiting().reason();
    }

    @Test
    void reportsErrImagePullThenImagePullBackOffForAMissingImage() throws Exception {
        Pod pod = Pod.named("missing-image").container("app", c -> c.image("pod4j-test/does-not-exist:1")).build();
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable listening = ENGINE.engine().addListener(new PodListener() {
                    @Override
                    public void podChanged(Pod p) {
                        if (p.metadata().name().equals("missing-image") && !p.status().containerStatuses().isEmpty()) {
                            reasons.add(String.valueOf(waitingReason(app(p))));
                        }
                    }
                });
                PodHandle h = ENGINE.engine().create(pod)) {
            h.await(p -> "ImagePullBackOff".equals(waitingReason(app(p))), "show ImagePullBackOff", Duration.ofSeconds(30));
            h.await(p -> reasons.contains("ImagePullBackOff"), "be heard by the listener", Duration.ofSeconds(5));
            assertThat(reasons).contains("ErrImagePull");
            assertThat(reasons.indexOf("ErrImagePull")).isLessThan(reasons.indexOf("ImagePullBackOff"));
            assertThat(h.status().phase()).isEqualTo("Pending");
            assertThat(h.events()).extracting(Event::reason).contains("Pulling", "Failed", "BackOff");
            assertThat(h.events()).extracting(Event::message).contains("Error: ErrImagePull", "Error: ImagePullBackOff");
        }
    }

    @Test
    void reportsErrImageNeverPullForAMissingImageWithPullPolicyNever() {
        Pod pod = Pod.named("never-pull")
                .container("app", c -> c.image("pod4j-test/does-not-exist:1").imagePullPolicy("Never")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> "ErrImageNeverPull".equals(waitingReason(app(x))), "show ErrImageNeverPull",
                    Duration.ofSeconds(30));
            assertThat(app(p).state().waiting().message())
                    .isEqualTo("Container image \"pod4j-test/does-not-exist:1\" is not present with pull policy of Never");
        }
    }

    @Test
    void reportsInvalidImageNameForAMalformedReference() {
        Pod pod = Pod.named("bad-ref").container("app", c -> c.image("Not/A:Valid:Ref")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.await(x -> "InvalidImageName".equals(waitingReason(app(x))), "show InvalidImageName", Duration.ofSeconds(30));
        }
    }

    @Test
    void restartsACrashingContainerWithCrashLoopBackOffAndGrowingRestartCount() {
        Pod pod = Pod.named("crasher").container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 1")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> app(x).restartCount() >= 3 && "CrashLoopBackOff".equals(waitingReason(app(x))),
                    "crash-loop three times", Duration.ofSeconds(60));
            assertThat(p.status().phase()).isEqualTo("Running");
            var last = app(p).lastState().terminated();
            assertThat(last.exitCode()).isEqualTo(1);
            assertThat(last.reason()).isEqualTo("Error");
            assertThat(last.startedAt()).isNotNull();
            assertThat(last.finishedAt()).isNotNull();
            assertThat(h.events()).extracting(Event::reason).contains("BackOff");
            // Every start, restarts included, says the image is present (the kubelet's image manager does).
            assertThat(h.events().stream().filter(e -> e.reason().equals("Pulled"))
                    .mapToLong(e -> e.count() == null ? 1 : e.count()).sum()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void completesAPodWhoseContainerExitsZeroUnderRestartPolicyNever() {
        Pod pod = Pod.named("one-shot").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("true")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Succeeded", Duration.ofSeconds(30));
            assertThat(app(p).state().terminated().reason()).isEqualTo("Completed");
            assertThat(app(p).restartCount()).isZero();
        }
    }

    @Test
    void failsAPodWhoseContainerExitsNonZeroUnderRestartPolicyNever() {
        Pod pod = Pod.named("one-shot-fail").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 3")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", Duration.ofSeconds(30));
            assertThat(app(p).state().terminated().exitCode()).isEqualTo(3);
        }
    }

    @Test
    void runsInitContainersInOrderBeforeAppContainers() {
        Pod pod = Pod.named("ordered")
                .volume(io.pod4j.api.model.Volume.builder().name("work")
                        .emptyDir(io.pod4j.api.model.EmptyDirVolumeSource.builder().build()).build())
                .initContainer("first", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "echo first >> /work/log")
                        .mount("work", "/work"))
                .initContainer("second", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "echo second >> /work/log")
                        .mount("work", "/work"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "echo app >> /work/log; sleep 3600")
                        .mount("work", "/work"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(Duration.ofSeconds(60));
            assertThat(h.exec("app", "cat", "/work/log").stdout()).isEqualTo("first\nsecond\napp\n");
            assertThat(h.status().initContainerStatuses()).allSatisfy(s -> assertThat(s.state().terminated().reason())
                    .isEqualTo("Completed"));
        }
    }

    @Test
    void failsThePodWhenAnInitContainerFailsUnderRestartPolicyNever() {
        Pod pod = Pod.named("init-fails").restartPolicy("Never")
                .initContainer("setup", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 2"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", Duration.ofSeconds(30));
            assertThat(p.status().initContainerStatuses().get(0).state().terminated().exitCode()).isEqualTo(2);
            assertThat(app(p).state().running()).isNull();
        }
    }

    @Test
    void keepsASidecarRunningBesideTheAppContainer() {
        Pod pod = Pod.named("with-sidecar")
                .sidecar("helper", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitReady(Duration.ofSeconds(60));
            assertThat(p.status().initContainerStatuses().get(0).state().running()).isNotNull();
            assertThat(app(p).state().running()).isNotNull();
            assertThat(p.status().phase()).isEqualTo("Running");
        }
    }

    @Test
    void stopsASidecarOnlyAfterTheAppContainerEnded(@TempDir Path dir) throws Exception {
        // Each container appends to a file on the host as SIGTERM reaches it; the app takes a second to end.
        Pod pod = Pod.named("sidecar-order")
                .volume(Volume.builder().name("log").hostPath(HostPathVolumeSource.builder().path(dir.toString()).build()).build())
                .sidecar("helper", c -> c.image(TestImages.BUSYBOX).mount("log", "/log").command("sh", "-c",
                        "trap 'echo helper-term >> /log/order; exit 0' TERM; while true; do sleep 0.1; done"))
                .container("app", c -> c.image(TestImages.BUSYBOX).mount("log", "/log").command("sh", "-c",
                        "trap 'echo app-term >> /log/order; sleep 1; echo app-exit >> /log/order; exit 0' TERM;"
                                + " while true; do sleep 0.1; done"))
                .build();
        PodHandle h = ENGINE.engine().create(pod);
        h.awaitReady(Duration.ofSeconds(60));
        h.delete();
        h.awaitDeletion(Duration.ofSeconds(30));
        assertThat(Files.readAllLines(dir.resolve("order"))).containsExactly("app-term", "app-exit", "helper-term");
        assertThat(ENGINE.engine().events("default", "sidecar-order")).filteredOn(e -> e.reason().equals("Killing"))
                .extracting(Event::message).containsExactly("Stopping container app", "Stopping container helper");
    }

    @Test
    void restartsARunningContainerFromItsNewImageWhenTheImageChanges() {
        String updated = "pod4j-test/busybox:image-update";
        var docker = ENGINE.engine().docker().client();
        docker.tagImageCmd(TestImages.BUSYBOX, "pod4j-test/busybox", "image-update").exec();
        Pod pod = Pod.named("image-update").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(Duration.ofSeconds(60));
            ENGINE.engine().updateImages("default", "image-update", java.util.Map.of("app", updated));
            Pod p = h.await(x -> updated.equals(app(x).image()) && app(x).restartCount() == 1 && Boolean.TRUE.equals(app(x).ready()),
                    "run the new image", Duration.ofSeconds(30));
            assertThat(p.spec().containers().get(0).image()).isEqualTo(updated);
            assertThat(p.status().phase()).isEqualTo("Running");
            assertThat(app(p).lastState().terminated().exitCode()).isZero();
            assertThat(h.events()).extracting(Event::message).contains("Container app definition changed, will be restarted");
        } finally {
            docker.removeImageCmd(updated).exec();
        }
    }

    @Test
    void triesACorrectedImageAtOnceInsteadOfWaitingOutThePullBackOff() {
        Pod pod = Pod.named("image-fix")
                .container("app", c -> c.image("pod4j-test/does-not-exist:1").command("sleep", "3600"))
                .build();
        // A back-off far longer than the wait below: only the update can make the pod start in time.
        try (PodEngine slow = PodEngine.builder().backOffBase(Duration.ofSeconds(60)).build();
                PodHandle h = slow.create(pod)) {
            h.await(p -> "ImagePullBackOff".equals(waitingReason(app(p))), "show ImagePullBackOff", Duration.ofSeconds(30));
            slow.updateImages("default", "image-fix", java.util.Map.of("app", TestImages.BUSYBOX));
            Pod p = h.awaitReady(Duration.ofSeconds(15));
            assertThat(app(p).image()).isEqualTo(TestImages.BUSYBOX);
            assertThat(app(p).restartCount()).isZero();
        }
    }

    @Test
    void deletesGracefullyWithSigtermFirst() {
        Pod pod = Pod.named("graceful")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "trap 'echo got TERM > /proc/1/fd/1; exit 0' TERM; while true; do sleep 0.1; done"))
                .build();
        PodHandle h = ENGINE.engine().create(pod);
        h.awaitReady(Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        h.delete();
        Pod terminating = h.pod();
        assertThat(terminating.metadata().deletionTimestamp()).isNotNull();
        h.awaitDeletion(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(25));
        assertThat(ENGINE.engine().get("default", "graceful")).isEmpty();
        assertThat(ENGINE.engine().events("default", "graceful")).extracting(Event::reason).contains("Killing");
    }

    @Test
    void refusesASecondPodWithATakenNameInTheApiServersWords() {
        Pod pod = Pod.named("taken").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            assertThatThrownBy(() -> ENGINE.engine().create(pod))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessage("pods \"taken\" already exists");
            Pod other = pod.toBuilder().build();
            try (PodHandle elsewhere = ENGINE.engine().create(Pod.named("taken").namespace("other")
                    .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build())) {
                assertThat(elsewhere.namespace()).isEqualTo("other");
                assertThat(other.metadata().name()).isEqualTo("taken");
            }
        }
    }

    @Test
    void failsWithinTwoSecondsNamingTheEndpointWhenDockerIsUnreachable() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> PodEngine.builder().dockerHost("tcp://127.0.0.1:1").build())
                .isInstanceOf(DockerUnavailableException.class)
                .hasMessageContaining("tcp://127.0.0.1:1")
                .hasMessageContaining("DOCKER_HOST");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }
}

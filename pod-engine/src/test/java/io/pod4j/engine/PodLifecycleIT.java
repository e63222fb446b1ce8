package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pod4j.api.build.Pods;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.DockerUnavailableException;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
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
        return p.getStatus().getContainerStatuses().isEmpty()
                ? new ContainerStatusBuilder().withNewState().endState().withRestartCount(0).build()
                : p.getStatus().getContainerStatuses().get(0);
    }

    private static String waitingReason(ContainerStatus s) {
        return s.getState().getWaiting() == null ? null : s.getState().getWaiting().getReason();
    }

    @Test
    void reportsErrImagePullThenImagePullBackOffForAMissingImage() throws Exception {
        Pod pod = Pods.named("missing-image").container("app", c -> c.image("pod4j-test/does-not-exist:1")).build();
        List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (AutoCloseable listening = ENGINE.engine().addListener(new PodListener() {
                    @Override
                    public void podChanged(Pod p) {
                        if (p.getMetadata().getName().equals("missing-image") && !p.getStatus().getContainerStatuses().isEmpty()) {
                            reasons.add(String.valueOf(waitingReason(app(p))));
                        }
                    }
                });
                PodHandle h = ENGINE.engine().create(pod)) {
            h.await(p -> "ImagePullBackOff".equals(waitingReason(app(p))), "show ImagePullBackOff", Duration.ofSeconds(30));
            h.await(p -> reasons.contains("ImagePullBackOff"), "be heard by the listener", Duration.ofSeconds(5));
            assertThat(reasons).contains("ErrImagePull");
            assertThat(reasons.indexOf("ErrImagePull")).isLessThan(reasons.indexOf("ImagePullBackOff"));
            assertThat(h.status().getPhase()).isEqualTo("Pending");
            assertThat(h.events()).extracting(Event::getReason).contains("Pulling", "Failed", "BackOff");
            assertThat(h.events()).extracting(Event::getMessage).contains("Error: ErrImagePull", "Error: ImagePullBackOff");
            assertThat(h.events()).filteredOn(e -> e.getReason().equals("Pulling"))
                    .allSatisfy(e -> assertThat(e.getInvolvedObject().getFieldPath()).isEqualTo("spec.containers{app}"));
        }
    }

    @Test
    void reportsErrImageNeverPullForAMissingImageWithPullPolicyNever() {
        Pod pod = Pods.named("never-pull")
                .container("app", c -> c.image("pod4j-test/does-not-exist:1").imagePullPolicy("Never")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> "ErrImageNeverPull".equals(waitingReason(app(x))), "show ErrImageNeverPull",
                    Duration.ofSeconds(30));
            assertThat(app(p).getState().getWaiting().getMessage())
                    .isEqualTo("Container image \"pod4j-test/does-not-exist:1\" is not present with pull policy of Never");
        }
    }

    @Test
    void reportsInvalidImageNameForAMalformedReference() {
        Pod pod = Pods.named("bad-ref").container("app", c -> c.image("Not/A:Valid:Ref")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.await(x -> "InvalidImageName".equals(waitingReason(app(x))), "show InvalidImageName", Duration.ofSeconds(30));
        }
    }

    @Test
    void restartsACrashingContainerWithCrashLoopBackOffAndGrowingRestartCount() {
        Pod pod = Pods.named("crasher").container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 1")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> app(x).getRestartCount() >= 3 && "CrashLoopBackOff".equals(waitingReason(app(x))),
                    "crash-loop three times", Duration.ofSeconds(60));
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            var last = app(p).getLastState().getTerminated();
            assertThat(last.getExitCode()).isEqualTo(1);
            assertThat(last.getReason()).isEqualTo("Error");
            assertThat(last.getStartedAt()).isNotNull();
            assertThat(last.getFinishedAt()).isNotNull();
            assertThat(h.events()).extracting(Event::getReason).contains("BackOff");
            // Every start, restarts included, says the image is present (the kubelet's image manager does).
            assertThat(h.events().stream().filter(e -> e.getReason().equals("Pulled"))
                    .mapToLong(e -> e.getCount() == null ? 1 : e.getCount()).sum()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void completesAPodWhoseContainerExitsZeroUnderRestartPolicyNever() {
        Pod pod = Pods.named("one-shot").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("true")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Succeeded", Duration.ofSeconds(30));
            assertThat(app(p).getState().getTerminated().getReason()).isEqualTo("Completed");
            assertThat(app(p).getRestartCount()).isZero();
        }
    }

    @Test
    void failsAPodWhoseContainerExitsNonZeroUnderRestartPolicyNever() {
        Pod pod = Pods.named("one-shot-fail").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 3")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", Duration.ofSeconds(30));
            assertThat(app(p).getState().getTerminated().getExitCode()).isEqualTo(3);
        }
    }

    @Test
    void runsInitContainersInOrderBeforeAppContainers() {
        Pod pod = Pods.named("ordered")
                .volume(new VolumeBuilder().withName("work").withNewEmptyDir().endEmptyDir().build())
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
            assertThat(h.status().getInitContainerStatuses()).allSatisfy(s -> assertThat(s.getState().getTerminated().getReason())
                    .isEqualTo("Completed"));
        }
    }

    @Test
    void failsThePodWhenAnInitContainerFailsUnderRestartPolicyNever() {
        Pod pod = Pods.named("init-fails").restartPolicy("Never")
                .initContainer("setup", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 2"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", Duration.ofSeconds(30));
            assertThat(p.getStatus().getInitContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(2);
            assertThat(app(p).getState().getRunning()).isNull();
        }
    }

    @Test
    void keepsASidecarRunningBesideTheAppContainer() {
        Pod pod = Pods.named("with-sidecar")
                .sidecar("helper", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitReady(Duration.ofSeconds(60));
            assertThat(p.getStatus().getInitContainerStatuses().get(0).getState().getRunning()).isNotNull();
            assertThat(app(p).getState().getRunning()).isNotNull();
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
        }
    }

    @Test
    void stopsASidecarOnlyAfterTheAppContainerEnded(@TempDir Path dir) throws Exception {
        // Each container appends to a file on the host as SIGTERM reaches it; the app takes a second to end.
        Pod pod = Pods.named("sidecar-order")
                .volume(new VolumeBuilder().withName("log").withNewHostPath().withPath(dir.toString()).endHostPath().build())
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
        assertThat(ENGINE.engine().events("default", "sidecar-order")).filteredOn(e -> e.getReason().equals("Killing"))
                .extracting(Event::getMessage).containsExactly("Stopping container app", "Stopping container helper");
    }

    @Test
    void restartsARunningContainerFromItsNewImageWhenTheImageChanges() {
        String updated = "pod4j-test/busybox:image-update";
        var docker = ENGINE.engine().docker().client();
        docker.tagImageCmd(TestImages.BUSYBOX, "pod4j-test/busybox", "image-update").exec();
        Pod pod = Pods.named("image-update").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(Duration.ofSeconds(60));
            ENGINE.engine().updateImages("default", "image-update", java.util.Map.of("app", updated));
            Pod p = h.await(x -> updated.equals(app(x).getImage()) && app(x).getRestartCount() == 1 && Boolean.TRUE.equals(app(x).getReady()),
                    "run the new image", Duration.ofSeconds(30));
            assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo(updated);
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(app(p).getLastState().getTerminated().getExitCode()).isZero();
            assertThat(h.events()).extracting(Event::getMessage).contains("Container app definition changed, will be restarted");
        } finally {
            docker.removeImageCmd(updated).exec();
        }
    }

    @Test
    void triesACorrectedImageAtOnceInsteadOfWaitingOutThePullBackOff() {
        Pod pod = Pods.named("image-fix")
                .container("app", c -> c.image("pod4j-test/does-not-exist:1").command("sleep", "3600"))
                .build();
        // A back-off far longer than the wait below: only the update can make the pod start in time.
        try (PodEngine slow = PodEngine.builder().backOffBase(Duration.ofSeconds(60)).build();
                PodHandle h = slow.create(pod)) {
            h.await(p -> "ImagePullBackOff".equals(waitingReason(app(p))), "show ImagePullBackOff", Duration.ofSeconds(30));
            slow.updateImages("default", "image-fix", java.util.Map.of("app", TestImages.BUSYBOX));
            Pod p = h.awaitReady(Duration.ofSeconds(15));
            assertThat(app(p).getImage()).isEqualTo(TestImages.BUSYBOX);
            assertThat(app(p).getRestartCount()).isZero();
        }
    }

    @Test
    void deletesGracefullyWithSigtermFirst() {
        Pod pod = Pods.named("graceful")
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "trap 'echo got TERM > /proc/1/fd/1; exit 0' TERM; while true; do sleep 0.1; done"))
                .build();
        PodHandle h = ENGINE.engine().create(pod);
        h.awaitReady(Duration.ofSeconds(60));
        long t0 = System.nanoTime();
        h.delete();
        Pod terminating = h.pod();
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
        h.awaitDeletion(Duration.ofSeconds(30));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(25));
        assertThat(ENGINE.engine().get("default", "graceful")).isEmpty();
        assertThat(ENGINE.engine().events("default", "graceful")).extracting(Event::getReason).contains("Killing");
    }

    @Test
    void keepsItsOwnCopyOfAPodSoThatNeitherSideSeesTheOthersChanges() throws Exception {
        Pod pod = Pods.named("own-copy").label("app", "one")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        java.util.concurrent.atomic.AtomicBoolean meddled = new java.util.concurrent.atomic.AtomicBoolean();
        PodListener meddler = new PodListener() {
            @Override
            public void podChanged(Pod p) {
                p.getMetadata().getLabels().put("app", "heard");
                p.getSpec().getContainers().get(0).setImage("pod4j-test/elsewhere:1");
                if ("Running".equals(p.getStatus().getPhase())) {
                    p.getStatus().setPhase("Failed");
                    meddled.set(true);
                }
            }
        };
        try (AutoCloseable listening = ENGINE.engine().addListener(meddler); PodHandle h = ENGINE.engine().create(pod)) {
            pod.getSpec().getContainers().get(0).setImage("pod4j-test/elsewhere:1");
            pod.getMetadata().setLabels(java.util.Map.of("app", "changed"));
            Pod seen = h.awaitReady(Duration.ofSeconds(60));
            assertThat(seen.getSpec().getContainers().get(0).getImage()).isEqualTo(TestImages.BUSYBOX);
            assertThat(seen.getMetadata().getLabels()).containsEntry("app", "one");
            seen.getSpec().getContainers().get(0).setImage("pod4j-test/elsewhere:1");
            seen.getMetadata().getLabels().put("app", "mine");
            seen.getStatus().setPhase("Failed");
            org.awaitility.Awaitility.await("the listener hears the running pod").atMost(Duration.ofSeconds(10)).untilTrue(meddled);
            Pod again = h.pod();
            assertThat(again.getSpec().getContainers().get(0).getImage()).isEqualTo(TestImages.BUSYBOX);
            assertThat(again.getMetadata().getLabels()).containsEntry("app", "one");
            assertThat(again.getStatus().getPhase()).isEqualTo("Running");
        }
    }

    @Test
    void runsAPodBuiltWithFabric8sOwnBuilderWhoseListsAreNull() {
        Pod pod = new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("fabric8-nulls").withLabels(null).endMetadata()
                .withNewSpec().withInitContainers((List<io.fabric8.kubernetes.api.model.Container>) null)
                        .withVolumes((List<io.fabric8.kubernetes.api.model.Volume>) null)
                        .addNewContainer().withName("app").withImage(TestImages.BUSYBOX).withCommand("sleep", "3600")
                                .withPorts((List<io.fabric8.kubernetes.api.model.ContainerPort>) null)
                                .withEnv((List<io.fabric8.kubernetes.api.model.EnvVar>) null).endContainer()
                .endSpec().build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod ready = h.awaitReady(Duration.ofSeconds(60));
            assertThat(ready.getStatus().getContainerStatuses()).extracting(ContainerStatus::getName).containsExactly("app");
            assertThat(h.diagnose(5)).contains("container app: running");
        }
    }

    @Test
    void refusesASecondPodWithATakenNameInTheApiServersWords() {
        Pod pod = Pods.named("taken").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            assertThatThrownBy(() -> ENGINE.engine().create(pod))
                    .isInstanceOf(AlreadyExistsException.class)
                    .hasMessage("pods \"taken\" already exists");
            Pod other = pod.toBuilder().build();
            try (PodHandle elsewhere = ENGINE.engine().create(Pods.named("taken").namespace("other")
                    .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build())) {
                assertThat(elsewhere.namespace()).isEqualTo("other");
                assertThat(other.getMetadata().getName()).isEqualTo("taken");
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

package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a pod ends: its deletion's grace period with readiness still probed, and its active deadline. */
class PodTerminationIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String condition(Pod p, String type) {
        return p.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).map(c -> c.getStatus()).findFirst().orElse(null);
    }

    @Test
    void keepsProbingReadinessWhileThePodTerminates() {
        // On SIGTERM the app stops being ready but takes its time to exit, as a server draining its connections does.
        Pod pod = Pods.named("draining").terminationGracePeriodSeconds(60)
                .container("app", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "touch /tmp/ready; trap 'rm /tmp/ready; sleep 60' TERM; while true; do sleep 0.1; done")
                        .readinessProbe(Probes.exec("cat", "/tmp/ready").toBuilder().withPeriodSeconds(1).withFailureThreshold(1).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            h.delete();
            Pod p = h.await(x -> "False".equals(condition(x, "Ready")), "become unready while it terminates", WAIT);
            assertThat(p.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(p.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();
            assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isFalse();
        }
    }

    @Test
    void killsAContainerBeingStoppedSoonerWhenThePodIsDeletedAgainWithLessGrace() {
        Pod pod = Pods.named("stubborn").terminationGracePeriodSeconds(60)
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "trap '' TERM; while true; do sleep 0.1; done"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            h.delete(); // the spec's 60 s: SIGTERM, which the container ignores
            h.await(x -> h.events().stream().anyMatch(e -> "Killing".equals(e.getReason())), "be stopped", WAIT);
            ENGINE.engine().delete("default", "stubborn", Duration.ofSeconds(1));
            // Well before the first grace period ends: the second one, of 1 s, wins.
            h.awaitDeletion(Duration.ofSeconds(30));
        }
    }

    @Test
    void failsWithDeadlineExceededOnceADeadlineLoweredWhileRunningHasPassed() {
        Pod pod = Pods.named("deadline-lowered").spec(s -> s.setActiveDeadlineSeconds(3600L))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            lowerDeadline("deadline-lowered", 3L);
            Pod p = h.awaitPhase("Failed", WAIT);
            assertThat(p.getStatus().getReason()).isEqualTo("DeadlineExceeded");
            assertThat(p.getStatus().getMessage()).isEqualTo("Pod was active on the node longer than the specified deadline");
        }
    }

    @Test
    void failsWithDeadlineExceededOnceADeadlineSetWhileRunningHasPassed() {
        Pod pod = Pods.named("deadline-set").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.awaitReady(WAIT);
            lowerDeadline("deadline-set", 3L);
            assertThat(h.awaitPhase("Failed", WAIT).getStatus().getReason()).isEqualTo("DeadlineExceeded");
        }
    }

    private static void lowerDeadline(String name, long seconds) {
        var store = ENGINE.engine().store();
        Pod stored = store.get(ResourceTypes.PODS, "default", name);
        store.update(new PodBuilder(stored).editSpec().withActiveDeadlineSeconds(seconds).endSpec().build());
    }
}

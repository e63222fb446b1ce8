package io.pod4j.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A container Docker creates but cannot start (its command does not exist) ends as the kubelet
 * reports it: StartError, exit code 128, restarted per restart policy with the crash back-off, and
 * never in a tight retry loop.
 */
class StartFailureIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ContainerStatus app(Pod p) {
        return p.getStatus().getContainerStatuses().isEmpty()
                ? new ContainerStatusBuilder().withName("app").withRestartCount(0).build() : p.getStatus().getContainerStatuses().get(0);
    }

    @Test
    void aContainerThatCannotStartEndsWithStartErrorAndIsRestartedWithBackOff() {
        Pod pod = Pods.named("cannot-start").container("app", c -> c.image(TestImages.BUSYBOX).command("/no/such/binary")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> app(x).getRestartCount() >= 2, "restart twice", WAIT);
            assertThat(app(p).getLastState().getTerminated().getReason()).isEqualTo("StartError");
            assertThat(app(p).getLastState().getTerminated().getExitCode()).isEqualTo(128);
            assertThat(app(p).getLastState().getTerminated().getMessage()).contains("/no/such/binary");
            h.await(x -> "CrashLoopBackOff".equals(app(x).getState().getWaiting() == null ? null : app(x).getState().getWaiting().getReason()),
                    "wait in CrashLoopBackOff", WAIT);
            long failures = h.events().stream().filter(e -> e.getReason().equals("Failed"))
                    .mapToLong(e -> e.getCount() == null ? 1 : e.getCount()).sum();
            long restarts = app(h.pod()).getRestartCount();
            assertThat(failures).as("one Failed event per attempt: %s", h.events().stream().map(Event::getMessage).toList())
                    .isLessThanOrEqualTo(restarts + 2);
        }
    }

    @Test
    void aContainerThatCannotStartFailsAPodThatMustNotRestart() {
        Pod pod = Pods.named("cannot-start-once").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("/no/such/binary")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", WAIT);
            assertThat(app(p).getState().getTerminated().getReason()).isEqualTo("StartError");
            assertThat(app(p).getRestartCount()).isZero();
        }
    }
}

package io.pod4j.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Event;
import io.pod4j.api.model.Pod;
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
        return p.status().containerStatuses().isEmpty()
                ? ContainerStatus.builder().name("app").restartCount(0).build() : p.status().containerStatuses().get(0);
    }

    @Test
    void aContainerThatCannotStartEndsWithStartErrorAndIsRestartedWithBackOff() {
        Pod pod = Pod.named("cannot-start").container("app", c -> c.image(TestImages.BUSYBOX).command("/no/such/binary")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.await(x -> app(x).restartCount() >= 2, "restart twice", WAIT);
            assertThat(app(p).lastState().terminated().reason()).isEqualTo("StartError");
            assertThat(app(p).lastState().terminated().exitCode()).isEqualTo(128);
            assertThat(app(p).lastState().terminated().message()).contains("/no/such/binary");
            h.await(x -> "CrashLoopBackOff".equals(app(x).state().waiting() == null ? null : app(x).state().waiting().reason()),
                    "wait in CrashLoopBackOff", WAIT);
            long failures = h.events().stream().filter(e -> e.reason().equals("Failed"))
                    .mapToLong(e -> e.count() == null ? 1 : e.count()).sum();
            long restarts = app(h.pod()).restartCount();
            assertThat(failures).as("one Failed event per attempt: %s", h.events().stream().map(Event::message).toList())
                    .isLessThanOrEqualTo(restarts + 2);
        }
    }

    @Test
    void aContainerThatCannotStartFailsAPodThatMustNotRestart() {
        Pod pod = Pod.named("cannot-start-once").restartPolicy("Never")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("/no/such/binary")).build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            Pod p = h.awaitPhase("Failed", WAIT);
            assertThat(app(p).state().terminated().reason()).isEqualTo("StartError");
            assertThat(app(p).restartCount()).isZero();
        }
    }
}

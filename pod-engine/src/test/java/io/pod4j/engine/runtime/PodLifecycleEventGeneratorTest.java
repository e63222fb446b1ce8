package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.engine.runtime.ContainerRuntime.Listed;
import io.pod4j.engine.runtime.PodLifecycleEvent.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The PLEG's relist: what changed between two listings of the runtime's containers. */
class PodLifecycleEventGeneratorTest {

    private static final Listed CREATED = new Listed("uid-1", false, false);
    private static final Listed RUNNING = new Listed("uid-1", true, false);
    private static final Listed EXITED = new Listed("uid-1", false, true);

    @Test
    void reportsAContainerThatStoppedRunningAsDied() {
        assertThat(PodLifecycleEventGenerator.changes(Map.of("c1", RUNNING), Map.of("c1", EXITED)))
                .containsExactly(new PodLifecycleEvent("uid-1", Type.CONTAINER_DIED, "c1"));
    }

    @Test
    void reportsAContainerFirstSeenExitedAsDied() {
        // It started and exited between two listings: its end must not be missed.
        assertThat(PodLifecycleEventGenerator.changes(Map.of(), Map.of("c1", EXITED)))
                .containsExactly(new PodLifecycleEvent("uid-1", Type.CONTAINER_DIED, "c1"));
    }

    @Test
    void reportsARunningContainerThatVanishedAsDiedAndRemoved() {
        assertThat(PodLifecycleEventGenerator.changes(Map.of("c1", RUNNING), Map.of()))
                .containsExactly(new PodLifecycleEvent("uid-1", Type.CONTAINER_DIED, "c1"),
                        new PodLifecycleEvent("uid-1", Type.CONTAINER_REMOVED, "c1"));
    }

    @Test
    void reportsAnExitedContainerThatVanishedAsRemovedOnly() {
        assertThat(PodLifecycleEventGenerator.changes(Map.of("c1", EXITED), Map.of()))
                .containsExactly(new PodLifecycleEvent("uid-1", Type.CONTAINER_REMOVED, "c1"));
    }

    @Test
    void reportsANewRunningContainerAsStarted() {
        assertThat(PodLifecycleEventGenerator.changes(Map.of("c1", EXITED), Map.of("c1", EXITED, "c2", new Listed("uid-2", true, false))))
                .containsExactly(new PodLifecycleEvent("uid-2", Type.CONTAINER_STARTED, "c2"));
    }

    @Test
    void reportsNothingOfAContainerBeingCreated() {
        // Created ahead while the sandbox starts: it has not died.
        assertThat(PodLifecycleEventGenerator.changes(Map.of(), Map.of("c1", CREATED))).isEmpty();
    }

    @Test
    void reportsACreatedContainerThatStartedAsStarted() {
        assertThat(PodLifecycleEventGenerator.changes(Map.of("c1", CREATED), Map.of("c1", RUNNING)))
                .containsExactly(new PodLifecycleEvent("uid-1", Type.CONTAINER_STARTED, "c1"));
    }

    @Test
    void reportsNothingWhenNothingChanged() {
        assertThat(PodLifecycleEventGenerator.changes(Map.of("c1", RUNNING, "c2", EXITED), Map.of("c1", RUNNING, "c2", EXITED))).isEmpty();
    }
}

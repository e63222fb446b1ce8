package io.pod4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.engine.reaper.Owner;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaleNamespacesTest {

    private static final Instant NOW = Instant.parse("2026-12-03T19:00:00Z");
    private static final Owner OWNER = new Owner("ci-runner-7", 4242, 1_000L);

    private static Map<String, String> beat(Instant when, long seconds) {
        return Map.of(StaleNamespaces.OWNER, OWNER.id(), StaleNamespaces.HEARTBEAT, when.toString(),
                StaleNamespaces.HEARTBEAT_SECONDS, Long.toString(seconds));
    }

    @Test
    void aFreshHeartbeatOfALiveOwnerIsNotStale() {
        assertThat(StaleNamespaces.why(beat(NOW.minusSeconds(5), 10), NOW, o -> false)).isEmpty();
    }

    @Test
    void threeMissedBeatsMakeItStale() {
        assertThat(StaleNamespaces.why(beat(NOW.minusSeconds(31), 10), NOW, o -> false))
                .hasValue("its heartbeat is 31 s old (written every 10 s)");
    }

    @Test
    void exactlyThreeBeatsOldIsNotYetStale() {
        assertThat(StaleNamespaces.why(beat(NOW.minusSeconds(30), 10), NOW, o -> false)).isEmpty();
    }

    @Test
    void aQuickHeartbeatIsStaleOnlyAfterThirtySeconds() {
        assertThat(StaleNamespaces.why(beat(NOW.minusSeconds(29), 1), NOW, o -> false)).isEmpty();
        assertThat(StaleNamespaces.why(beat(NOW.minusSeconds(31), 1), NOW, o -> false))
                .hasValue("its heartbeat is 31 s old (written every 1 s)");
    }

    @Test
    void anOwnerKnownDeadMakesItStaleAtOnce() {
        assertThat(StaleNamespaces.why(beat(NOW, 10), NOW, o -> o.equals(OWNER)))
                .hasValue("its owner, process 4242 of ci-runner-7, is dead");
    }

    @Test
    void aDetachedEnginesNamespaceIsNeverStale() {
        var a = new java.util.HashMap<>(beat(NOW.minusSeconds(3600), 10));
        a.put(StaleNamespaces.DETACHED, "true");
        assertThat(StaleNamespaces.why(a, NOW, o -> true)).isEmpty();
    }

    @Test
    void aNamespaceWithoutAHeartbeatIsNotJudged() {
        assertThat(StaleNamespaces.why(Map.of(), NOW, o -> true)).isEmpty();
        assertThat(StaleNamespaces.why(null, NOW, o -> true)).isEmpty();
    }
}

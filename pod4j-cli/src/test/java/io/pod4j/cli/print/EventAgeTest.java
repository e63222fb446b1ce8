package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.pod4j.api.build.Timestamps;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventAgeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
    private static final Event REPEATED = new EventBuilder().withReason("BackOff").withCount(5)
            .withFirstTimestamp(Timestamps.time(NOW.minusSeconds(193))).withLastTimestamp(Timestamps.time(NOW.minusSeconds(43))).build();

    @Test
    void describeShowsTheCountAndTheFirstTimeOfARepeatedEvent() {
        assertThat(EventAge.of(REPEATED, NOW)).isEqualTo("43s (x5 over 3m13s)");
    }

    @Test
    void getEventsShowsOnlyWhenItWasLastSeen() {
        assertThat(EventAge.lastSeen(REPEATED, NOW)).isEqualTo("43s");
        assertThat(EventAge.firstSeen(REPEATED, NOW)).isEqualTo("3m13s");
        assertThat(EventAge.lastSeen(new EventBuilder().withFirstTimestamp(Timestamps.time(NOW.minusSeconds(5))).build(), NOW))
                .isEqualTo("5s");
    }
}

package io.pod4j.cli.print;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventAgeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
    private static final Event REPEATED = Event.builder().reason("BackOff").count(5)
            .firstTimestamp(NOW.minusSeconds(193)).lastTimestamp(NOW.minusSeconds(43)).build();

    @Test
    void describeShowsTheCountAndTheFirstTimeOfARepeatedEvent() {
        assertThat(EventAge.of(REPEATED, NOW)).isEqualTo("43s (x5 over 3m13s)");
    }

    @Test
    void getEventsShowsOnlyWhenItWasLastSeen() {
        assertThat(EventAge.lastSeen(REPEATED, NOW)).isEqualTo("43s");
        assertThat(EventAge.firstSeen(REPEATED, NOW)).isEqualTo("3m13s");
        assertThat(EventAge.lastSeen(Event.builder().firstTimestamp(NOW.minusSeconds(5)).build(), NOW)).isEqualTo("5s");
    }
}

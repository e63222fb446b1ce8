package io.pod4j.api.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void writesTimeInWholeSecondsAndMicroTimeInMicrosecondsInUtc() {
        Instant at = Instant.parse("2026-12-03T08:20:01.123456789Z");

        assertThat(Timestamps.time(at)).isEqualTo("2026-12-03T08:20:01Z");
        assertThat(Timestamps.microTime(at)).isEqualTo("2026-12-03T08:20:01.123456Z");
    }

    @Test
    void readsRfc3339WithAnyFractionAndOffset() {
        assertThat(Timestamps.parse("2026-12-03T09:20:01.5+01:00")).isEqualTo(Instant.parse("2026-12-03T08:20:01.5Z"));
        assertThat(Timestamps.parse("")).isNull();
        assertThat(Timestamps.time(null)).isNull();
    }
}

package io.pod4j.api.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:30Z"); // a Thursday

    @ParameterizedTest(name = "{0} fires next at {1}")
    @CsvSource(delimiter = '|', value = {
        "*/5 * * * *        | 2026-12-03T12:05:00Z",
        "0 * * * *          | 2026-12-03T13:00:00Z",
        "@hourly            | 2026-12-03T13:00:00Z",
        "@daily             | 2026-12-04T00:00:00Z",
        "@midnight          | 2026-12-04T00:00:00Z",
        "@weekly            | 2026-12-06T00:00:00Z",
        "@monthly           | 2027-01-01T00:00:00Z",
        "@yearly            | 2027-01-01T00:00:00Z",
        "30 9 * * mon-fri   | 2026-12-04T09:30:00Z",
        "0 0 * * SUN        | 2026-12-06T00:00:00Z",
        "0 12 1 jan,jul *   | 2027-01-01T12:00:00Z",
        "15,45 10-14/2 * * *| 2026-12-03T12:15:00Z",
        "0 0 3/10 * *       | 2026-12-13T00:00:00Z",
        "0 0 1 * 4          | 2026-12-10T00:00:00Z",
        "0 0 ? * *          | 2026-12-04T00:00:00Z",
        "@every 90s         | 2026-12-03T12:02:00Z",
        "@every 1h30m       | 2026-12-03T13:30:30Z",
    })
    void firesWhenRobfigCronWould(String spec, String next) {
        assertThat(CronSchedule.parse(spec.trim()).next(NOW, ZoneOffset.UTC)).hasValue(Instant.parse(next.trim()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "* * * *          | expected exactly 5 fields, found 4: [* * * *]",
        "* * * * * *      | expected exactly 5 fields, found 6: [* * * * * *]",
        "61 * * * *       | end of range (61) above maximum (59): 61",
        "* * 0 * *        | beginning of range (0) below minimum (1): 0",
        "* * * * 7        | end of range (7) above maximum (6): 7",
        "5-1 * * * *      | beginning of range (5) beyond end of range (1): 5-1",
        "*/0 * * * *      | step of range should be a positive number: */0",
        "1-2-3 * * * *    | too many hyphens: 1-2-3",
        "*/2/3 * * * *    | too many slashes: */2/3",
        "x * * * *        | failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
        "* * * foo *      | failed to parse int from foo: strconv.Atoi: parsing \"foo\": invalid syntax",
        "@fortnightly     | unrecognized descriptor: @fortnightly",
        "@every 5x        | failed to parse duration @every 5x: time: unknown unit \"x\" in duration \"5x\"",
        "@every 5         | failed to parse duration @every 5: time: missing unit in duration \"5\"",
        "TZ=Mars/Base * * * * * | provided bad location Mars/Base: unknown time zone Mars/Base",
    })
    void refusesInRobfigCronsWords(String spec, String message) {
        assertThatThrownBy(() -> CronSchedule.parse(spec.trim())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message.trim());
    }

    @Test
    void anEmptyScheduleIsRefused() {
        assertThatThrownBy(() -> CronSchedule.parse("")).hasMessage("empty spec string");
    }

    @Test
    void aTzPrefixNamesTheZoneTheScheduleRunsIn() {
        CronSchedule s = CronSchedule.parse("CRON_TZ=Asia/Tokyo 0 9 * * *");

        assertThat(s.zone()).hasValue(ZoneId.of("Asia/Tokyo"));
        assertThat(s.next(NOW, s.zone().orElseThrow())).hasValue(Instant.parse("2026-12-04T00:00:00Z"));
    }

    @Test
    void zonesAreTheIanaNamesGoKnows() {
        assertThat(CronSchedule.zone("Europe/Berlin")).hasValue(ZoneId.of("Europe/Berlin"));
        assertThat(CronSchedule.zone("UTC")).hasValue(ZoneOffset.UTC);
        assertThat(CronSchedule.zone("Mars/Olympus")).isEmpty();
        assertThat(CronSchedule.zone("+01:00")).as("an offset is not a zone name").isEmpty();
    }
}

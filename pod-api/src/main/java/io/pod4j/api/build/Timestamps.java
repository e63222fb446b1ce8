package io.pod4j.api.build;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The text of Kubernetes' timestamps, which fabric8's model holds as strings: {@code metav1.Time}
 * ({@code creationTimestamp}, {@code lastTransitionTime}, {@code startedAt}...) in whole seconds,
 * {@code 2026-12-03T08:20:00Z}, and {@code metav1.MicroTime} (an Event's {@code eventTime}, held in
 * fabric8's {@code MicroTime}: {@code new MicroTime(Timestamps.microTime(now))}) in microseconds,
 * {@code 2026-12-03T08:20:00.123456Z}.
 */
public final class Timestamps {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** @param instant a point in time, or null @return it as a {@code metav1.Time} (seconds, UTC), or null */
    public static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** @param instant a point in time, or null @return it as a {@code metav1.MicroTime} (microseconds, UTC), or null */
    public static String microTime(Instant instant) {
        return instant == null ? null : MICRO_TIME.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * @param text a timestamp as Kubernetes writes it (RFC 3339, any fraction and offset), or null or empty
     * @return the point in time, or null
     * @throws java.time.format.DateTimeParseException when it is not RFC 3339
     */
    public static Instant parse(String text) {
        return text == null || text.isEmpty() ? null
                : DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
    }
}

package io.pod4j.api.cron;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CronJob's {@code schedule}, as the API server validates it and the controller reads it
 * (robfig/cron v3's {@code ParseStandard}): five fields (minute, hour, day of month, month, day of
 * week 0-6) with lists, ranges, steps, {@code *}, {@code ?}, month and weekday names; the
 * descriptors {@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly},
 * {@code @daily}, {@code @midnight}, {@code @hourly} and {@code @every <duration>}; a
 * {@code TZ=}/{@code CRON_TZ=} prefix (which the API server then refuses in new schedules). Day
 * of month and day of week: when both are restricted, a day matching either counts, as in cron.
 * Errors are the parser's words, which the API server returns.
 */
public final class CronSchedule {

    private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

    private final Optional<ZoneId> zone;
    private final Duration every;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;

    private CronSchedule(Optional<ZoneId> zone, Duration every) {
        this.zone = zone;
        this.every = every;
        minutes = hours = daysOfMonth = months = daysOfWeek = null;
        domStar = dowStar = false;
    }

    private CronSchedule(Optional<ZoneId> zone, String[] f) {
        this.zone = zone;
        this.every = null;
        minutes = field(f[0], 0, 59, null);
        hours = field(f[1], 0, 23, null);
        daysOfMonth = field(f[2], 1, 31, null);
        months = field(f[3], 1, 12, MONTHS);
        daysOfWeek = field(f[4], 0, 6, DAYS);
        domStar = f[2].startsWith("*") || f[2].startsWith("?");
        dowStar = f[4].startsWith("*") || f[4].startsWith("?");
    }

    /**
     * @param spec e.g. {@code *&#47;5 * * * *}, {@code @hourly}, {@code @every 90s}
     * @return the schedule
     * @throws IllegalArgumentException in robfig/cron's words, e.g. {@code expected exactly 5 fields, found 4: [* * * *]}
     */
    public static CronSchedule parse(String spec) {
        String s = spec == null ? "" : spec;
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty spec string");
        }
        Optional<ZoneId> zone = Optional.empty();
        if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
            int space = s.indexOf(' ');
            String name = s.substring(s.indexOf('=') + 1, space < 0 ? s.length() : space);
            zone = Optional.of(zone(name).orElseThrow(() -> new IllegalArgumentException(
                    "provided bad location " + name + ": unknown time zone " + name)));
            s = space < 0 ? "" : s.substring(space).trim();
        }
        if (s.startsWith("@")) {
            if (s.startsWith("@every ")) {
                return new CronSchedule(zone, GoDurations.parse(s.substring("@every ".length()), s));
            }
            String d = DESCRIPTORS.get(s.toLowerCase(Locale.ROOT));
            if (d == null) {
                throw new IllegalArgumentException("unrecognized descriptor: " + s);
            }
            s = d;
        }
        String[] fields = s.isBlank() ? new String[0] : s.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": ["
                    + String.join(" ", fields) + "]");
        }
        return new CronSchedule(zone, fields);
    }

    /**
     * A time zone by its IANA name, as Go's {@code time.LoadLocation} finds it (the JDK's zone ids;
     * {@code UTC} and {@code Local} as Go's own names).
     *
     * @return the zone, or empty when there is none of that name
     */
    public static Optional<ZoneId> zone(String name) {
        if (name.equals("UTC") || name.isEmpty()) {
            return Optional.of(java.time.ZoneOffset.UTC);
        }
        if (name.equals("Local")) {
            return Optional.of(ZoneId.systemDefault());
        }
        if (!ZoneId.getAvailableZoneIds().contains(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** @return the zone a {@code TZ=} prefix named, if the schedule has one */
    public Optional<ZoneId> zone() {
        return zone;
    }

    /** @return the first time after {@code t} (to the minute) the schedule fires, in the zone; empty if never within 5 years */
    public Optional<Instant> next(Instant t, ZoneId zone) {
        if (every != null) {
            // ConstantDelaySchedule: the delay after t, on a whole second.
            return Optional.of(t.truncatedTo(ChronoUnit.SECONDS).plus(every));
        }
        ZonedDateTime z = ZonedDateTime.ofInstant(t, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = z.plusYears(5);
        while (z.isBefore(limit)) {
            if (!months.get(z.getMonthValue())) {
                z = z.plusMonths(1).withDayOfMonth(1).withHour(0).withMinute(0);
                continue;
            }
            if (!dayMatches(z)) {
                z = z.plusDays(1).withHour(0).withMinute(0);
                continue;
            }
            if (!hours.get(z.getHour())) {
                z = z.plusHours(1).withMinute(0);
                continue;
            }
            if (!minutes.get(z.getMinute())) {
                z = z.plusMinutes(1);
                continue;
            }
            return Optional.of(z.toInstant());
        }
        return Optional.empty();
    }

    /**
     * @return the most recent time the schedule fired after {@code since} and not after {@code now},
     *     and how many it missed in between (the controller warns beyond 100)
     */
    public Optional<Instant> lastBetween(Instant since, Instant now, ZoneId zone, int[] missed) {
        Optional<Instant> last = Optional.empty();
        Instant t = since;
        int count = 0;
        while (true) {
            Optional<Instant> n = next(t, zone);
            if (n.isEmpty() || n.get().isAfter(now)) {
                break;
            }
            last = n;
            t = n.get();
            if (++count > 100) {
                // As the controller: too many missed start times; the latest still counts.
                Instant latest = t;
                Instant probe = now.minus(Duration.ofMinutes(1));
                Optional<Instant> tail = next(probe.isAfter(latest) ? probe.minus(Duration.ofMinutes(1)) : latest, zone);
                while (tail.isPresent() && !tail.get().isAfter(now)) {
                    last = tail;
                    tail = next(tail.get(), zone);
                }
                break;
            }
        }
        missed[0] = count;
        return last;
    }

    private boolean dayMatches(ZonedDateTime z) {
        boolean dom = daysOfMonth.get(z.getDayOfMonth());
        int dow = z.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : z.getDayOfWeek().getValue();
        boolean dw = daysOfWeek.get(dow);
        if (domStar || dowStar) {
            return dom && dw;
        }
        return dom || dw;
    }

    private static BitSet field(String field, int min, int max, String[] names) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (part.chars().filter(c -> c == '/').count() > 1) {
                throw new IllegalArgumentException("too many slashes: " + part);
            }
            if (part.substring(0, slash < 0 ? part.length() : slash).chars().filter(c -> c == '-').count() > 1) {
                throw new IllegalArgumentException("too many hyphens: " + part);
            }
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), null, 0, part);
            }
            int lo;
            int hi;
            if (range.equals("*") || range.equals("?")) {
                lo = min;
                hi = max;
            } else {
                int dash = range.indexOf('-');
                lo = number(dash < 0 ? range : range.substring(0, dash), names, min, part);
                hi = dash < 0 ? (slash >= 0 ? max : lo) : number(range.substring(dash + 1), names, min, part);
            }
            if (lo < min) {
                throw new IllegalArgumentException("beginning of range (" + lo + ") below minimum (" + min + "): " + part);
            }
            if (hi > max) {
                throw new IllegalArgumentException("end of range (" + hi + ") above maximum (" + max + "): " + part);
            }
            if (lo > hi) {
                throw new IllegalArgumentException("beginning of range (" + lo + ") beyond end of range (" + hi + "): " + part);
            }
            if (step == 0) {
                throw new IllegalArgumentException("step of range should be a positive number: " + part);
            }
            for (int i = lo; i <= hi; i += step) {
                bits.set(i);
            }
        }
        return bits;
    }

    private static int number(String s, String[] names, int offset, String part) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(s)) {
                    return i + (names == MONTHS ? 1 : 0);
                }
            }
        }
        int n;
        try {
            n = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + s + ": strconv.Atoi: parsing \"" + s
                    + "\": invalid syntax");
        }
        if (n < 0) {
            throw new IllegalArgumentException("negative number (" + n + ") not allowed: " + s);
        }
        return n;
    }
}

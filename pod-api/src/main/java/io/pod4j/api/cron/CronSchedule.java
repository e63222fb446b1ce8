package io.pod4j.controllers.cronjob;

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
 * A CronJob's {@code schedule}, as the controller parses it (robfig/cron's standard parser):
 * five fields (minute, hour, day of month, month, day of week) with lists, ranges, steps, {@code *},
 * {@code ?}, month and weekday names, and the descriptors {@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight}, {@code @hourly}. Day of month
 * and day of week: when both are restricted, a day matching either counts, as in cron.
 */
public final class CronSchedule {

    private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;

    private CronSchedule(String[] f) {
        minutes = field(f[0], 0, 59, null);
        hours = field(f[1], 0, 23, null);
        daysOfMonth = field(f[2], 1, 31, null);
        months = field(f[3], 1, 12, MONTHS);
        daysOfWeek = field(f[4], 0, 7, DAYS);
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
        }
        domStar = f[2].startsWith("*") || f[2].startsWith("?");
        dowStar = f[4].startsWith("*") || f[4].startsWith("?");
    }

    /**
     * @param spec e.g. {@code *&#47;5 * * * *} or {@code @hourly}
     * @return the schedule
     * @throws IllegalArgumentException in robfig/cron's words, e.g. {@code expected exactly 5 fields, found 4: [* * * *]}
     */
    public static CronSchedule parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.startsWith("@")) {
            String d = DESCRIPTORS.get(s.toLowerCase(Locale.ROOT));
            if (d == null) {
                throw new IllegalArgumentException("unrecognized descriptor: " + s);
            }
            s = d;
        }
        String[] fields = s.isEmpty() ? new String[0] : s.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": [" + s + "]");
        }
        return new CronSchedule(fields);
    }

    /** @return the first time after {@code t} (to the minute) the schedule fires, in the zone; empty if never within 5 years */
    public Optional<Instant> next(Instant t, ZoneId zone) {
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
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), null, 0, part);
                if (step <= 0) {
                    throw new IllegalArgumentException("step of range should be a positive number: " + part);
                }
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
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("failed to parse int from " + s + ": strconv.Atoi: parsing \"" + s
                    + "\": invalid syntax");
        }
    }
}

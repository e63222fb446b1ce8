package io.pod4j.api.cron;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} for {@code @every} schedules ({@code 1h30m}, {@code 90s}, {@code 1.5h}), with its errors. */
final class GoDurations {

    private static final Map<String, BigDecimal> NANOS = Map.of("ns", BigDecimal.ONE, "us", BigDecimal.valueOf(1_000),
            "µs", BigDecimal.valueOf(1_000), "μs", BigDecimal.valueOf(1_000), "ms", BigDecimal.valueOf(1_000_000),
            "s", BigDecimal.valueOf(1_000_000_000L), "m", BigDecimal.valueOf(60_000_000_000L),
            "h", BigDecimal.valueOf(3_600_000_000_000L));
    private static final Pattern PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)([^0-9.]*)");

    private GoDurations() {
    }

    /**
     * @param text e.g. {@code 1h30m}
     * @param descriptor the whole {@code @every ...}, for the message
     * @return the schedule's delay: whole seconds, at least one
     */
    static Duration parse(String text, String descriptor) {
        String error = null;
        BigDecimal nanos = BigDecimal.ZERO;
        String rest = text;
        boolean negative = false;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.startsWith("-");
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ofSeconds(1);
        }
        if (rest.isEmpty()) {
            error = "time: invalid duration \"" + text + "\"";
        }
        while (error == null && !rest.isEmpty()) {
            Matcher m = PART.matcher(rest);
            if (!m.lookingAt() || m.group(1).isEmpty() || m.group(1).equals(".")) {
                error = "time: invalid duration \"" + text + "\"";
                break;
            }
            String unit = m.group(2);
            if (unit.isEmpty()) {
                error = "time: missing unit in duration \"" + text + "\"";
                break;
            }
            BigDecimal perUnit = NANOS.get(unit);
            if (perUnit == null) {
                error = "time: unknown unit \"" + unit + "\" in duration \"" + text + "\"";
                break;
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(perUnit));
            rest = rest.substring(m.end());
        }
        if (error != null) {
            throw new IllegalArgumentException("failed to parse duration " + descriptor + ": " + error);
        }
        long seconds = negative ? 0 : nanos.divideToIntegralValue(BigDecimal.valueOf(1_000_000_000L)).longValue();
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}

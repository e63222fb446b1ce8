package io.pod4j.apiserver.table;

import java.time.Duration;

/**
 * Durations as the API server's printers write ages: {@code 45s}, {@code 2m30s}, {@code 10m},
 * {@code 3h5m}, {@code 2d3h}, {@code 45d}, {@code 3y} (apimachinery's {@code duration.HumanDuration}).
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    /**
     * @param d a duration; up to two seconds in the future still count as now (clock skew)
     * @return it in Kubernetes' words
     */
    public static String format(Duration d) {
        long seconds = d.toMillis() / 1000; // towards zero, as Go's int(d.Seconds())
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? (hours / 24) + "d" : (hours / 24) + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) {
            return (hours / 24) + "d";
        }
        if (hours < 24 * 365 * 8) {
            long days = (hours / 24) % 365;
            return days == 0 ? (hours / 24 / 365) + "y" : (hours / 24 / 365) + "y" + days + "d";
        }
        return (hours / 24 / 365) + "y";
    }
}

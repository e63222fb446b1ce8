package io.pod4j.cli.print;

import java.time.Duration;
import java.time.Instant;

/** Ages as kubectl prints them (apimachinery's {@code duration.HumanDuration}). */
public final class Ages {

    private Ages() {
    }

    /**
     * @param since a timestamp, or null
     * @param now the present
     * @return such as {@code 45s}, {@code 3m12s}, {@code 5h2m}, {@code 3d4h}, or {@code <unknown>}
     */
    public static String since(Instant since, Instant now) {
        return since == null ? "<unknown>" : human(Duration.between(since, now));
    }

    /**
     * @param d a duration
     * @return kubectl's short form of it
     */
    public static String human(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }
}

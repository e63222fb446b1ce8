package io.pod4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One row of the table {@code scripts/bench} prints: what was measured, the measurement (usually
 * median [min..max] of the interleaved runs), how it compares (a ratio or a value), the target and
 * whether it was met. Each benchmark appends its rows to the file named by the system property
 * {@value #RESULTS_PROPERTY}; {@link BenchTable} prints them all at the end as one table.
 *
 * @param section the numbered section of issue 9 ("1", "2", ...)
 * @param what what was measured, with its unit
 * @param measured the measurement as printed
 * @param compared the comparison the target is about (a ratio) or "—"
 * @param target the target, or "—" when there is none
 * @param verdict "met", "missed" or "—"
 */
public record Figure(String section, String what, String measured, String compared, String target, String verdict) {

    /** The system property naming the file the rows are appended to. */
    public static final String RESULTS_PROPERTY = "pod4j.bench.results";

    /**
     * A row without a target.
     *
     * @param section the section
     * @param what what was measured
     * @param measured the measurement
     * @return the row
     */
    public static Figure info(String section, String what, String measured) {
        return new Figure(section, what, measured, "—", "—", "—");
    }

    /**
     * A row whose comparison must stay at or under a limit.
     *
     * @param section the section
     * @param what what was measured
     * @param measured the measurement
     * @param value the compared value (a ratio, ms, percent...)
     * @param format how the value is printed (e.g. {@code "%.2f×"})
     * @param limit the target's upper bound
     * @param target the target as printed
     * @return the row
     */
    public static Figure atMost(String section, String what, String measured, double value, String format, double limit,
            String target) {
        return new Figure(section, what, measured, String.format(Locale.ROOT, format, value), target,
                value <= limit ? "met" : "missed");
    }

    /**
     * Median with min and max, as the table prints them.
     *
     * @param values the runs' values
     * @param unit appended to the median (e.g. " ms")
     * @return e.g. {@code "836 ms [676..1161]"}
     */
    public static String stats(List<? extends Number> values, String unit) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return "no runs";
        }
        return number(median(values)) + unit + " [" + number(v[0]) + ".." + number(v[v.length - 1]) + "]";
    }

    /**
     * @param values the runs' values
     * @return their median (the lower middle one for an even count)
     */
    public static double median(List<? extends Number> values) {
        double[] v = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v[(v.length - 1) / 2];
    }

    /**
     * The median of the run-by-run ratios {@code a[i] / b[i]}: runs are interleaved, so each ratio
     * compares two runs that saw the same machine.
     *
     * @param a the numerators, run by run
     * @param b the denominators, run by run
     * @return the median ratio
     */
    public static double ratio(List<? extends Number> a, List<? extends Number> b) {
        double[] r = new double[Math.min(a.size(), b.size())];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.get(i).doubleValue() / Math.max(1e-9, b.get(i).doubleValue());
        }
        Arrays.sort(r);
        return r.length == 0 ? Double.NaN : r[(r.length - 1) / 2];
    }

    private static String number(double d) {
        return Math.abs(d) >= 10 || d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d)
                : String.format(Locale.ROOT, "%.1f", d);
    }

    /**
     * Appends this row to the results file, when {@value #RESULTS_PROPERTY} names one, and prints
     * it on standard output as progress.
     */
    public void record() {
        System.out.println("  " + what + ": " + measured + ("—".equals(compared) ? "" : "  " + compared)
                + ("—".equals(target) ? "" : "  (target " + target + ": " + verdict + ")"));
        String file = System.getProperty(RESULTS_PROPERTY);
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), String.join("\t", section, what, measured, compared, target, verdict) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot append to the benchmark results " + file, e);
        }
    }

    /**
     * @param line a line written by {@link #record()}
     * @return the row
     */
    public static Figure parse(String line) {
        String[] f = line.split("\t", -1);
        return new Figure(f[0], f[1], f[2], f[3], f[4], f[5]);
    }
}

package io.pod4j.bench.coldrun;

import io.pod4j.bench.ClientStartup;
import io.pod4j.bench.Figure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section 3 of {@code scripts/bench}: cold JVMs, each timed from outside by GNU {@code /usr/bin/time}
 * (whole-process wall time, user + system CPU time, peak RSS). A JUnit run of one test class with
 * one three-container pod through the launcher ({@link ColdRun}): pod4j's extension against the
 * same test written with Testcontainers, interleaved run by run after one warm-up, and beside them the
 * floor: the same launcher running one empty test ({@link EmptyCase}) on the same class path, with
 * pod4j's connection prefetch off, so the table shows how much of each run is the JVM's and JUnit's
 * own; then the time a fresh JVM needs to reach Docker ({@link ClientStartup}). The children get
 * this JVM's class path and the system properties named {@code pod4j.*}.
 */
public final class ColdJvmBenchmark {

    private ColdJvmBenchmark() {
    }

    /** wall ms, CPU ms, peak RSS MiB of one process, and the last line it printed. */
    private record Usage(long wallMs, long cpuMs, long rssMiB, String lastLine) {
    }

    /**
     * @param args runs (default 7); one warm-up run of each comes first
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Map<String, List<Usage>> junit = new LinkedHashMap<>();
        junit.put("pod4j", new ArrayList<>());
        junit.put("testcontainers", new ArrayList<>());
        junit.put("empty", new ArrayList<>());
        for (int i = 0; i <= runs; i++) {
            for (var e : junit.entrySet()) {
                // The floor must not open a Docker connection: pod4j's launcher listener would otherwise.
                Usage u = e.getKey().equals("empty") ? run(ColdRun.class.getName(), e.getKey(), "-Dpod4j.prefetch=false")
                        : run(ColdRun.class.getName(), e.getKey());
                if (i > 0) {
                    e.getValue().add(u);
                }
            }
        }
        List<Usage> mine = junit.get("pod4j");
        List<Usage> theirs = junit.get("testcontainers");
        String what = "cold JVM, JUnit run of one class with one 3-container pod, ";
        Figure.info("3", what + "pod4j: wall (ms)", Figure.stats(wall(mine), "")).record();
        Figure.atMost("3", what + "Testcontainers: wall (ms)", Figure.stats(wall(theirs), ""),
                Figure.ratio(wall(mine), wall(theirs)), "pod4j %.2f×", 0.5, "pod4j ≤ 0.5×").record();
        Figure.info("3", what + "pod4j: CPU user+sys (ms)", Figure.stats(cpu(mine), "")).record();
        compared(what + "Testcontainers: CPU user+sys (ms)", cpu(theirs), Figure.ratio(cpu(mine), cpu(theirs)));
        Figure.info("3", what + "pod4j: peak RSS (MiB)", Figure.stats(rss(mine), "")).record();
        compared(what + "Testcontainers: peak RSS (MiB)", rss(theirs), Figure.ratio(rss(mine), rss(theirs)));
        List<Usage> floor = junit.get("empty");
        new Figure("3", "floor: cold JVM, the same launcher and class path running one empty test: wall (ms)",
                Figure.stats(wall(floor), ""), String.format(Locale.ROOT, "%.2f× Testcontainers", Figure.ratio(wall(floor), wall(theirs))),
                "—", "—").record();
        new Figure("3", "pod4j's run above that floor, against Testcontainers' run above it: wall",
                "pod4j " + Figure.stats(above(mine, floor), "") + ", Testcontainers " + Figure.stats(above(theirs, floor), ""),
                String.format(Locale.ROOT, "pod4j %.2f×", Figure.ratio(above(mine, floor), above(theirs, floor))), "—", "—").record();

        Map<String, List<Long>> client = new LinkedHashMap<>();
        for (String mode : List.of("pod4j", "engine", "testcontainers")) {
            client.put(mode, new ArrayList<>());
        }
        for (int i = 0; i <= runs; i++) {
            for (var e : client.entrySet()) {
                Usage u = run(ClientStartup.class.getName(), e.getKey());
                if (i > 0) {
                    e.getValue().add(Long.parseLong(u.lastLine().trim()));
                }
            }
        }
        Figure.info("3", "cold JVM, main() → Docker answered, pod4j client (ms)", Figure.stats(client.get("pod4j"), "")).record();
        Figure.info("3", "cold JVM, main() → Docker answered, whole PodEngine (ms)", Figure.stats(client.get("engine"), ""))
                .record();
        compared("cold JVM, main() → Docker answered, Testcontainers (ms)", client.get("testcontainers"),
                Figure.ratio(client.get("pod4j"), client.get("testcontainers")));
    }

    private static void compared(String what, List<Long> values, double ratio) {
        new Figure("3", what, Figure.stats(values, ""), String.format(Locale.ROOT, "pod4j %.2f×", ratio), "—", "—").record();
    }

    private static List<Long> wall(List<Usage> u) {
        return u.stream().map(Usage::wallMs).toList();
    }

    /** Each run's wall time less the floor run of the same round: what the tool itself cost. */
    private static List<Long> above(List<Usage> u, List<Usage> floor) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < u.size(); i++) {
            out.add(Math.max(0, u.get(i).wallMs() - floor.get(i).wallMs()));
        }
        return out;
    }

    private static List<Long> cpu(List<Usage> u) {
        return u.stream().map(Usage::cpuMs).toList();
    }

    private static List<Long> rss(List<Usage> u) {
        return u.stream().map(Usage::rssMiB).toList();
    }

    /** One fresh JVM under /usr/bin/time; fails when it does. */
    private static Usage run(String mainClass, String mode, String... jvmOptions) throws IOException, InterruptedException {
        Path err = Files.createTempFile("pod4j-cold", ".err");
        Path outFile = Files.createTempFile("pod4j-cold", ".out");
        try {
            List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %e %U %S %M",
                    ProcessHandle.current().info().command().orElse("java"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=error"));
            System.getProperties().stringPropertyNames().stream().filter(n -> n.startsWith("pod4j.")
                    && !n.equals(Figure.RESULTS_PROPERTY)).forEach(n -> command.add("-D" + n + "=" + System.getProperty(n)));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, mode));
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(outFile.toFile()).start();
            int exit = p.waitFor();
            List<String> errLines = Files.readAllLines(err, StandardCharsets.UTF_8);
            String time = errLines.stream().filter(l -> l.startsWith("TIME ")).reduce((a, b) -> b).orElse(null);
            if (exit != 0 || time == null) {
                throw new IllegalStateException("cold run " + mainClass + " " + mode + " failed (exit " + exit + "):\n"
                        + String.join("\n", errLines));
            }
            String[] f = time.split(" ");
            List<String> out = Files.readAllLines(outFile, StandardCharsets.UTF_8);
            return new Usage(Math.round(Double.parseDouble(f[1]) * 1000),
                    Math.round((Double.parseDouble(f[2]) + Double.parseDouble(f[3])) * 1000), Long.parseLong(f[4]) / 1024,
                    out.isEmpty() ? "" : out.get(out.size() - 1));
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(outFile);
        }
    }
}

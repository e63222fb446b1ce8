package io.pod4j.bench.api;

import io.pod4j.apiserver.ApiServer;
import io.pod4j.apiserver.ApiServerOptions;
import io.pod4j.bench.BenchRun;
import io.pod4j.bench.Figure;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Section 6 of {@code scripts/bench}: the Kubernetes API server, side by side in one run.
 * <ul>
 * <li>the real {@code kubectl get pods} against pod4j's API (whole process), against the engine's
 * Java list and kubectl's own floor ({@code version --client}), and against a hand-written {@code ./pod4j get pods} when
 * {@code -Dpod4j.bench.baselineCli=PATH} names one (the CLI before it became kubectl);
 * <li>{@code kubectl apply} of the reference pod → Ready, against {@code PodEngine.create} → Ready;
 * <li>a cold JVM: {@code main()} → the API answering → the reference pod, created through the API,
 * Ready; against fabric8's mock API server started the same way ({@link ColdApiStart});
 * <li>100 HTTPS watchers while 50 pods are created, become Ready and are deleted: event latency;
 * <li>{@code GET} of one pod: requests per second from 8 client threads.
 * </ul>
 * Figures only; nothing is asserted.
 */
public final class ApiBenchmark {

    /** {@code ./pod4j get pods} on 2026-12-01 (the figure), when no hand-written CLI is given to run. */
    private static final double BASELINE_CLI_MS = 600;

    private ApiBenchmark() {
    }

    /**
     * @param args runs (default 7), after one warm-up; then the parts to run (default all): cold, get, apply,
     *     watch, rate
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<String> parts = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("cold", "get", "apply", "watch", "rate");
        String id = BenchRun.id();
        Path state = Files.createTempDirectory("pod4j-bench-api");
        try {
            if (parts.contains("cold")) {
                coldStart(runs, state, id);
            }
            try (PodEngine engine = PodEngine.builder().build();
                    ApiServer api = ApiServer.start(engine, ApiServerOptions.defaults().stateDir(state))) {
                ApiClient client = ApiClient.trusting(api.url(), api.token(), api.kubeconfig().resolveSibling("ca.crt"));
                Kubectl kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(state.resolve("kube-cache")));
                if (parts.contains("get")) {
                    getPods(runs, engine, kubectl, state, id);
                }
                if (parts.contains("apply")) {
                    applyToReady(runs, engine, kubectl, state, id);
                }
                if (parts.contains("watch")) {
                    watchers(engine, api, id);
                }
                if (parts.contains("rate")) {
                    requestRate(engine, client, id);
                }
            }
        } finally {
            deleteTree(state);
        }
    }

    private static void coldStart(int runs, Path state, String id) throws Exception {
        List<Long> answering = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        List<Long> mock = new ArrayList<>();
        for (int i = 0; i <= runs; i++) { // run 0 makes the CA and warms the disk cache; not counted
            Map<String, Long> mine = child("pod4j", state.toString(), "bench-cold-" + id + "-" + i);
            Map<String, Long> theirs = child("mock");
            if (i > 0) {
                answering.add(mine.get("answering"));
                ready.add(mine.get("ready"));
                mock.add(theirs.get("answering"));
            }
        }
        String what = "cold JVM, main() → API answering over HTTPS";
        Figure.info("6", what + ", pod4j (ms)", Figure.stats(answering, "")).record();
        new Figure("6", what + ", fabric8's mock server 7.5.2, CRUD mode, no containers (ms)", Figure.stats(mock, ""),
                String.format(Locale.ROOT, "pod4j %.2f×", Figure.ratio(answering, mock)), "—", "—").record();
        Figure.atMost("6", "cold JVM, main() → API answering → the reference pod created through it Ready, pod4j (ms)",
                Figure.stats(ready, ""), Figure.median(ready), "%.0f ms", 1500, "≤ 1500 ms").record();
        Figure.info("6", "published: a cluster answering with real containers: envtest (no kubelet) / kind / K3s (ms)",
                "2000–5000 / 12000–17000 / 20000–60000").record();
    }

    private static void getPods(int runs, PodEngine engine, Kubectl kubectl, Path state, String id) throws Exception {
        String name = "bench-get-" + id;
        engine.create(ReferencePod.pod(name)).awaitReady(Duration.ofSeconds(120));
        String baseline = System.getProperty("pod4j.bench.baselineCli");
        // Pod names are unique per Docker daemon: the hand-written CLI's supervisor gets one of its own.
        String cliName = name + "-cli";
        Path manifest = Files.writeString(state.resolve(cliName + ".json"), ReferencePod.json(cliName));
        Map<String, String> baselineEnv = Map.of("POD4J_STATE_DIR", state.resolve("baseline-cli").toString());
        if (baseline != null) {
            Kubectl.time(baselineEnv, baseline, "apply", "-f", manifest.toString());
        }
        List<Long> kubectlMs = new ArrayList<>();
        List<Long> floorMs = new ArrayList<>();
        List<Double> javaMs = new ArrayList<>();
        List<Long> baselineMs = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            long f = Kubectl.time(Map.of(), "kubectl", "version", "--client");
            long k = kubectl.time("get", "pods");
            long t0 = System.nanoTime();
            int n = engine.store().list(ResourceTypes.PODS, ListOptions.all()).items().size();
            double j = (System.nanoTime() - t0) / 1e6;
            long b = baseline == null ? 0 : Kubectl.time(baselineEnv, baseline, "get", "pods");
            if (i > 0 && n > 0) {
                kubectlMs.add(k);
                floorMs.add(f);
                javaMs.add(j);
                baselineMs.add(b);
            }
        }
        if (baseline != null) {
            Kubectl.time(baselineEnv, baseline, "delete", "pod", cliName, "--grace-period=0", "--force");
            Figure.info("6", "./pod4j get pods, the hand-written CLI and its supervisor, whole process (ms)",
                    Figure.stats(baselineMs, "")).record();
            Figure.atMost("6", "kubectl get pods against pod4j's API, whole process (ms)", Figure.stats(kubectlMs, ""),
                    Figure.ratio(kubectlMs, baselineMs), "%.2f× ./pod4j", 0.25, "≤ 0.25× ./pod4j get").record();
        } else {
            Figure.atMost("6", "kubectl get pods against pod4j's API, whole process (ms)", Figure.stats(kubectlMs, ""),
                    Figure.median(kubectlMs) / BASELINE_CLI_MS, "%.2f× 600 ms", 0.25, "≤ 0.25× ./pod4j get (600 ms)")
                    .record();
        }
        new Figure("6", "floor: kubectl version --client, the same binary asking no server (ms)", Figure.stats(floorMs, ""),
                String.format(Locale.ROOT, "%.2f× kubectl get", Figure.ratio(floorMs, kubectlMs)), "—", "—").record();
        Figure.info("6", "the same list through the engine's Java API, in process (ms)", Figure.stats(javaMs, "")).record();
        ReferencePod.remove(engine, name);
    }

    private static void applyToReady(int runs, PodEngine engine, Kubectl kubectl, Path state, String id) throws Exception {
        List<Long> viaKubectl = new ArrayList<>();
        List<Long> viaJava = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            String a = "bench-apply-" + id + "-" + i;
            Path manifest = Files.writeString(state.resolve(a + ".json"), ReferencePod.json(a));
            long t0 = System.nanoTime();
            kubectl.time("apply", "-f", manifest.toString());
            engine.handle("default", a).awaitReady(Duration.ofSeconds(120));
            long k = (System.nanoTime() - t0) / 1_000_000;
            remove(engine, a);
            String j = "bench-java-" + id + "-" + i;
            t0 = System.nanoTime();
            engine.create(ReferencePod.pod(j)).awaitReady(Duration.ofSeconds(120));
            long jv = (System.nanoTime() - t0) / 1_000_000;
            remove(engine, j);
            if (i > 0) {
                viaKubectl.add(k);
                viaJava.add(jv);
            }
        }
        Figure.info("6", "the reference pod: PodEngine.create → Ready (ms)", Figure.stats(viaJava, "")).record();
        new Figure("6", "the reference pod: kubectl apply -f → Ready, through the API (ms)", Figure.stats(viaKubectl, ""),
                String.format(Locale.ROOT, "%.2f× Java", Figure.ratio(viaKubectl, viaJava)), "—", "—").record();
    }

    private static void watchers(PodEngine engine, ApiServer api, String id) throws Exception {
        double load = loadAverage();
        WatchLatency.Result r = WatchLatency.run(engine, api, 100, 50, "bench-churn-" + id + "-");
        List<Double> sorted = r.latenciesMs().stream().sorted().toList();
        double p50 = percentile(sorted, 0.50);
        double p99 = percentile(sorted, 0.99);
        String what = "100 HTTPS watchers (another JVM) while 50 pods are created, Ready, deleted: ";
        Figure.info("6", what + "events read / expected", r.eventsRead() + " / " + (100L * r.eventsPerWatcher())).record();
        Figure.info("6", what + "event latency p50, commit → line read (ms)", String.format(Locale.ROOT, "%.1f", p50)).record();
        Figure.atMost("6", what + "event latency p99 (ms)", String.format(Locale.ROOT, "%.1f (max %.1f)", p99,
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1)), p99, "%.1f ms", 20, "≤ 20 ms").record();
        Figure.info("6", what + "the API server's threads with the 100 watches open", Integer.toString(r.serverThreads()))
                .record();
        Figure.info("6", what + "CPU time during the churn: the API server's threads / the engine's whole process / the watchers' process (ms)",
                r.apiCpuMs() + " / " + r.serverCpuMs() + " / " + r.clientCpuMs()).record();
        Figure.info("6", what + "the API server's CPU per event line delivered (µs)",
                String.format(Locale.ROOT, "%.0f", r.eventsRead() == 0 ? Double.NaN : r.apiCpuMs() * 1000.0 / r.eventsRead())).record();
        Figure.info("6", what + "load average (1 min) as the churn began", String.format(Locale.ROOT, "%.1f", load)).record();
    }

    private static void requestRate(PodEngine engine, ApiClient client, String id) throws Exception {
        String name = "bench-rate-" + id;
        engine.create(ReferencePod.pod(name)).awaitReady(Duration.ofSeconds(120));
        String path = "/api/v1/namespaces/default/pods/" + name;
        AtomicLong done = new AtomicLong();
        long[] window = {TimeUnit.SECONDS.toNanos(2), TimeUnit.SECONDS.toNanos(5)}; // warm-up, measured
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long[] measuredFrom = {0};
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                try {
                    while (System.nanoTime() - start < window[0] + window[1]) {
                        client.get(path);
                        if (System.nanoTime() - start >= window[0]) {
                            done.incrementAndGet();
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        Figure.info("6", "GET one pod over HTTPS, 8 client threads on keep-alive connections, same JVM (requests/s)",
                String.format(Locale.ROOT, "%.0f", done.get() / (window[1] / 1e9))).record();
        remove(engine, name);
    }

    private static void remove(PodEngine engine, String name) {
        ReferencePod.remove(engine, name);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** One cold JVM of {@link ColdApiStart}: the epoch-ms lines it printed, made relative to its launch. */
    private static Map<String, Long> child(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", System.getProperty("java.class.path"),
                ColdApiStart.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("pod4j-bench-cold", ".out");
        try {
            long launched = System.currentTimeMillis();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("cold start " + String.join(" ", args) + " failed:\n" + Files.readString(out));
            }
            Map<String, Long> at = new java.util.HashMap<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                if (f.length == 2 && (f[0].equals("answering") || f[0].equals("ready"))) {
                    at.put(f[0], Long.parseLong(f[1]) - launched);
                }
            }
            return at;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

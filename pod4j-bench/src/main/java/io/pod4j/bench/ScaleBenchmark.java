package io.pod4j.bench;

import com.github.dockerjava.api.DockerClient;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.docker.PauseImage;
import io.pod4j.engine.reaper.Owner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many reference pods created at once: time until all are Ready with pod4j, against the same number
 * of naive docker-java sequences (infra, web, sidecar, then the port answers) spread over as many
 * threads as the machine has cores; the engine's heap and threads per pod; and whether anything
 * is left once they are deleted.
 *
 * <p>Run: {@code scripts/bench} (or this class with {@code [pods...]}, default 10 50).
 */
public final class ScaleBenchmark {

    private static final String IMAGE = "pod4j-test/busybox:1";

    private ScaleBenchmark() {
    }

    /**
     * @param args runs per size (default 7), then how many pods per measurement (default 10 and 50)
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<Integer> sizes = args.length <= 1 ? List.of(10, 50)
                : java.util.Arrays.stream(args).skip(1).map(Integer::valueOf).toList();
        // Warm-up: one small round of each, so that neither side pays class loading and JIT in the runs.
        naive(5, cores);
        pod4j(5);
        int leftContainers = 0;
        int leftThreads = 0;
        for (int n : sizes) {
            List<Long> naiveMs = new ArrayList<>();
            List<Long> podMs = new ArrayList<>();
            List<Double> heapKiB = new ArrayList<>();
            List<Double> threads = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // Interleaved, and alternating which goes first, so that both see the same machine.
                long[] mine;
                if (i % 2 == 0) {
                    naiveMs.add(naive(n, cores));
                    mine = pod4j(n);
                } else {
                    mine = pod4j(n);
                    naiveMs.add(naive(n, cores));
                }
                podMs.add(mine[0]);
                heapKiB.add(mine[1] / 1024.0 / n);
                threads.add((double) mine[2] / n);
                leftContainers += (int) mine[3];
                leftThreads += (int) mine[4];
            }
            Figure.info("4", n + " pods at once, " + n + " naive sequences on " + cores + " threads: all answering (ms)",
                    Figure.stats(naiveMs, "")).record();
            String what = n + " pods at once, pod4j: all Ready (ms)";
            double ratio = Figure.ratio(podMs, naiveMs);
            if (n == 50) {
                Figure.atMost("4", what, Figure.stats(podMs, ""), ratio, "%.2f× naive", 1.5, "≤ 1.5× naive").record();
            } else {
                new Figure("4", what, Figure.stats(podMs, ""), String.format(java.util.Locale.ROOT, "%.2f× naive", ratio), "—", "—")
                        .record();
            }
            Figure.atMost("4", n + " pods at once, pod4j: engine heap per pod (KiB)", Figure.stats(heapKiB, ""),
                    Figure.median(heapKiB), "%.0f KiB", 1024, "≤ 1024 KiB").record();
            Figure.info("4", n + " pods at once, pod4j: engine threads per pod", Figure.stats(threads, "")).record();
        }
        int managed = naiveLeft();
        Figure.atMost("4", "left after all scale runs: containers of this engine's owner + threads not ended + naive containers",
                leftContainers + " + " + leftThreads + " + " + managed, leftContainers + leftThreads + managed, "%.0f", 0, "0")
                .record();
    }

    /**
     * One round of n pods created at once with a fresh engine.
     *
     * @return {ms until all Ready, heap bytes the pods hold, threads the pods hold, containers left
     *     of this owner after close, threads left after close}
     */
    private static long[] pod4j(int n) throws Exception {
        System.gc();
        int threadsBefore = ownThreads();
        long[] result = new long[5];
        try (PodEngine engine = PodEngine.builder().build()) {
            System.gc();
            long heap0 = used(); // the engine's own share is not the pods'
            int threads0 = Thread.activeCount();
            long t0 = System.nanoTime();
            List<PodHandle> pods = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                pods.add(engine.create(Pod.named("scale-" + i)
                        .container("web", c -> c.image(IMAGE).command("httpd", "-f", "-p", "8080").port(8080)
                                .readinessProbe(Probe.tcpSocket(8080)))
                        .container("sidecar", c -> c.image(IMAGE).command("sleep", "3600"))
                        .build()));
            }
            for (PodHandle h : pods) {
                h.awaitReady(Duration.ofMinutes(5));
            }
            result[0] = (System.nanoTime() - t0) / 1_000_000;
            System.gc();
            result[1] = used() - heap0;
            result[2] = Thread.activeCount() - threads0;
            // Deleted all at once (grace period 0, as PodHandle.close does), then awaited.
            for (PodHandle h : pods) {
                engine.delete(h.namespace(), h.name(), Duration.ZERO);
            }
            for (PodHandle h : pods) {
                h.awaitDeletion(Duration.ofMinutes(5));
            }
            result[3] = engine.docker().client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.OWNER, Owner.current().id())).exec().size();
        }
        // Threads end asynchronously after close: give them a moment before counting what stayed.
        long limit = System.nanoTime() + 5_000_000_000L;
        while (ownThreads() > threadsBefore && System.nanoTime() < limit) {
            Thread.sleep(50);
        }
        result[4] = Math.max(0, ownThreads() - threadsBefore);
        if (result[4] > 0) {
            // Names what stayed, so that a leak can be told apart.
            Thread.getAllStackTraces().keySet().forEach(t -> System.out.println("  thread alive after close: " + t.getName()));
        }
        return result;
    }

    /**
     * Live threads, without the JDK's ForkJoin common pool: its workers start on first use by anyone
     * in the process and end only after 60 s idle, so they are no engine's leak.
     */
    private static int ownThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("ForkJoinPool.commonPool-")).count();
    }

    /** Counts what the naive sequences left, with a short-lived client of its own. */
    private static int naiveLeft() throws Exception {
        try (PodEngine engine = PodEngine.builder().build()) {
            return engine.docker().client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(BenchRun.LABEL, BenchRun.id())).exec().size();
        }
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** @return ms until every naive pod answered HTTP; the pods are removed afterwards */
    private static long naive(int n, int threads) throws Exception {
        try (PodEngine engine = PodEngine.builder().build()) {
            DockerClient docker = engine.docker().client();
            String pause = PauseImage.ensure(docker);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                long t0 = System.nanoTime();
                List<Future<List<String>>> started = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = "scale-naive-" + i + "-" + BenchRun.id(); // unique: other runs may be under way
                    started.add(pool.submit(() -> StartupBenchmark.naiveStart(docker, pause, name)));
                }
                List<String> ids = new ArrayList<>();
                for (Future<List<String>> f : started) {
                    ids.addAll(f.get());
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                List<Future<?>> removed = new ArrayList<>();
                for (String id : ids) {
                    removed.add(pool.submit(() -> docker.removeContainerCmd(id).withForce(true).exec()));
                }
                for (Future<?> f : removed) {
                    f.get();
                }
                return ms;
            } finally {
                pool.shutdownNow();
            }
        }
    }
}

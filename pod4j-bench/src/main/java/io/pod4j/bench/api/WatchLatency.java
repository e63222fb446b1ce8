package io.pod4j.bench.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.apiserver.ApiServer;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.Watch;
import io.pod4j.store.WatchEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watchers of the API while pods churn: each event's latency is the time from the store's commit
 * of the change (the moment the store queues it for its watches, taken by a listener on a watch of
 * the store itself) to the moment an HTTPS watcher has read its line. The watchers run in a JVM of
 * their own ({@link WatchClients}); both processes stamp with the same wall clock, in microseconds.
 */
final class WatchLatency {

    /**
     * @param latenciesMs of every event every watcher read
     * @param eventsPerWatcher the store's events each watcher should read
     * @param eventsRead the lines all watchers read
     * @param serverThreads the API server's threads with the watches open
     * @param serverCpuMs the server process's CPU time during the churn (the engine's and the kubelet's included)
     * @param apiCpuMs the API server's threads' CPU time during the churn (event loops, workers, timer)
     * @param clientCpuMs the watchers' process's CPU time, all of it
     */
    record Result(List<Double> latenciesMs, int eventsPerWatcher, long eventsRead, int serverThreads, long serverCpuMs,
            long apiCpuMs, long clientCpuMs) {
    }

    private WatchLatency() {
    }

    static Result run(PodEngine engine, ApiServer api, int watchers, int pods, String prefix) throws Exception {
        String from = engine.store().resourceVersion();
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Watch<Pod> local = engine.store().watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(from));
        ConcurrentLinkedQueue<Long> signals = new ConcurrentLinkedQueue<>();
        local.onEvent(() -> signals.add(WatchClients.micros()));
        signals.poll(); // the call made when the listener is set, before any event
        Thread reader = new Thread(() -> readCommits(local, signals, committed), "bench-commits");
        reader.start();

        Path out = Files.createTempFile("pod4j-bench-watchers", ".txt");
        Process clients = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), WatchClients.class.getName(), api.url(), api.token(),
                api.kubeconfig().resolveSibling("ca.crt").toString(), Integer.toString(watchers), from, out.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader said = new BufferedReader(new InputStreamReader(clients.getInputStream(), StandardCharsets.UTF_8));
        int serverThreads;
        long cpuBefore;
        long cpuAfter;
        long apiBefore;
        long apiAfter;
        try {
            String first = said.readLine();
            if (!"open".equals(first)) {
                throw new IllegalStateException("the watchers did not open their watches: " + first);
            }
            serverThreads = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("pod4j-api")).count();
            cpuBefore = processCpuMs();
            apiBefore = apiThreadsCpuMs();
            for (int i = 0; i < pods; i++) {
                engine.create(Pods.named(prefix + i).label("io.pod4j.bench", io.pod4j.bench.BenchRun.id())
                        .container("main", c -> c.image(ReferencePod.IMAGE).command("sleep", "3600")).build());
            }
            for (int i = 0; i < pods; i++) {
                engine.handle("default", prefix + i).awaitReady(Duration.ofSeconds(300));
            }
            for (int i = 0; i < pods; i++) {
                engine.delete("default", prefix + i, Duration.ZERO);
            }
            for (int i = 0; i < pods; i++) {
                ReferencePod.remove(engine, prefix + i); // waits until it is gone
            }
            cpuAfter = processCpuMs();
            apiAfter = apiThreadsCpuMs();
            // What the watchers may still be reading: up to 30 s more, until each has every event.
            java.io.Writer ask = new java.io.OutputStreamWriter(clients.getOutputStream(), StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long expected = (long) watchers * committed.size();
            while (System.nanoTime() < deadline) {
                ask.write("count\n");
                ask.flush();
                if (Long.parseLong(said.readLine()) >= expected) {
                    break;
                }
                Thread.sleep(100);
            }
        } finally {
            clients.getOutputStream().close(); // tells the watchers to write what they read and exit
        }
        String cpuLine = said.readLine();
        if (!clients.waitFor(60, TimeUnit.SECONDS)) {
            clients.destroyForcibly();
        }
        local.close();
        reader.join(5000);
        List<Double> latencies = new ArrayList<>();
        long read = 0;
        for (String line : Files.readAllLines(out)) {
            String[] f = line.split(" ");
            read++;
            Long at = committed.get(f[1]);
            if (at != null) {
                latencies.add((Long.parseLong(f[2]) - at) / 1000.0);
            }
        }
        Files.deleteIfExists(out);
        long clientCpu = cpuLine != null && cpuLine.startsWith("cpu ") ? Long.parseLong(cpuLine.substring(4)) : -1;
        return new Result(latencies, committed.size(), read, serverThreads, cpuAfter - cpuBefore, apiAfter - apiBefore,
                clientCpu);
    }

    private static long processCpuMs() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    /** The CPU time of the API server's threads alive now (they live as long as the server). */
    private static long apiThreadsCpuMs() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("pod4j-api")) {
                total += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return total / 1_000_000;
    }

    private static void readCommits(Watch<Pod> local, ConcurrentLinkedQueue<Long> signals, Map<String, Long> committed) {
        try {
            while (!local.isClosed()) {
                Optional<WatchEvent<Pod>> e = local.next(Duration.ofMillis(200));
                if (e.isPresent()) {
                    Long at = signals.poll();
                    if (at != null) {
                        committed.put(e.get().object().getMetadata().getResourceVersion(), at);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

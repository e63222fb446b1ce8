package io.pod4j.bench.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.Watch;
import io.pod4j.store.WatchEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watchers of the API while pods churn: each event's latency is the time from the store's commit
 * of the change (the moment the store queues it for its watches, taken by a listener on a watch of
 * the store itself) to the moment an HTTPS watcher has read its line.
 */
final class WatchLatency {

    private static final Pattern VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");

    /** Latencies (ms) of every event every watcher read, events expected per watcher, events read, server threads seen. */
    record Result(List<Double> latenciesMs, int eventsPerWatcher, long eventsRead, int serverThreads) {
    }

    private WatchLatency() {
    }

    static Result run(PodEngine engine, ApiClient client, int watchers, int pods, String prefix) throws Exception {
        String from = engine.store().resourceVersion();
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Watch<Pod> local = engine.store().watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(from));
        ConcurrentLinkedQueue<Long> signals = new ConcurrentLinkedQueue<>();
        local.onEvent(() -> signals.add(System.nanoTime()));
        signals.poll(); // the call made when the listener is set, before any event
        Thread reader = new Thread(() -> readCommits(local, signals, committed), "bench-commits");
        reader.start();

        List<ConcurrentLinkedQueue<long[]>> seen = new ArrayList<>();
        List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
        CountDownLatch open = new CountDownLatch(watchers);
        for (int i = 0; i < watchers; i++) {
            ConcurrentLinkedQueue<long[]> mine = new ConcurrentLinkedQueue<>();
            seen.add(mine);
            streams.add(client.http().sendAsync(client.request("/api/v1/namespaces/default/pods?watch=true&resourceVersion="
                    + from + "&timeoutSeconds=600").build(), HttpResponse.BodyHandlers.fromLineSubscriber(lines(mine, open))));
        }
        int serverThreads = 0;
        try {
            // Every watch answered (its body began); the response futures complete only when a body ends.
            if (!open.await(300, TimeUnit.SECONDS)) {
                throw new IllegalStateException(open.getCount() + " of " + watchers + " watches not answered in 300 s");
            }
            serverThreads = (int) Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("pod4j-api")).count();
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && seen.stream().anyMatch(q -> q.size() < committed.size())) {
                Thread.sleep(50);
            }
        } finally {
            streams.forEach(s -> s.cancel(true));
            local.close();
            reader.join(5000);
        }
        List<Double> latencies = new ArrayList<>();
        long read = 0;
        for (ConcurrentLinkedQueue<long[]> q : seen) {
            for (long[] e : q) {
                read++;
                Long at = committed.get(Long.toString(e[0]));
                if (at != null) {
                    latencies.add((e[1] - at) / 1e6);
                }
            }
        }
        return new Result(latencies, committed.size(), read, serverThreads);
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

    private static Flow.Subscriber<String> lines(ConcurrentLinkedQueue<long[]> into, CountDownLatch open) {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
                open.countDown();
            }

            @Override
            public void onNext(String line) {
                long now = System.nanoTime();
                Matcher m = VERSION.matcher(line);
                if (m.find()) {
                    into.add(new long[] {Long.parseLong(m.group(1)), now});
                }
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        };
    }
}

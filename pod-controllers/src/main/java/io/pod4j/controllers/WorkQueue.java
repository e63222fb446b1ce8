package io.pod4j.controllers;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A controller's work queue, as client-go's: a key added several times before its turn is
 * processed once; a key is never processed twice at once (added while in process, it runs again
 * after); different keys run in parallel on the manager's shared pool. Failures come back with
 * exponential back-off per key (5 ms doubling to 30 s), forgotten on the first success.
 */
final class WorkQueue {

    private static final Duration BASE_DELAY = Duration.ofMillis(5);
    private static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private final ScheduledExecutorService pool;
    private final Consumer<ObjectKey> process;
    private final Set<ObjectKey> queued = new HashSet<>();
    private final Set<ObjectKey> running = new HashSet<>();
    private final Set<ObjectKey> dirty = new HashSet<>();
    private final Map<ObjectKey, Integer> failures = new HashMap<>();
    private volatile boolean shutDown;

    /** @param process runs one key; returns normally when done, throws to be retried with back-off */
    WorkQueue(ScheduledExecutorService pool, Consumer<ObjectKey> process) {
        this.pool = pool;
        this.process = process;
    }

    void add(ObjectKey key) {
        synchronized (this) {
            if (shutDown) {
                return;
            }
            if (running.contains(key)) {
                dirty.add(key);
                return;
            }
            if (!queued.add(key)) {
                return;
            }
        }
        submit(() -> run(key), Duration.ZERO);
    }

    void addAfter(ObjectKey key, Duration delay) {
        if (delay.isZero()) {
            add(key);
        } else {
            submit(() -> add(key), delay);
        }
    }

    /** Stops taking keys; what runs now finishes. */
    void shutDown() {
        synchronized (this) {
            shutDown = true;
            queued.clear();
            dirty.clear();
        }
    }

    private void run(ObjectKey key) {
        synchronized (this) {
            if (!queued.remove(key) || shutDown) {
                return;
            }
            running.add(key);
        }
        boolean failed = false;
        try {
            process.accept(key);
        } catch (RuntimeException e) {
            failed = true;
        }
        Duration retry = null;
        boolean again;
        synchronized (this) {
            running.remove(key);
            again = dirty.remove(key);
            if (failed) {
                int n = failures.merge(key, 1, Integer::sum);
                retry = backOff(n);
            } else {
                failures.remove(key);
            }
        }
        if (again) {
            add(key);
        } else if (retry != null) {
            addAfter(key, retry);
        }
    }

    static Duration backOff(int failures) {
        long millis = BASE_DELAY.toMillis() << Math.min(failures - 1, 20);
        return millis >= MAX_DELAY.toMillis() ? MAX_DELAY : Duration.ofMillis(millis);
    }

    private void submit(Runnable task, Duration delay) {
        try {
            pool.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // The manager is closing.
        }
    }
}

package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.error.PodTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Counts what changes in an engine (a pod's status written, an event, a worker gone), so that a
 * caller can wait for a pod's condition without polling: a waiter that saw one count waits for the
 * next. Thread-safe.
 */
final class Changes {

    private long count;

    /** Something changed: waiters test their condition again. */
    synchronized void changed() {
        count++;
        notifyAll();
    }

    /**
     * Waits until a pod satisfies a condition.
     *
     * @param key namespace/name, for the messages
     * @param what what the pod is waited for to do, for the messages ("become ready")
     * @param current reads the pod as it is now
     * @param lastSeen describes the pod last seen, for the timeout's message
     * @return the pod that satisfied it
     * @throws PodTimeoutException when the timeout passed, or the waiting thread was interrupted
     */
    Pod await(String key, String what, Supplier<Optional<Pod>> current, Predicate<Optional<Pod>> condition,
            Function<Optional<Pod>, String> lastSeen, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen;
            synchronized (this) {
                seen = count;
            }
            // Tested without holding the monitor: the condition is the caller's code, which may call
            // into the engine (exec, logs) while workers report changes.
            Optional<Pod> now = current.get();
            if (condition.test(now)) {
                return now.orElse(null);
            }
            boolean late = false;
            synchronized (this) {
                while (count == seen) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        late = true;
                        break;
                    }
                    try {
                        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PodTimeoutException("interrupted while waiting for pod " + key + " to " + what);
                    }
                }
            }
            if (late) { // described outside the monitor: reading the events waits for writers that report changes
                throw new PodTimeoutException("pod " + key + " did not " + what + " within " + timeout.toSeconds()
                        + "s; last status seen:\n" + lastSeen.apply(now));
            }
        }
    }

    /** Waits until {@code done} holds or the deadline ({@link System#nanoTime()}) passes; an interrupt ends it too. */
    synchronized void awaitUntil(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

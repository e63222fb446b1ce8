package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Event;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records Events as the kubelet's event recorder does: off the reporting thread (a pod worker goes
 * on with its Docker requests), one at a time and in the order they were reported, on a borrowed
 * executor. Readers of a pod's Events {@link #flush()} first, so what a worker reported before a
 * status they saw is there.
 */
final class EventQueue {

    private static final Logger LOG = LoggerFactory.getLogger(EventQueue.class);

    private final Consumer<Event> write;
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private Executor executor;
    private boolean draining;

    /** @param write writes one Event to the store */
    EventQueue(Consumer<Event> write) {
        this.write = write;
    }

    /** @param executor where the writes run from now on; until then they run on the reporting thread */
    synchronized void writeOn(Executor executor) {
        this.executor = executor;
    }

    void record(Event event) {
        Executor on;
        synchronized (this) {
            pending.add(event);
            if (draining) {
                return;
            }
            draining = true;
            on = executor;
        }
        if (on == null) {
            drain();
            return;
        }
        try {
            on.execute(this::drain);
        } catch (RejectedExecutionException closing) {
            drain(); // the engine is closing: written here, as before the executor
        }
    }

    private void drain() {
        while (true) {
            Event next;
            synchronized (this) {
                next = pending.peek();
                if (next == null) {
                    draining = false;
                    notifyAll();
                    return;
                }
            }
            try {
                write.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("event {} not recorded: {}", next.getMetadata().getName(), e.toString(), e);
            }
            synchronized (this) {
                pending.poll(); // after the write: a flush waits for the one being written too
            }
        }
    }

    /** Waits (at most 10 s, in case a write hangs) until every Event recorded so far is written. */
    void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (this) {
            while (draining) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

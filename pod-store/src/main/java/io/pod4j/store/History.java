package io.pod4j.store;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The window of recent changes and the open watches, as the API server's watch cache over etcd:
 * a watch may start from any revision still in the window; older ones are answered 410 Gone
 * ({@code too old resource version}), and the client lists again. Used under the store's lock.
 */
final class History {

    private final int capacity;
    private final ArrayDeque<Change> changes = new ArrayDeque<>();
    private final List<Watch<?>> watches = new CopyOnWriteArrayList<>();
    /** The newest revision no longer (or never) in the window: a watch may start from it or later. */
    private long floor;

    History(int capacity, long revision) {
        if (capacity < 1) {
            throw new IllegalArgumentException("history size must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.floor = revision;
    }

    void record(Change change) {
        changes.addLast(change);
        if (changes.size() > capacity) {
            floor = changes.removeFirst().revision();
        }
        for (Watch<?> w : watches) {
            w.offer(change);
        }
    }

    /**
     * Starts a watch after {@code revision}: replays the later changes in the window, then follows.
     *
     * @throws StoreException 410 Expired when the window no longer reaches back to {@code revision}
     */
    void follow(Watch<?> watch, long revision) {
        if (revision < floor) {
            throw new StoreException(Statuses.expired("too old resource version: " + revision + " (" + floor + ")"));
        }
        for (Change c : changes) {
            if (c.revision() > revision) {
                watch.offer(c);
            }
        }
        watches.add(watch);
    }

    /** Follows from now on, after the caller queued the current objects. */
    void follow(Watch<?> watch) {
        watches.add(watch);
    }

    void forget(Watch<?> watch) {
        watches.remove(watch);
    }

    void closeAll() {
        List.copyOf(watches).forEach(Watch::close);
    }
}

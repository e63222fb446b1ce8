package io.pod4j.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A watch on one kind: the changes after the resourceVersion it started from, in the order they
 * were made, then every later change, until {@link #close() closed}. Each watch has its own
 * queue, so a slow reader never holds up the store or other watchers; a watch given a
 * {@link #limit(int) limit} is closed when its reader falls that far behind, so a stuck one holds no
 * more than that.
 *
 * @param <T> the kind's class
 */
public final class Watch<T extends HasMetadata> implements AutoCloseable {

    private static final Object END = new Object();

    private final Selection selection;
    private final Class<T> type;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Runnable unregister;
    /** Changes up to this revision are not this watch's (it may start ahead of the store). */
    private final long after;
    private volatile boolean closed;
    private volatile boolean overflowed;
    private volatile int maxQueued = Integer.MAX_VALUE;
    private volatile Runnable listener;

    Watch(Selection selection, Class<T> type, long after, Runnable unregister) {
        this.selection = selection;
        this.type = type;
        this.after = after;
        this.unregister = unregister;
    }

    /**
     * The next event, waiting up to {@code timeout} for one.
     *
     * @param timeout how long to wait
     * @return the event; empty when none came in time or the watch is closed
     * @throws InterruptedException when interrupted while waiting
     */
    public Optional<WatchEvent<T>> next(Duration timeout) throws InterruptedException {
        if (closed) {
            return Optional.empty();
        }
        Object o = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (o == null || o == END) {
            return Optional.empty();
        }
        Change.Seen seen = (Change.Seen) o;
        return Optional.of(new WatchEvent<>(seen.type(), Json.object(seen.object(), type)));
    }

    /**
     * The next event without waiting, as the store holds it: the object's JSON tree, the very one
     * every other watch that sees the same change gets. For a server that writes the JSON out as it
     * is (the API server): no conversion per watcher, and the same tree can be written once for all.
     * The tree must be read only, never changed.
     *
     * @return the event; empty when none is queued or the watch is closed
     */
    public Optional<Tree> nextTree() {
        if (closed) {
            return Optional.empty();
        }
        Object o = queue.poll();
        if (o == null || o == END) {
            return Optional.empty();
        }
        Change.Seen seen = (Change.Seen) o;
        return Optional.of(new Tree(seen.type(), seen.object()));
    }

    /**
     * An event as the store holds it.
     *
     * @param type ADDED, MODIFIED or DELETED
     * @param object the object's JSON tree, shared: read only
     */
    public record Tree(WatchEvent.Type type, com.fasterxml.jackson.databind.node.ObjectNode object) {
    }

    /**
     * Calls {@code listener} whenever an event is queued and when the watch closes, so that a
     * reader can take events with {@code next(Duration.ZERO)} or {@link #nextTree()} when told, instead of holding a
     * thread waiting in {@link #next}. It is called once at once (events may be queued already). It
     * runs on the thread that queued the event (a writer, holding the store's lock) or closed the
     * watch: it must only hand the work to another thread, never read the store or block.
     *
     * @param listener what to call; replaces the previous one
     */
    public void onEvent(Runnable listener) {
        this.listener = listener;
        listener.run();
    }

    /**
     * Bounds the events this watch holds for its reader: when a change would queue more than
     * {@code maxQueued}, the watch is closed instead and {@link #overflowed()} says so. As the API
     * server's watch cache stops a watcher whose buffer is full: the store never waits for a reader,
     * and the client watches again from the last resourceVersion it saw (the changes it missed are
     * replayed from the store's window, or it is told 410 Gone and lists again). Without a limit a
     * watch holds whatever its reader has not taken (the engine's own watches, read by threads of
     * their own, have none).
     *
     * @param maxQueued the most events held at once, at least 1
     */
    public void limit(int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("a watch must be able to hold at least 1 event: " + maxQueued);
        }
        this.maxQueued = maxQueued;
    }

    /** @return whether the store closed this watch because its reader fell more than its {@link #limit(int) limit} behind */
    public boolean overflowed() {
        return overflowed;
    }

    /** @return whether {@link #close()} was called (by the reader, by the store closing, or on overflow) */
    public boolean isClosed() {
        return closed;
    }

    /** Stops the watch: pending events are dropped and a waiting {@link #next} returns empty. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            unregister.run();
            queue.clear();
            queue.add(END);
            signal();
        }
    }

    /** Called under the store's lock, so events arrive in revision order. */
    void offer(Change change) {
        Change.Seen seen = change.revision() > after ? change.seenBy(selection) : null;
        if (seen != null && !closed) {
            if (queue.size() >= maxQueued) {
                overflowed = true;
                close();
                return;
            }
            queue.add(seen);
            signal();
        }
    }

    void offerAdded(com.fasterxml.jackson.databind.node.ObjectNode object) {
        queue.add(new Change.Seen(WatchEvent.Type.ADDED, object));
        signal();
    }

    private void signal() {
        Runnable l = listener;
        if (l != null) {
            l.run();
        }
    }
}

package io.pod4j.apiserver.http;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.store.Watch;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open watch being delivered to its client, without a thread of its own: the store's watch
 * tells it when events are queued, and the connection's event loop then writes them out, one
 * delivery at a time (so its events keep their order), with one flush per burst.
 *
 * <p>Flow control, as the API server's watch cache: events are taken from the store's watch only
 * while the connection is writable, so a client that reads slowly leaves them in that watch, whose
 * {@link Watch#limit(int) limit} bounds them; a client that falls further behind has its watch
 * closed and its connection with it (it watches again from the last resourceVersion it read). A
 * slow or stuck client never blocks the store, other watchers or the event loop.
 *
 * <p>Timers from the server's scheduler end it at {@code timeoutSeconds} and send its bookmarks.
 *
 * @param <T> the kind's class
 */
final class WatchStream<T extends HasMetadata> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchStream.class);

    private final Watch<T> watch;
    private final WatchSink sink;
    private final Function<Watch.Tree, byte[]> render;
    private final Function<String, byte[]> bookmark;
    /** Signals not yet handled; a delivery runs while it is above zero. */
    private final AtomicInteger signals = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean bookmarkDue;
    private volatile ScheduledFuture<?> deadline;
    private volatile ScheduledFuture<?> bookmarks;
    /** The resourceVersion of the last event sent; touched by one delivery at a time. */
    private String lastVersion;

    /**
     * @param watch the store's watch, with its limit set
     * @param render an event's line as the client asked for it (the object's JSON, or a Table)
     * @param bookmark a BOOKMARK event line at a resourceVersion
     * @param lastVersion the resourceVersion the client has seen (may be null)
     */
    WatchStream(Watch<T> watch, WatchSink sink, Function<Watch.Tree, byte[]> render, Function<String, byte[]> bookmark,
            String lastVersion) {
        this.watch = watch;
        this.sink = sink;
        this.render = render;
        this.bookmark = bookmark;
        this.lastVersion = lastVersion;
    }

    /**
     * Starts delivering; returns at once.
     *
     * @param timeout when to end the watch, null for never
     * @param bookmarkEvery how often to send a bookmark, null for never
     */
    void start(ScheduledExecutorService timer, Duration timeout, Duration bookmarkEvery) {
        sink.onClose(watch::close);
        sink.onWritable(this::signal);
        if (timeout != null) {
            deadline = timer.schedule(watch::close, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (bookmarkEvery != null) {
            bookmarks = timer.scheduleAtFixedRate(() -> {
                bookmarkDue = true;
                signal();
            }, bookmarkEvery.toNanos(), bookmarkEvery.toNanos(), TimeUnit.NANOSECONDS);
        }
        watch.onEvent(this::signal);
    }

    /** Called on the thread that queued an event (under the store's lock): only hands the work over. */
    private void signal() {
        if (signals.getAndIncrement() == 0) {
            try {
                sink.executor().execute(this::deliver);
            } catch (RejectedExecutionException shuttingDown) {
                end();
            }
        }
    }

    private void deliver() {
        try {
            int seen;
            do {
                seen = signals.get();
                boolean open = sendQueued();
                sink.flush();
                if (!open) {
                    end();
                    return;
                }
            } while (!signals.compareAndSet(seen, 0));
        } catch (RuntimeException e) {
            LOG.warn("a watch failed; ending it", e);
            end();
        }
    }

    /**
     * Sends what the store's watch holds, as long as the client keeps up.
     *
     * @return false when the watch is over (closed, timed out, dropped, or the client gone)
     */
    private boolean sendQueued() {
        while (true) {
            if (ended.get() || !sink.open() || watch.isClosed()) {
                return false;
            }
            if (!sink.writable()) {
                return true; // the rest waits in the store's watch; becoming writable signals again
            }
            Optional<Watch.Tree> e = watch.nextTree();
            if (e.isEmpty()) {
                break;
            }
            lastVersion = e.get().object().path("metadata").path("resourceVersion").asText();
            sink.send(render.apply(e.get()));
        }
        if (bookmarkDue) {
            bookmarkDue = false;
            if (lastVersion != null && !lastVersion.isEmpty() && !lastVersion.equals("0")) {
                sink.send(bookmark.apply(lastVersion));
            }
        }
        return true;
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            cancel(deadline);
            cancel(bookmarks);
            watch.close();
            if (watch.overflowed()) {
                LOG.debug("a watcher fell too far behind; closing its watch and connection {}", sink.channel.remoteAddress());
            }
            sink.end(watch.overflowed());
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}

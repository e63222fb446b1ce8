package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Copies;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.Watch;
import io.pod4j.store.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PodListener}s of an engine, fed from the store's watches: every change of a Pod (as
 * the kubelet side's watch sees it) and every new or repeated Event. Listeners are called on one
 * thread of their own, in the store's order, each with its own copy; the Events are taken from
 * their watch on that thread too, when the store says one is queued.
 */
final class Listeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<PodListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier;
    private final Runnable changed;
    private final Watch<Event> events;
    private volatile boolean closed;

    /**
     * @param store the store whose Events to follow
     * @param changed called for every Event (waiters may wait for one)
     * @param threads makes the thread listeners are called on
     */
    Listeners(ObjectStore store, Runnable changed, ThreadFactory threads) {
        this.changed = changed;
        this.notifier = Executors.newSingleThreadExecutor(threads);
        this.events = store.watch(ResourceTypes.EVENTS, ListOptions.all().withResourceVersion(store.resourceVersion()));
        // No thread waits on the watch: the store says when an Event is queued, the notifier takes it.
        events.onEvent(() -> {
            if (!notifier.isShutdown()) {
                try {
                    notifier.execute(this::takeEvents);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // Closed meanwhile.
                }
            }
        });
    }

    AutoCloseable add(PodListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A change of a Pod in the store. */
    void podChanged(WatchEvent<Pod> e) {
        changed.run();
        if (e.type() == WatchEvent.Type.DELETED) {
            tell(l -> l.podDeleted(Copies.of(e.object())));
        } else {
            tell(l -> l.podChanged(Copies.of(e.object())));
        }
    }

    /** On the notifier: every queued Event, in order; decoded only when someone listens. */
    private void takeEvents() {
        while (!closed) {
            if (listeners.isEmpty()) {
                if (events.nextTree().isEmpty()) {
                    return;
                }
                changed.run();
                continue;
            }
            Optional<WatchEvent<Event>> e;
            try {
                e = events.next(Duration.ZERO);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
            if (e.isEmpty()) {
                return;
            }
            changed.run();
            if (e.get().type() != WatchEvent.Type.DELETED) {
                Event event = e.get().object();
                for (PodListener l : listeners) {
                    call(l, x -> x.event(Copies.of(event)));
                }
            }
        }
    }

    private void tell(Consumer<PodListener> call) {
        if (listeners.isEmpty() || notifier.isShutdown()) {
            return;
        }
        try {
            notifier.execute(() -> listeners.forEach(l -> call(l, call)));
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // Closed meanwhile.
        }
    }

    private static void call(PodListener l, Consumer<PodListener> call) {
        try {
            call.accept(l);
        } catch (RuntimeException e) {
            LOG.warn("a PodListener failed: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        events.close();
        notifier.shutdown();
    }
}

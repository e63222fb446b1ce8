package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceType;
import io.pod4j.store.StoreException;
import io.pod4j.store.Watch;
import io.pod4j.store.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs controllers over a store, as kube-controller-manager runs them over the API server: one
 * watch per watched kind, shared by every controller that watches it (client-go's shared
 * informers); each change is turned into keys by each controller's {@link Watched#keys} and added
 * to that controller's {@link WorkQueue}; one small pool of threads reads every watch (when the
 * store says it has news: no thread waits on a watch) and serves every queue. Every
 * watched object is fed through again at each resync, so nothing a lost or unannounced change
 * would strand stays stranded. Close it to stop: what runs finishes, nothing new starts.
 */
public final class ControllerManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerManager.class);
    /** Controllers write to an in-memory store: two threads keep a 2-core machine's pods first. */
    private static final int THREADS = 2;
    private static final Duration DEFAULT_RESYNC = Duration.ofSeconds(30);

    private record Subscription<T extends HasMetadata>(Watched<T> watched, WorkQueue queue, Controller controller) {
        void feed(WatchEvent<T> event) {
            try {
                watched.keys().apply(event).forEach(queue::add);
            } catch (RuntimeException e) {
                LOG.warn("{}: a {} change was not handled: {}", controller.name(), watched.type().groupResource(), e.toString(), e);
            }
        }
    }

    private final ObjectStore store;
    private final ScheduledExecutorService pool;
    private final Map<ResourceType<?>, List<Subscription<?>>> byType = new LinkedHashMap<>();
    private final List<Watch<?>> watches = new ArrayList<>();
    private final Map<Controller, WorkQueue> queues = new java.util.IdentityHashMap<>();
    private volatile boolean closed;

    private ControllerManager(ObjectStore store, List<? extends Controller> controllers) {
        this.store = store;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newScheduledThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "pod4j-controller-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (Controller c : controllers) {
            WorkQueue queue = new WorkQueue(pool, key -> process(c, key));
            queues.put(c, queue);
            for (Watched<?> w : c.watches()) {
                byType.computeIfAbsent(w.type(), t -> new ArrayList<>()).add(new Subscription<>(w, queue, c));
            }
        }
    }

    /**
     * Starts the controllers over the store: each watched kind's objects are fed in first (as
     * ADDED), then every change, and all of them again every 30 s.
     *
     * @param store the store the controllers read and write
     * @param controllers the controllers
     * @return the running manager
     */
    public static ControllerManager start(ObjectStore store, List<? extends Controller> controllers) {
        return start(store, controllers, DEFAULT_RESYNC);
    }

    /** As {@link #start(ObjectStore, List)}, with another resync period. */
    public static ControllerManager start(ObjectStore store, List<? extends Controller> controllers, Duration resync) {
        ControllerManager m = new ControllerManager(store, controllers);
        for (var e : m.byType.entrySet()) {
            m.follow(e.getKey(), e.getValue());
        }
        m.pool.scheduleWithFixedDelay(m::resync, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
        return m;
    }

    /**
     * Follows one kind without a thread of its own: the watch tells when an event is queued, and
     * one drain at a time takes every queued event on the pool, in the store's order. Idle kinds
     * cost nothing.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T extends HasMetadata> void follow(ResourceType<T> type, List<Subscription<?>> subscriptions) {
        Watch<T> watch = store.watch(type, ListOptions.all());
        watches.add(watch);
        // Signals not yet answered by a drain: the one that takes it from 0 starts the drain, and a
        // drain ends only when every signal it saw was answered, so two drains never run at once.
        AtomicInteger signals = new AtomicInteger();
        Runnable drain = () -> {
            int seen = signals.get();
            try {
                while (seen > 0) {
                    Optional<WatchEvent<T>> e;
                    while (!closed && (e = watch.next(Duration.ZERO)).isPresent()) {
                        WatchEvent<T> event = e.get();
                        subscriptions.forEach(s -> ((Subscription) s).feed(event));
                    }
                    seen = signals.addAndGet(-seen);
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt(); // the pool is shutting down
            } catch (RuntimeException e) { // an event that cannot be read: the next signal drains again
                signals.set(0);
                LOG.warn("controllers: a {} change was not read: {}", type.groupResource(), e.toString(), e);
            }
        };
        watch.onEvent(() -> {
            if (signals.getAndIncrement() == 0) {
                try {
                    pool.execute(drain);
                } catch (RejectedExecutionException stopped) {
                    // The manager is closing.
                }
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void resync() {
        for (var e : byType.entrySet()) {
            if (closed) {
                return;
            }
            try {
                for (HasMetadata o : store.list(e.getKey(), ListOptions.all()).items()) {
                    WatchEvent event = new WatchEvent<>(WatchEvent.Type.MODIFIED, o);
                    e.getValue().forEach(s -> ((Subscription) s).feed(event));
                }
            } catch (RuntimeException failed) {
                LOG.warn("controllers: resync of {} failed: {}", e.getKey().groupResource(), failed.toString());
            }
        }
    }

    private void process(Controller controller, ObjectKey key) {
        if (closed) {
            return;
        }
        WorkQueue queue = queues.get(controller);
        try {
            Result r = controller.reconcile(key);
            r.requeueAfter().ifPresent(d -> queue.addAfter(key, d));
        } catch (StoreException e) {
            if (e.code() == 409 || e.code() == 404) {
                LOG.debug("{}: {}: {} (retrying)", controller.name(), key, e.getMessage());
            } else {
                LOG.warn("{}: {}: {} (retrying)", controller.name(), key, e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("{}: {}: {} (retrying)", controller.name(), key, e.toString(), e);
            throw e;
        }
    }

    /** Stops watching and processing; a reconcile under way finishes. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queues.values().forEach(WorkQueue::shutDown);
        watches.forEach(Watch::close);
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

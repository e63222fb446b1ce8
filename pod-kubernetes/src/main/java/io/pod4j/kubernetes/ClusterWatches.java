package io.pod4j.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.pod4j.engine.PodListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link PodListener}s and waiters, fed from the cluster: one Pod informer and one
 * Event informer per namespace of the engine (fabric8's informers list, then watch, and list again
 * when the watch breaks or its resourceVersion is too old: 410 Gone). Listeners are called on one
 * thread of their own, each with the object in the user's namespace.
 */
final class ClusterWatches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatches.class);

    private final KubernetesClient client;
    private final Runnable changed;
    private final UnaryOperator<Pod> podView;
    private final UnaryOperator<Event> eventView;
    private final List<PodListener> listeners = new CopyOnWriteArrayList<>();
    private final List<SharedIndexInformer<?>> informers = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pod4j-cluster-notify");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param changed run on every change (waiters test their condition again)
     * @param podView a pod as the user sees it (in the user's namespace)
     * @param eventView an event as the user sees it
     */
    ClusterWatches(KubernetesClient client, Runnable changed, UnaryOperator<Pod> podView, UnaryOperator<Event> eventView) {
        this.client = client;
        this.changed = changed;
        this.podView = podView;
        this.eventView = eventView;
    }

    /** Starts following a namespace's pods and events. */
    void follow(String namespace) {
        start(client.pods().inNamespace(namespace).runnableInformer(0), namespace,
                handler(p -> tell(l -> l.podChanged(podView.apply(p))), p -> tell(l -> l.podDeleted(podView.apply(p)))));
        start(client.v1().events().inNamespace(namespace).runnableInformer(0), namespace,
                handler(e -> tell(l -> l.event(eventView.apply(e))), e -> { }));
    }

    /**
     * Starts an informer that never gives up: by default a fabric8 informer whose first watch fails
     * (a 410 Gone, a broken connection) stops for good, and waiters would never hear of a change.
     */
    private <T> void start(SharedIndexInformer<T> informer, String namespace, ResourceEventHandler<T> handler) {
        informer.addEventHandler(handler);
        informer.exceptionHandler((started, t) -> {
            LOG.debug("watch of namespace {} broke ({}); listing again", namespace, t.toString());
            return true;
        });
        informers.add(informer);
        informer.start();
    }

    AutoCloseable add(PodListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private <T> ResourceEventHandler<T> handler(Consumer<T> changedOrAdded, Consumer<T> deleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed.run();
                changedOrAdded.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed.run();
                changedOrAdded.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changed.run();
                deleted.accept(obj);
            }
        };
    }

    private void tell(Consumer<PodListener> call) {
        if (listeners.isEmpty() || notifier.isShutdown()) {
            return;
        }
        notifier.execute(() -> {
            for (PodListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    LOG.warn("a PodListener failed: {}", e.toString(), e);
                }
            }
        });
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        notifier.shutdown();
    }
}

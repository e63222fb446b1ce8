package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.runtime.EngineContext;
import io.pod4j.engine.runtime.PodLifecycleEvent;
import io.pod4j.engine.runtime.PodLifecycleEventGenerator;
import io.pod4j.engine.runtime.PodWorker;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import io.pod4j.store.Watch;
import io.pod4j.store.WatchEvent;
import io.pod4j.store.WriteOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet side of the engine: one {@link PodWorker} per Pod of the store. It learns of new,
 * changed and deleted Pods from a watch on the store (and, for the engine's own writes, directly,
 * so a create starts its pod without a thread hop), writes each pod's status back through the
 * status subresource, records events as Event objects, binds pods to the node as the scheduler
 * does, and confirms a deletion with a grace-0 delete once everything the pod had is gone. What
 * the container runtime sees happen (its {@link PodLifecycleEventGenerator}) it routes to the
 * worker of the pod concerned.
 */
final class Kubelet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    /** A cluster shows the kubelet's status writes and events as manager "kubelet". */
    private static final WriteOptions AS_KUBELET = WriteOptions.fieldManager("kubelet");

    private final ObjectStore store;
    private final Consumer<WatchEvent<Pod>> feed;
    private final Runnable changed;
    /** By {@code namespace/name}: the worker running the pod of that name now. */
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    private final Map<String, PodWorker> byUid = new ConcurrentHashMap<>();
    private final EventQueue events = new EventQueue(this::recordEvent);
    private EngineContext ctx;
    private Watch<Pod> watch;
    private Watch<Node> nodeWatch;
    private volatile PodLifecycleEventGenerator pleg;
    private volatile boolean closed;

    /**
     * @param store the store the pods live in
     * @param feed hears every change of a Pod in the store, after the kubelet acted on it
     * @param changed called after every write the kubelet makes (waiters look again)
     */
    Kubelet(ObjectStore store, Consumer<WatchEvent<Pod>> feed, Runnable changed) {
        this.store = store;
        this.feed = feed;
        this.changed = changed;
    }

    /** Starts following the store: the Pods already in it first (a restart), then every change. */
    void start(EngineContext context) {
        this.ctx = context;
        events.writeOn(context.io());
        this.watch = store.watch(ResourceTypes.PODS, ListOptions.all());
        this.nodeWatch = store.watch(ResourceTypes.NODES, ListOptions.all());
        Thread t = new Thread(this::follow, "pod4j-kubelet");
        t.setDaemon(true);
        t.start();
        nodeWatch.onEvent(() -> {
            if (!closed) {
                try {
                    context.io().execute(this::nodesChanged);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // Closed meanwhile.
                }
            }
        });
        pleg = new PodLifecycleEventGenerator(context, routes(), () -> !workers.isEmpty());
        pleg.start();
    }

    private void follow() {
        while (!closed) {
            try {
                Optional<WatchEvent<Pod>> e = watch.next(Duration.ofSeconds(1));
                if (e.isPresent()) {
                    observe(e.get());
                    feed.accept(e.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("kubelet: a pod change was not handled: {}", e.toString(), e);
            }
        }
    }

    /**
     * A Node changed (its labels, through the API or the engine): pods the scheduler turned away
     * try again. Told by the watch; what it queued is only counted, never decoded.
     */
    private void nodesChanged() {
        boolean any = false;
        synchronized (nodeWatch) {
            while (nodeWatch.nextTree().isPresent()) {
                any = true;
            }
        }
        if (any && !closed) {
            rescheduleUnscheduled();
        }
    }

    private void observe(WatchEvent<Pod> e) {
        Pod pod = e.object();
        PodWorker w = byUid.get(pod.getMetadata().getUid());
        if (e.type() == WatchEvent.Type.DELETED) {
            if (w != null && !w.isDeleted()) {
                w.delete(Duration.ZERO); // removed at once (grace 0, or a pod no node ran): kill what it has
            }
        } else if (w != null) {
            w.update(pod);
        } else if (stillStored(pod)) {
            run(pod);
        }
    }

    /** A change that arrives after the pod's deletion was confirmed must not start it again. */
    private boolean stillStored(Pod pod) {
        try {
            Pod now = store.get(ResourceTypes.PODS, pod.getMetadata().getNamespace(), pod.getMetadata().getName());
            return now.getMetadata().getUid().equals(pod.getMetadata().getUid());
        } catch (StoreException gone) {
            return false;
        }
    }

    /**
     * Runs a pod of the store, once: a second call for the same uid changes nothing.
     *
     * @param pod the pod as stored
     */
    void run(Pod pod) {
        PodWorker worker;
        synchronized (workers) {
            if (byUid.containsKey(pod.getMetadata().getUid())) {
                return;
            }
            String createdFor = createdFor(pod);
            worker = new PodWorker(createdFor == null ? ctx : ctx.withOwnerLabel(Labels.CREATED_FOR, createdFor), pod);
            workers.put(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()), worker);
            byUid.put(pod.getMetadata().getUid(), worker);
        }
        worker.wake(); // first: the pod's first Docker request does not wait for its first status write
        worker.reportCreated(); // a pod read right after its create shows the kubelet's view, conditions included
    }

    /** @return the process the pod was created for ({@code host/pid/start}), or null */
    static String createdFor(Pod pod) {
        var annotations = pod.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(Labels.CREATED_FOR);
    }

    /**
     * Kills an orphan at once, as {@code kubectl delete --grace-period=0 --force}: removed from the
     * store, its worker kills and removes what it has.
     *
     * @param uid the pod's uid
     * @return true when this kubelet runs that pod
     */
    boolean killNow(String uid) {
        PodWorker w = byUid.get(uid);
        if (w == null) {
            return false;
        }
        Pod p = w.pod();
        try {
            store.delete(ResourceTypes.PODS, p.getMetadata().getNamespace(), p.getMetadata().getName(),
                    new DeleteOptionsBuilder().withGracePeriodSeconds(0L).withNewPreconditions().withUid(uid).endPreconditions().build());
        } catch (StoreException gone) {
            // Removed already.
        }
        w.delete(Duration.ZERO);
        return true;
    }

    /** @return the worker running that pod, if any */
    Optional<PodWorker> worker(String namespace, String name) {
        return Optional.ofNullable(workers.get(key(namespace, name)));
    }

    /** @return true while a worker runs or tears down a pod of that name */
    boolean running(String namespace, String name) {
        return workers.containsKey(key(namespace, name));
    }

    /** @return the workers now running */
    java.util.Collection<PodWorker> workers() {
        return workers.values();
    }

    /** Every worker looks at the node again (its labels changed). */
    void wakeAll() {
        workers.values().forEach(PodWorker::wake);
    }

    // ---------------------------------------------------------------- what workers report

    /** The workers' way back to the store. */
    EngineContext.Sink sink() {
        return new EngineContext.Sink() {
            @Override
            public void status(Pod pod) {
                writeStatus(pod);
            }

            @Override
            public void event(Event event) {
                events.record(event);
            }

            @Override
            public void bind(Pod pod, String nodeName) {
                try {
                    store.bind(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), nodeName);
                } catch (StoreException e) {
                    LOG.debug("pod {}/{}: not bound: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                            e.getMessage());
                }
            }

            @Override
            public void removed(Pod pod) {
                confirmDeletion(pod);
            }
        };
    }

    /** ConfigMaps and Secrets, as the store has them now. */
    EngineContext.ObjectStore objects() {
        return new EngineContext.ObjectStore() {
            @Override
            public Optional<ConfigMap> configMap(String namespace, String name) {
                return find(() -> store.get(ResourceTypes.CONFIG_MAPS, namespace, name));
            }

            @Override
            public Optional<Secret> secret(String namespace, String name) {
                return find(() -> store.get(ResourceTypes.SECRETS, namespace, name));
            }

            @Override
            public Optional<io.fabric8.kubernetes.api.model.PersistentVolumeClaim> claim(String namespace, String name) {
                return find(() -> store.get(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, namespace, name));
            }

            @Override
            public Optional<io.fabric8.kubernetes.api.model.PersistentVolume> volume(String name) {
                return find(() -> store.get(ResourceTypes.PERSISTENT_VOLUMES, null, name));
            }
        };
    }

    private static <T> Optional<T> find(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (StoreException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Writes the status as the status manager does, replacing the stored status whole, and only
     * for the pod this worker runs (a new pod of the same name has another uid).
     */
    private void writeStatus(Pod pod) {
        try {
            String patch = "[{\"op\":\"test\",\"path\":\"/metadata/uid\",\"value\":"
                    + Json.write(pod.getMetadata().getUid()) + "},"
                    + "{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Json.write(pod.getStatus()) + "}]";
            store.patchStatus(ResourceTypes.PODS, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    PatchType.JSON, patch, AS_KUBELET);
        } catch (StoreException gone) {
            // The pod was deleted at once (or replaced): nobody reads its status any more.
            LOG.debug("pod {}/{}: status not written: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    gone.getMessage());
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            rescheduleUnscheduled(); // its requests no longer count on the node
        }
        changed.run();
    }

    private void recordEvent(Event event) {
        try {
            if (event.getCount() != null && event.getCount() > 1) {
                try {
                    store.update(event, AS_KUBELET);
                } catch (StoreException gone) {
                    store.create(event, AS_KUBELET);
                }
            } else {
                store.create(event, AS_KUBELET);
            }
        } catch (StoreException e) {
            LOG.warn("event {} not recorded: {}", event.getMetadata().getName(), e.getMessage());
        }
        changed.run();
    }

    /** The kubelet's last word on a pod: everything it had is gone, so the store may forget it. */
    private void confirmDeletion(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        try {
            store.delete(ResourceTypes.PODS, ns, name, new DeleteOptionsBuilder().withGracePeriodSeconds(0L)
                    .withNewPreconditions().withUid(pod.getMetadata().getUid()).endPreconditions().build());
        } catch (StoreException gone) {
            // Removed already (deleted at once), or a new pod of that name: not this worker's.
        }
        PodWorker w = byUid.remove(pod.getMetadata().getUid());
        if (w != null) {
            workers.remove(key(ns, name), w);
        }
        LOG.info("pod {}/{}: deleted", ns, name);
        rescheduleUnscheduled();
        changed.run();
    }

    /**
     * A pod left the node (it finished, or its deletion was confirmed): pods the scheduler turned
     * away for lack of cpu or memory try again, as a scheduler moves its unschedulable pods back
     * to the active queue when an assigned pod is deleted.
     */
    private void rescheduleUnscheduled() {
        for (PodWorker w : byUid.values()) {
            if (w.unscheduled()) {
                w.wake();
            }
        }
    }

    // ---------------------------------------------------------------- the runtime's news

    /** Routes what the runtime's PLEG sees to the workers of the pods concerned. */
    private PodLifecycleEventGenerator.Listener routes() {
        return new PodLifecycleEventGenerator.Listener() {
            @Override
            public void event(PodLifecycleEvent event) {
                PodWorker w = byUid.get(event.podUid());
                if (w != null) {
                    w.lifecycleEvent(event);
                }
            }

            @Override
            public void runtimeSilent() {
                workers.values().forEach(PodWorker::relist); // each looks for itself and reports what it finds
            }

            @Override
            public void runtimeAnswers() {
                workers.values().forEach(PodWorker::runtimeAnswers);
            }
        };
    }

    /** Waits until the Events reported so far are in the store (they are written off the workers' threads). */
    void flushEvents() {
        events.flush();
    }

    /** Stops following the store and Docker; the workers are the engine's to stop first. */
    @Override
    public void close() {
        events.flush();
        closed = true;
        if (watch != null) {
            watch.close();
        }
        if (nodeWatch != null) {
            nodeWatch.close();
        }
        if (pleg != null) {
            pleg.close();
        }
    }

    static String key(String namespace, String name) {
        return (namespace == null || namespace.isEmpty() ? "default" : namespace) + "/" + name;
    }
}

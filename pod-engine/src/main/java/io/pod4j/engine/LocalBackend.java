package io.pod4j.engine;

import com.github.dockerjava.api.exception.DockerException;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.DockerUnavailableException;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.controllers.ControllerManager;
import io.pod4j.controllers.Stores;
import io.pod4j.controllers.builtin.Controllers;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.docker.PodNetwork;
import io.pod4j.engine.network.ServiceNetwork;
import io.pod4j.engine.probe.ProbeRunner;
import io.pod4j.engine.reaper.Owner;
import io.pod4j.engine.reaper.Reaper;
import io.pod4j.engine.runtime.EngineContext;
import io.pod4j.engine.runtime.Images;
import io.pod4j.engine.runtime.PodWorker;
import io.pod4j.engine.runtime.VolumeDriver;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local backend: pod4j's own object store, kubelet and controllers, running Pods on the local
 * Docker engine. Every object lives in an {@link ObjectStore} (pod-store) with the API server's
 * rules; the kubelet side runs the store's Pods and writes their status and events back to it.
 */
final class LocalBackend implements Backend {

    private static final Logger LOG = LoggerFactory.getLogger(LocalBackend.class);

    private final PodEngineBuilder options;
    private final DockerConnection docker;
    private final ExecutorService io;
    private final ScheduledExecutorService timer;
    private final EngineContext ctx;
    private final ObjectStore store;
    private final boolean ownStore;
    private final Kubelet kubelet;
    private final ControllerManager controllers;
    private final Listeners listeners;
    private final Changes changes;
    private final ObjectWrites writes;
    private final EventLog events;
    private final Owner owner;
    private final Reaper reaper;
    private final EngineNode node;
    private final PodNetwork network;
    private final ServiceNetwork services;
    private final VolumeDriver volumes;
    private final LocalStreams streams;
    private volatile boolean closed;

    LocalBackend(PodEngineBuilder b, Changes changes) {
        this.options = b;
        this.changes = changes;
        this.docker = DockerConnection.open(b.dockerHost);
        Startup up = new Startup(docker::close); // what a later failure closes again, newest first
        try {
            this.io = Executors.newCachedThreadPool(Startup.threads("pod4j-io"));
            up.onFailure(io::shutdownNow);
            this.timer = Executors.newSingleThreadScheduledExecutor(Startup.threads("pod4j-timer"));
            up.onFailure(timer::shutdownNow);
            this.owner = Owner.current();
            this.reaper = new Reaper(docker.client(), owner, this::killOrphan);
            Map<String, String> ownerLabels = Map.of(Labels.OWNER, owner.id(), Labels.DETACHED, Boolean.toString(b.detached));
            this.network = new PodNetwork(docker.client(), b.network);
            String gateway;
            try {
                gateway = network.ensure();
            } catch (RuntimeException e) {
                throw new DockerUnavailableException("the engine at " + docker.endpoint() + " answered but cannot give pods a network: "
                        + e.getMessage() + ". Check its networks (docker network ls), or point DOCKER_HOST at another engine.", e);
            }
            this.ownStore = b.store == null;
            this.store = ownStore ? up.add(ObjectStore.inMemory()) : b.store;
            // Before any thread starts: describing the node reads its kept labels, which may fail.
            this.node = EngineNode.describe(docker, store, b.nodeName, gateway, b.stateDir, this::rescheduleAll);
            this.writes = new ObjectWrites(this, store);
            this.listeners = up.add(new Listeners(store, changes::changed, Startup.threads("pod4j-notify")));
            this.kubelet = up.add(new Kubelet(store, listeners::podChanged, changes::changed));
            this.events = new EventLog(store, kubelet::flushEvents);
            this.services = up.add(ServiceNetwork.start(docker.client(), store, network, ownerLabels)); // with its containers
            this.ctx = new EngineContext(docker, io, timer, b.backOffBase, b.backOffCap,
                    new Images(docker.client(), b.pauseImage), network,
                    b.nodeName, ownerLabels, kubelet.objects(), node.local(), node::unschedulable,
                    up.add(new ProbeRunner(docker.streams())), b.strictProbeTiming, kubelet.sink(), services);
            this.streams = new LocalStreams(docker);
            node.register(io); // off this thread: whoever reads the node (the scheduler, node(), store()) waits for it
            this.volumes = VolumeDriver.install(docker.client(), store, ownerLabels, kubelet::wakeAll); // with the class "standard"
            if (!store.list(ResourceTypes.PODS, ListOptions.all()).items().isEmpty()) {
                CreatedFor.forgetOrphans(store);
                reaper.sweep(); // pods of a previous run: what their dead owner left goes before they start again
            }
            kubelet.start(ctx);
            // As kube-controller-manager beside the kubelet: Deployments, ReplicaSets, Jobs... make Pods in the store.
            this.controllers = ControllerManager.start(store, java.util.stream.Stream.<io.pod4j.controllers.Controller>concat(
                    Controllers.builtIn(store, java.time.Clock.systemUTC()).stream(), java.util.stream.Stream.of(volumes)).toList());
        } catch (RuntimeException | Error e) {
            up.closeAll(e);
            throw e;
        }
        io.execute(reaper::sweep);
        timer.scheduleWithFixedDelay(() -> io.execute(reaper::sweep), 5, 5, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> io.execute(events::expire), 1, 1, TimeUnit.MINUTES);
        NodeLease lease = new NodeLease(store, b.nodeName, java.time.Clock.systemUTC());
        timer.scheduleWithFixedDelay(() -> io.execute(lease::renew), 0, NodeLease.RENEW_INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public String describe() {
        return "Docker at " + docker.endpoint();
    }

    @Override
    public String clusterNamespace(String namespace) {
        return namespace == null || namespace.isEmpty() ? PodDefaults.DEFAULT_NAMESPACE : namespace;
    }

    // ---------------------------------------------------------------- pods

    @Override
    public Pod create(Pod pod, Owner createdFor) {
        Pod toStore = createdFor == null ? pod : CreatedFor.annotate(pod, createdFor);
        String ns = ObjectWrites.namespaceOf(pod);
        String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
        if (name != null && !name.isEmpty() && (kubelet.running(ns, name) || existsInDocker(ns, name))) {
            throw new AlreadyExistsException("pods", name); // still being torn down, or another engine's
        }
        Pod created = StoreErrors.call(() -> store.create(toStore));
        kubelet.run(created); // at once: the watch would add a thread hop before the first sync
        LOG.info("pod {}/{}: created", created.getMetadata().getNamespace(), created.getMetadata().getName());
        return created;
    }

    @Override
    public List<Pod> apply(List<? extends HasMetadata> objects) {
        return writes.apply(objects);
    }

    @Override
    public Optional<Pod> get(String namespace, String name) {
        return Stores.find(store, ResourceTypes.PODS, namespace, name);
    }

    @Override
    public List<Pod> list(String namespace, LabelSelector labels, FieldSelector fields) {
        ListOptions options = new ListOptions(namespace, labels == null ? null : labels.toString(),
                fields == null ? null : fields.toString(), null);
        return store.list(ResourceTypes.PODS, options).items();
    }

    @Override
    public void delete(String namespace, String name, Duration gracePeriod) {
        DeleteOptions options = new DeleteOptions();
        if (gracePeriod != null) {
            options.setGracePeriodSeconds(gracePeriod.toSeconds());
        }
        StoreErrors.call(() -> store.delete(ResourceTypes.PODS, namespace, name, options));
    }

    @Override
    public boolean gone(String namespace, String name) {
        return get(namespace, name).isEmpty() && !kubelet.running(namespace, name);
    }

    @Override
    public Pod updateMetadata(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
        return writes.updateMetadata(namespace, name, labels, annotations);
    }

    @Override
    public Pod updateImages(String namespace, String name, Map<String, String> images) {
        return writes.updateImages(namespace, name, images);
    }

    @Override
    public List<Event> events(String namespace, String name) {
        return events.of(namespace, name);
    }

    @Override
    public AutoCloseable addListener(PodListener listener) {
        return listeners.add(listener);
    }

    @Override
    public void put(HasMetadata object) {
        writes.put(object);
    }

    @Override
    public boolean knows(HasMetadata object) {
        return writes.knows(object);
    }

    // ---------------------------------------------------------------- Services, ports, streams

    @Override
    public Optional<Service> service(String namespace, String name) {
        return Stores.find(store, ResourceTypes.SERVICES, namespace, name);
    }

    @Override
    public Optional<InetSocketAddress> serviceAddress(String namespace, String name, int port) {
        return services.hostAddress(namespace, name, port);
    }

    @Override
    public Optional<InetSocketAddress> endpoint(Pod pod, String container, int containerPort) {
        return worker(pod.getMetadata().getNamespace(), pod.getMetadata().getName()).published(containerPort);
    }

    @Override
    public ExecResult exec(String namespace, String name, String container, String... command) {
        return streams.exec(requiredContainerId(namespace, name, container, false), command);
    }

    @Override
    public String logs(String namespace, String name, String container, boolean previous, Integer tail, boolean timestamps,
            Duration since) {
        return streams.logs(requiredContainerId(namespace, name, container, previous), tail, timestamps, since);
    }

    @Override
    public Optional<String> containerId(String namespace, String name, String container, boolean previous) {
        return worker(namespace, name).containerId(container, previous);
    }

    private String requiredContainerId(String namespace, String name, String container, boolean previous) {
        return containerId(namespace, name, container, previous).orElseThrow(() -> PodHandle.noContainer(name, container, previous));
    }

    private PodWorker worker(String namespace, String name) {
        return kubelet.worker(namespace, name).orElseThrow(() -> new NotFoundException("pods", name));
    }

    // ---------------------------------------------------------------- the node, the store, Docker

    @Override
    public String nodeName() {
        return options.nodeName;
    }

    @Override
    public Node node() {
        return node.get();
    }

    @Override
    public Node labelNode(Map<String, String> labels) {
        return node.label(labels);
    }

    /** @return the store, its node registered */
    ObjectStore store() {
        node.awaitRegistered();
        return store;
    }

    DockerConnection docker() {
        return docker;
    }

    /** Pods that wait for a matching node try again (its labels changed). */
    private void rescheduleAll() {
        kubelet.wakeAll();
    }

    /** The reaper found an orphan; true when this engine runs it (and kills it at once). */
    private boolean killOrphan(String uid) {
        return kubelet != null && kubelet.killNow(uid);
    }

    private boolean existsInDocker(String namespace, String name) {
        return !docker.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.NAMESPACE, namespace, Labels.POD, name,
                        Labels.CONTAINER, Labels.INFRA_CONTAINER))
                .exec().isEmpty();
    }

    // ---------------------------------------------------------------- close

    @Override
    public void close() {
        if (closed) {
            return;
        }
        controllers.close(); // first: a ReplicaSet must not replace the pods deleted below
        if (!options.detached) {
            for (PodWorker w : kubelet.workers()) {
                Pod p = w.pod();
                try {
                    delete(p.getMetadata().getNamespace(), p.getMetadata().getName(), options.closeGracePeriod);
                } catch (NotFoundException gone) {
                    // Deleted at once already; its worker is tearing down.
                }
                w.delete(options.closeGracePeriod); // not waiting for the watch to bring the news
            }
            changes.awaitUntil(() -> kubelet.workers().isEmpty(),
                    System.nanoTime() + options.closeGracePeriod.plusSeconds(30).toNanos());
            services.close(true); // after the pods: their connections went through it to the end
            volumes.storeClosing(); // a store in memory takes its claims' volumes with it
            if (network.created()) {
                try {
                    docker.client().removeNetworkCmd(options.network).exec(); // unique by name: PodNetwork saw to it
                } catch (DockerException inUse) {
                    // Other engines' pods still use it; the last one out removes it.
                }
            }
        }
        closed = true;
        services.close(false); // detached: the Services stay with the pods
        kubelet.close();
        listeners.close();
        if (ownStore) {
            store.close();
        }
        timer.shutdownNow();
        ctx.prober().close();
        io.shutdownNow();
        docker.close();
    }
}

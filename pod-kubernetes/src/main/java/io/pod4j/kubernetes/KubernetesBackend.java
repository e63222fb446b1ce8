package io.pod4j.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pod4j.api.build.Copies;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.selector.FieldSelector;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.engine.Backend;
import io.pod4j.engine.ExecResult;
import io.pod4j.engine.KubernetesTarget;
import io.pod4j.engine.PodListener;
import io.pod4j.engine.reaper.Owner;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes backend: the engine's pods run on a cluster, whose API server, scheduler,
 * controllers and kubelets do the work; this class translates the engine's calls into fabric8
 * client requests in the engine's namespaces ({@link EngineNamespaces}). Objects go out in the
 * cluster's namespace and come back in the user's, so code written for the local engine runs
 * unchanged.
 */
final class KubernetesBackend implements Backend {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesBackend.class);
    /** Forwarded ports listen on 127.0.0.1 only, as the local backend publishes them. */
    private static final java.net.InetAddress LOOPBACK = java.net.InetAddress.getLoopbackAddress();

    private final KubernetesClient client;
    private final String server;
    private final KubernetesTarget target;
    private final Duration namespaceDeletion;
    private final ClusterErrors errors;
    private final ClusterWatches watches;
    private final EngineNamespaces namespaces;
    private final PortForwards forwards = new PortForwards();
    private final ClusterStreams streams;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pod4j-cluster-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    /**
     * Creates the engine's namespace and starts its heartbeat and the sweep of dead engines' namespaces.
     *
     * @param server the API server and context, for messages
     * @param namespaceDeletion how long closing waits for the engine's namespaces to be gone
     * @throws ClusterUnavailableException when the API server does not answer
     * @throws ClusterForbiddenException when the credentials may not create namespaces
     */
    KubernetesBackend(KubernetesClient client, String server, KubernetesTarget target, Runnable changed, Duration namespaceDeletion) {
        this.client = client;
        this.server = server;
        this.target = target;
        this.namespaceDeletion = namespaceDeletion;
        this.errors = new ClusterErrors(server);
        this.streams = new ClusterStreams(client, errors);
        this.watches = new ClusterWatches(client, changed, this::view, this::view);
        watches.add(new ImagePulls());
        this.namespaces = new EngineNamespaces(client, errors, target.namespacePrefix(), target.heartbeat(), watches::follow);
        try {
            namespaces.cluster(null);
        } catch (RuntimeException e) {
            watches.close();
            timer.shutdownNow();
            client.close();
            throw e;
        }
        long beat = Math.max(200, target.heartbeat().toMillis());
        timer.scheduleWithFixedDelay(namespaces::beat, beat, beat, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(namespaces::sweep, 0, beat, TimeUnit.MILLISECONDS);
        LOG.info("pods run on the cluster at {}, in namespace {}", server, namespaces.base());
    }

    @Override
    public String describe() {
        return "the Kubernetes cluster at " + server + ", namespace " + namespaces.base();
    }

    @Override
    public String clusterNamespace(String namespace) {
        return namespaces.nameFor(namespace);
    }

    // ---------------------------------------------------------------- pods

    @Override
    public Pod create(Pod pod, Owner createdFor) {
        if (createdFor != null) {
            throw new UnsupportedOperationException("a pod created for another process of this machine (a static pod) "
                    + "belongs to the local backend; on a cluster, create it without an owner");
        }
        requireOpen();
        Pod copy = onCluster(pod);
        String ns = copy.getMetadata().getNamespace();
        Pod created = errors.call("create", "pods", ns, copy.getMetadata().getName(),
                () -> client.pods().inNamespace(ns).resource(copy).create());
        LOG.info("pod {}/{}: created on {}", ns, created.getMetadata().getName(), server);
        return view(created);
    }

    @Override
    public List<Pod> apply(List<? extends HasMetadata> objects) {
        requireOpen();
        for (HasMetadata o : objects) {
            if (o instanceof ConfigMap || o instanceof Secret || o instanceof Service) {
                put(o);
            }
        }
        for (HasMetadata o : objects) {
            if (isWorkload(o)) {
                HasMetadata copy = onCluster(o);
                errors.call("create", resource(o), copy.getMetadata().getNamespace(), copy.getMetadata().getName(),
                        () -> client.resource(copy).createOr(NonDeletingOperation::update));
            }
        }
        List<Pod> pods = new ArrayList<>();
        for (HasMetadata o : objects) {
            if (o instanceof Pod pod) {
                String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
                String ns = pod.getMetadata() == null ? null : pod.getMetadata().getNamespace();
                if (name != null && get(ns, name).isPresent()) {
                    Pod copy = onCluster(pod);
                    copy.setStatus(null);
                    copy.getMetadata().setResourceVersion(null);
                    pods.add(view(errors.call("patch", "pods", copy.getMetadata().getNamespace(), name,
                            () -> client.pods().inNamespace(copy.getMetadata().getNamespace()).withName(name)
                                    .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), copy))));
                } else {
                    pods.add(create(pod, null));
                }
            }
        }
        return pods;
    }

    /** @return the resource of a kind, as RBAC rules name it (ConfigMap → configmaps) */
    private static String resource(HasMetadata o) {
        return o.getKind().toLowerCase() + "s";
    }

    private static boolean isWorkload(HasMetadata o) {
        return List.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob").contains(o.getKind());
    }

    @Override
    public Optional<Pod> get(String namespace, String name) {
        Optional<String> ns = namespaces.existing(namespace);
        if (ns.isEmpty()) {
            return Optional.empty();
        }
        Pod p = errors.call("get", "pods", ns.get(), null, () -> client.pods().inNamespace(ns.get()).withName(name).get());
        return Optional.ofNullable(p).map(this::view);
    }

    @Override
    public List<Pod> list(String namespace, LabelSelector labels, FieldSelector fields) {
        List<String> in = namespace == null ? namespaces.all() : namespaces.existing(namespace).stream().toList();
        var options = new ListOptionsBuilder().withLabelSelector(labels == null ? null : labels.toString())
                .withFieldSelector(fields == null ? null : fields.toString()).build();
        List<Pod> all = new ArrayList<>();
        for (String ns : in) {
            all.addAll(errors.call("list", "pods", ns, null, () -> client.pods().inNamespace(ns).list(options)).getItems());
        }
        return all.stream().map(this::view)
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName()))
                .toList();
    }

    @Override
    public void delete(String namespace, String name, Duration gracePeriod) {
        String ns = namespaces.existing(namespace).orElseThrow(() -> new NotFoundException("pods", name));
        var pod = client.pods().inNamespace(ns).withName(name);
        var deleted = errors.call("delete", "pods", ns, name,
                () -> gracePeriod == null ? pod.delete() : pod.withGracePeriod(gracePeriod.toSeconds()).delete());
        if (deleted.isEmpty()) {
            throw new NotFoundException("pods", name);
        }
    }

    @Override
    public boolean gone(String namespace, String name) {
        return get(namespace, name).isEmpty();
    }

    @Override
    public Pod updateMetadata(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
        String ns = namespaces.existing(namespace).orElseThrow(() -> new NotFoundException("pods", name));
        String patch = "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":" + json(labels)
                + "},{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":" + json(annotations) + "}]";
        return view(errors.call("patch", "pods", ns, name,
                () -> client.pods().inNamespace(ns).withName(name).patch(PatchContext.of(PatchType.JSON), patch)));
    }

    @Override
    public Pod updateImages(String namespace, String name, Map<String, String> images) {
        String ns = namespaces.existing(namespace).orElseThrow(() -> new NotFoundException("pods", name));
        Pod pod = get(namespace, name).orElseThrow(() -> new NotFoundException("pods", name));
        for (String container : images.keySet()) {
            boolean known = Stream.concat(pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
                    .anyMatch(c -> c.getName().equals(container));
            if (!known) {
                throw new IllegalArgumentException("pod " + namespace + "/" + name + " has no container \"" + container
                        + "\"; its containers are named in spec.initContainers and spec.containers");
            }
        }
        return view(errors.call("patch", "pods", ns, name, () -> client.pods().inNamespace(ns).withName(name).edit(p -> {
            Stream.concat(p.getSpec().getInitContainers().stream(), p.getSpec().getContainers().stream())
                    .filter(c -> images.containsKey(c.getName()))
                    .forEach(c -> c.setImage(images.get(c.getName()) == null ? "" : images.get(c.getName())));
            return p;
        })));
    }

    @Override
    public List<Event> events(String namespace, String name) {
        Optional<String> ns = namespaces.existing(namespace);
        if (ns.isEmpty()) {
            return List.of();
        }
        List<Event> all = new ArrayList<>(errors.call("list", "events", ns.get(), null, () -> client.v1().events().inNamespace(ns.get())
                .withField("involvedObject.name", name).list()).getItems());
        all.removeIf(e -> !"Pod".equals(e.getInvolvedObject().getKind()));
        all.sort(Comparator.comparing(KubernetesBackend::when));
        String uid = get(namespace, name).map(p -> p.getMetadata().getUid())
                .orElse(all.isEmpty() ? null : all.get(all.size() - 1).getInvolvedObject().getUid());
        return all.stream().filter(e -> Objects.equals(uid, e.getInvolvedObject().getUid())).map(this::view).toList();
    }

    /** Events of a cluster carry lastTimestamp (core/v1 recorders) or only eventTime (events.k8s.io recorders). */
    private static String when(Event e) {
        String t = e.getLastTimestamp() != null ? e.getLastTimestamp()
                : e.getEventTime() != null && e.getEventTime().getTime() != null ? e.getEventTime().getTime()
                : e.getMetadata().getCreationTimestamp();
        return t == null ? "" : t.length() >= 19 ? t.substring(0, 19) : t;
    }

    @Override
    public AutoCloseable addListener(PodListener listener) {
        return watches.add(listener);
    }

    @Override
    public void put(HasMetadata object) {
        requireOpen();
        HasMetadata copy = onCluster(object);
        errors.call("create", resource(object), copy.getMetadata().getNamespace(), copy.getMetadata().getName(),
                () -> client.resource(copy).createOr(NonDeletingOperation::update));
    }

    @Override
    public boolean knows(HasMetadata object) {
        Optional<String> ns = namespaces.existing(object.getMetadata().getNamespace());
        if (ns.isEmpty()) {
            return false;
        }
        HasMetadata copy = Copies.of(object);
        copy.getMetadata().setNamespace(ns.get());
        return client.resource(copy).get() != null;
    }

    // ---------------------------------------------------------------- Services, ports, streams

    @Override
    public Optional<Service> service(String namespace, String name) {
        return namespaces.existing(namespace)
                .map(ns -> errors.call("get", "services", ns, null, () -> client.services().inNamespace(ns).withName(name).get()))
                .map(s -> {
                    Service copy = Copies.of(s);
                    copy.getMetadata().setNamespace(namespaces.user(s.getMetadata().getNamespace()));
                    return copy;
                });
    }

    @Override
    public Optional<InetSocketAddress> serviceAddress(String namespace, String name, int port) {
        Optional<String> ns = namespaces.existing(namespace);
        if (ns.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(forwards.to("svc/" + ns.get() + "/" + name + ":" + port,
                    () -> client.services().inNamespace(ns.get()).withName(name).portForward(port, LOOPBACK, 0)));
        } catch (KubernetesClientException | IllegalStateException noReadyPodYet) {
            LOG.debug("service {}/{} port {}: no port-forward yet: {}", ns.get(), name, port, noReadyPodYet.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<InetSocketAddress> endpoint(Pod pod, String container, int containerPort) {
        if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
            return Optional.empty();
        }
        String ns = namespaces.existing(pod.getMetadata().getNamespace()).orElseThrow();
        String name = pod.getMetadata().getName();
        return Optional.of(forwards.to("pod/" + pod.getMetadata().getUid() + ":" + containerPort,
                () -> errors.call("create", "pods/portforward", ns, name,
                        () -> client.pods().inNamespace(ns).withName(name).portForward(containerPort, LOOPBACK, 0))));
    }

    @Override
    public ExecResult exec(String namespace, String name, String container, String... command) {
        String ns = namespaces.existing(namespace).orElseThrow(() -> new NotFoundException("pods", name));
        if (containerId(namespace, name, container, false).isEmpty()) {
            throw ClusterStreams.noContainer(name, container, false);
        }
        return streams.exec(ns, name, container, command);
    }

    @Override
    public String logs(String namespace, String name, String container, boolean previous, Integer tail, boolean timestamps,
            Duration since) {
        String ns = namespaces.existing(namespace).orElseThrow(() -> new NotFoundException("pods", name));
        if (containerId(namespace, name, container, previous).isEmpty()) {
            throw ClusterStreams.noContainer(name, container, previous);
        }
        return streams.logs(ns, name, container, previous, tail, timestamps, since);
    }

    @Override
    public Optional<String> containerId(String namespace, String name, String container, boolean previous) {
        return ClusterStreams.containerId(get(namespace, name).orElseThrow(() -> new NotFoundException("pods", name)), container,
                previous);
    }

    // ---------------------------------------------------------------- nodes

    @Override
    public String nodeName() {
        return null; // the cluster's scheduler chooses a node per pod: see spec.nodeName
    }

    @Override
    public Node node() {
        throw new UnsupportedOperationException("a cluster has many nodes, chosen per pod by its scheduler: read a pod's "
                + "spec.nodeName, or the nodes through the cluster's API");
    }

    @Override
    public Node labelNode(Map<String, String> labels) {
        throw new UnsupportedOperationException("the engine does not label a cluster's nodes (it creates nothing outside its "
                + "namespaces): label them with kubectl label node, as the cluster's administrator allows");
    }

    // ---------------------------------------------------------------- namespaces, close

    /** @return the user's object in the cluster's namespace (a copy), creating that namespace on first use */
    private <T extends HasMetadata> T onCluster(T object) {
        T copy = Copies.of(object);
        if (copy.getMetadata() == null) {
            copy.setMetadata(new ObjectMeta());
        }
        copy.getMetadata().setNamespace(namespaces.cluster(copy.getMetadata().getNamespace()));
        return copy;
    }

    private Pod view(Pod p) {
        Pod copy = Copies.of(p);
        copy.getMetadata().setNamespace(namespaces.user(p.getMetadata().getNamespace()));
        return copy;
    }

    private Event view(Event e) {
        Event copy = Copies.of(e);
        copy.getMetadata().setNamespace(namespaces.user(e.getMetadata().getNamespace()));
        if (copy.getInvolvedObject() != null && copy.getInvolvedObject().getNamespace() != null) {
            copy.getInvolvedObject().setNamespace(namespaces.user(copy.getInvolvedObject().getNamespace()));
        }
        return copy;
    }

    private static String json(Map<String, String> map) {
        StringBuilder sb = new StringBuilder("{");
        for (var e : (map == null ? Map.<String, String>of() : map).entrySet()) {
            sb.append(sb.length() > 1 ? "," : "").append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this PodEngine is closed; build a new one");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        forwards.close();
        try {
            if (target.detached()) {
                markDetached();
            } else {
                for (String ns : namespaces.all()) {
                    try {
                        client.pods().inNamespace(ns).withGracePeriod(target.closeGracePeriod().toSeconds()).delete();
                    } catch (KubernetesClientException e) {
                        LOG.warn("cannot delete the pods of namespace {}: {}", ns, e.getMessage());
                    }
                }
                namespaces.delete(namespaceDeletion);
            }
        } finally {
            watches.close();
            client.close();
        }
    }

    private void markDetached() {
        String patch = "{\"metadata\":{\"annotations\":{\"" + StaleNamespaces.DETACHED + "\":\"true\"}}}";
        for (String ns : namespaces.all()) {
            try {
                client.namespaces().withName(ns).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            } catch (KubernetesClientException e) {
                LOG.warn("cannot mark namespace {} detached (the next engine may delete it): {}", ns, e.getMessage());
            }
        }
    }
}

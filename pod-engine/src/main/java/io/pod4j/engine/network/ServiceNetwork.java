package io.pod4j.engine.network;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.ControllerManager;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.controllers.Result;
import io.pod4j.controllers.Stores;
import io.pod4j.controllers.Watched;
import io.pod4j.engine.docker.PodNetwork;
import io.pod4j.engine.runtime.EngineContext;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's Service data path, in kube-proxy's and CoreDNS's place: it follows the store's
 * Services and EndpointSlices and keeps one netd proxy container per Service with a cluster IP
 * (its address on the pod network is where the Service's name resolves) and one cluster DNS
 * container, pushing each the table {@link ServiceTables} computes. The DNS container starts with
 * the first Service; pods with {@code dnsPolicy: ClusterFirst} created from then on use it.
 * Everything it started is removed on {@link #close()}; a dead owner's containers go with its
 * pods through the reaper.
 */
public final class ServiceNetwork implements Controller, EngineContext.ClusterServices, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceNetwork.class);

    /** A Service's running proxy. */
    private record Proxy(String signature, ServiceContainers.Running running, String table) {
    }

    private final ObjectStore store;
    private final ServiceContainers containers;
    private final Map<String, Proxy> proxies = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Object dnsLock = new Object();
    private static final long HEAL_PERIOD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private final java.util.concurrent.atomic.AtomicLong lastHeal = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private volatile ServiceContainers.Running dns;
    private String dnsTable;
    private volatile boolean closed;
    private ControllerManager manager;

    private ServiceNetwork(ObjectStore store, ServiceContainers containers) {
        this.store = store;
        this.containers = containers;
    }

    /**
     * @param docker the client
     * @param store the store whose Services it serves
     * @param network the pod network its containers join
     * @param ownerLabels the engine's owner labels, for its containers
     * @return the data path, following the store
     */
    public static ServiceNetwork start(DockerClient docker, ObjectStore store, PodNetwork network, Map<String, String> ownerLabels) {
        ServiceNetwork n = new ServiceNetwork(store, new ServiceContainers(docker, network, ownerLabels, () -> architecture(store)));
        n.manager = ControllerManager.start(store, List.of(n));
        return n;
    }

    /** The engine's architecture, as its Node reports it (Go's words: amd64, arm64). */
    private static String architecture(ObjectStore store) {
        return store.list(ResourceTypes.NODES, ListOptions.all()).items().stream()
                .map(n -> n.getStatus() == null || n.getStatus().getNodeInfo() == null ? null : n.getStatus().getNodeInfo().getArchitecture())
                .filter(java.util.Objects::nonNull).findFirst().orElse("amd64");
    }

    @Override
    public String name() {
        return "service-proxy";
    }

    @Override
    public List<Watched<?>> watches() {
        return List.of(Watched.self(ResourceTypes.SERVICES), new Watched<>(ResourceTypes.ENDPOINT_SLICES, e -> {
            Map<String, String> labels = e.object().getMetadata().getLabels();
            String service = labels == null ? null : labels.get("kubernetes.io/service-name");
            return service == null ? List.of()
                    : List.of(new ObjectKey(ResourceTypes.SERVICES, e.object().getMetadata().getNamespace(), service));
        }));
    }

    @Override
    public Result reconcile(ObjectKey key) {
        if (closed) {
            return Result.done();
        }
        heal();
        Service service = find(key.namespace(), key.name()).orElse(null);
        sync(key.namespace() + "/" + key.name(), service);
        syncDns();
        return Result.done();
    }

    /**
     * Makes the Service's proxy match it: started with its table, given a new table, or removed
     * (also re-made when its ports changed). One key at a time: the reconcile and a pod's start may ask at once.
     *
     * @param id namespace/name
     * @param service the Service, or null when it is gone
     */
    private void sync(String id, Service service) {
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            Proxy proxy = proxies.get(id);
            boolean wanted = !closed && service != null && service.getMetadata().getDeletionTimestamp() == null
                    && ServiceTables.proxied(service);
            if (proxy != null && (!wanted || !proxy.signature().equals(signature(service)))) {
                proxies.remove(id);
                containers.remove(proxy.running().id());
                proxy = null;
            }
            if (!wanted) {
                return;
            }
            String table = ServiceTables.proxy(service, slices(service));
            if (proxy == null) {
                ServiceContainers.Running started = containers.startProxy(service, table);
                if (closed) { // closed while it started: close() may have passed this key already
                    containers.remove(started.id());
                    return;
                }
                proxies.put(id, new Proxy(signature(service), started, table));
                LOG.info("service {}: proxy at {}", id, proxies.get(id).running().address());
            } else if (!table.equals(proxy.table())) {
                containers.put(proxy.running().id(), table);
                proxies.put(id, new Proxy(proxy.signature(), proxy.running(), table));
            }
        }
    }

    /** What the proxy container is made with: a change needs a new one. */
    private static String signature(Service s) {
        StringBuilder b = new StringBuilder(s.getMetadata().getUid());
        ServiceTables.proxiedPorts(s).forEach(p -> b.append(',').append(p.getPort()).append('/').append(p.getProtocol())
                .append('/').append(p.getNodePort()));
        return b.toString();
    }

    /**
     * Forgets the containers that stopped (removed by hand, or a Docker restart stopped them), at most
     * every 5 s, so that the next sync starts them again. Pods started meanwhile kept the old DNS address.
     */
    private void heal() {
        long now = System.nanoTime();
        long last = lastHeal.get();
        if (now - last < HEAL_PERIOD_NANOS || !lastHeal.compareAndSet(last, now)) {
            return;
        }
        Map<String, Proxy> asked = Map.copyOf(proxies);
        List<String> ids = new ArrayList<>();
        asked.values().forEach(p -> ids.add(p.running().id()));
        ServiceContainers.Running d = dns;
        if (d != null) {
            ids.add(d.id());
        }
        java.util.Set<String> up;
        try {
            up = containers.running(ids);
        } catch (RuntimeException dockerDown) {
            return;
        }
        // Only what Docker was asked about: a proxy or DNS container a sync started meanwhile is not "gone".
        asked.forEach((key, proxy) -> {
            if (!up.contains(proxy.running().id())) {
                synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                    if (proxies.remove(key, proxy)) {
                        LOG.info("service {}: its proxy stopped; starting a new one", key);
                        containers.remove(proxy.running().id());
                    }
                }
            }
        });
        synchronized (dnsLock) {
            if (d != null && dns == d && !up.contains(d.id())) {
                LOG.info("the cluster DNS container stopped; starting a new one");
                containers.remove(d.id());
                dns = null;
            }
        }
    }

    private void syncDns() {
        synchronized (dnsLock) {
            if (closed) {
                return;
            }
            List<Service> services = store.list(ResourceTypes.SERVICES, ListOptions.all()).items();
            if (services.isEmpty() && dns == null) {
                return;
            }
            List<ServiceTables.Entry> entries = new ArrayList<>();
            for (Service s : services) {
                Proxy p = proxies.get(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName());
                entries.add(new ServiceTables.Entry(s, slices(s), p == null ? null : p.running().address()));
            }
            String table = ServiceTables.dns(entries);
            if (dns == null) {
                dns = containers.startDns(table);
                LOG.info("cluster DNS at {}", dns.address());
            } else if (!table.equals(dnsTable)) {
                containers.put(dns.id(), table);
            }
            dnsTable = table;
        }
    }

    private List<EndpointSlice> slices(Service s) {
        return store.list(ResourceTypes.ENDPOINT_SLICES, new ListOptions(s.getMetadata().getNamespace(),
                "kubernetes.io/service-name=" + s.getMetadata().getName(), null, null)).items();
    }

    private Optional<Service> find(String namespace, String name) {
        return Stores.find(store, ResourceTypes.SERVICES, namespace, name);
    }

    @Override
    public String dnsServer() {
        heal();
        ServiceContainers.Running d = dns;
        if (d != null) {
            return d.address();
        }
        if (closed || store.list(ResourceTypes.SERVICES, ListOptions.all()).items().isEmpty()) {
            return null;
        }
        syncDns(); // a Service exists: its pods need the DNS server now, before the reconcile comes round
        d = dns;
        return d == null ? null : d.address();
    }

    /** Starts the proxies of the namespace's Services that have none yet, so that every variable has its address. */
    @Override
    public Map<String, String> environment(String namespace) {
        Map<Service, String> services = new LinkedHashMap<>();
        boolean started = false;
        for (Service s : store.list(ResourceTypes.SERVICES, ListOptions.inNamespace(namespace)).items()) {
            String id = namespace + "/" + s.getMetadata().getName();
            if (!proxies.containsKey(id) && ServiceTables.proxied(s)) {
                try {
                    sync(id, s); // created a moment ago: the pod needs its address now, before the reconcile comes round
                    started = true;
                } catch (RuntimeException e) {
                    LOG.warn("service {}: its proxy could not start ({}); pods starting now get no variables for it", id,
                            e.getMessage());
                }
            }
            Proxy p = proxies.get(id);
            services.put(s, p == null ? null : p.running().address());
        }
        if (started) {
            syncDns();
        }
        return ServiceTables.environment(services);
    }

    /**
     * @param namespace the Service's namespace
     * @param name its name
     * @param port a TCP port of the Service (UDP ports are published too, but not given here)
     * @return the port's address on the host (127.0.0.1), once the Service's proxy runs
     */
    public Optional<InetSocketAddress> hostAddress(String namespace, String name, int port) {
        Proxy p = proxies.get(namespace + "/" + name);
        return p == null ? Optional.empty() : Optional.ofNullable(p.running().published().get(port));
    }

    /** Stops following the store and removes every container it started. */
    @Override
    public void close() {
        close(true);
    }

    /**
     * Stops following the store.
     *
     * @param remove whether to remove the containers it started (not when the engine's pods stay, detached)
     */
    public void close(boolean remove) {
        if (!closed) {
            closed = true;
            if (manager != null) {
                manager.close();
            }
        }
        if (!remove) {
            return;
        }
        // Each under its key's lock: a sync under way (a pod's start asking for variables) finishes first,
        // and any later one sees closed.
        for (String key : List.copyOf(proxies.keySet())) {
            synchronized (locks.computeIfAbsent(key, k -> new Object())) {
                Proxy p = proxies.remove(key);
                if (p != null) {
                    containers.remove(p.running().id());
                }
            }
        }
        synchronized (dnsLock) {
            if (dns != null) {
                containers.remove(dns.id());
                dns = null;
            }
        }
    }
}

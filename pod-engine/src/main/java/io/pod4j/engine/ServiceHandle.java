package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Service;
import io.pod4j.api.error.NotFoundException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A Service of an engine, as {@code kubectl port-forward svc/NAME} reaches it from the host: each
 * TCP port of a Service with a cluster IP is published on 127.0.0.1 by its proxy, which spreads
 * connections over the Service's ready endpoints (this works on Docker Desktop too, where pod IPs
 * are not reachable from the host). Pods reach it by name (see README, Services). On a cluster,
 * a local port forwarded to the Service (as {@code kubectl port-forward svc/NAME}).
 */
public final class ServiceHandle {

    private static final Duration PROXY_START = Duration.ofSeconds(30);

    private final PodEngine engine;
    private final String namespace;
    private final String name;

    ServiceHandle(PodEngine engine, String namespace, String name) {
        this.engine = engine;
        this.namespace = namespace;
        this.name = name;
    }

    /** @return the Service as the store (or the cluster) has it (a copy), if it exists */
    public Optional<Service> get() {
        return engine.backend().service(namespace, name);
    }

    /**
     * The host-side address of a Service port, waiting (up to 30 s) for the Service's proxy to start
     * when the Service was just created.
     *
     * @param port a TCP port of the Service ({@code spec.ports[].port})
     * @return 127.0.0.1 and the port it is published on
     * @throws NotFoundException when there is no such Service
     * @throws IllegalArgumentException when the Service has no such TCP port, or is headless
     */
    public InetSocketAddress endpoint(int port) {
        Service s = get().orElseThrow(() -> new NotFoundException("services", name));
        if ("None".equals(s.getSpec().getClusterIP())) {
            throw new IllegalArgumentException("service " + namespace + "/" + name
                    + " is headless (clusterIP: None): it has no proxy; reach its pods by their addresses");
        }
        boolean declared = s.getSpec().getPorts().stream()
                .anyMatch(p -> p.getPort() == port && (p.getProtocol() == null || "TCP".equals(p.getProtocol())));
        if (!declared) {
            throw new IllegalArgumentException("service " + namespace + "/" + name + " has no TCP port " + port
                    + "; its ports are " + s.getSpec().getPorts().stream().map(p -> p.getPort() + "/" + p.getProtocol()).toList());
        }
        long deadline = System.nanoTime() + PROXY_START.toNanos();
        while (true) {
            Optional<InetSocketAddress> address = engine.backend().serviceAddress(namespace, name, port);
            if (address.isPresent()) {
                return address.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service " + namespace + "/" + name + " has no proxy after " + PROXY_START.toSeconds()
                        + " s; see the engine's log for why");
            }
            try {
                Thread.sleep(20); // the proxy starts on the engine's controller thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the proxy of service " + namespace + "/" + name, e);
            }
        }
    }

    /** @return the namespace */
    public String namespace() {
        return namespace;
    }

    /** @return the Service's name */
    public String name() {
        return name;
    }
}

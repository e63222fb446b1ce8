package io.pod4j.engine.network;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What netd serves, decided from Services and EndpointSlices as CoreDNS's kubernetes plugin and
 * kube-proxy decide it; pure. The tables are netd's text format (see netd.c).
 */
public final class ServiceTables {

    /** The cluster domain. */
    public static final String DOMAIN = "cluster.local";

    private ServiceTables() {
    }

    /**
     * A Service as the data path sees it.
     *
     * @param service the Service
     * @param slices its EndpointSlices
     * @param address where pods reach it: its proxy's address on the pod network; null for a
     *     headless Service, or while the proxy is not up
     */
    public record Entry(Service service, List<EndpointSlice> slices, String address) {
        public Entry {
            slices = List.copyOf(slices);
        }

        String fqdn() {
            return service.getMetadata().getName() + "." + service.getMetadata().getNamespace() + ".svc." + DOMAIN;
        }

        boolean headless() {
            return "None".equals(service.getSpec().getClusterIP());
        }
    }

    /** @return whether the data path gives the Service a proxy: it has a cluster IP and is not an ExternalName */
    public static boolean proxied(Service service) {
        return !"None".equals(service.getSpec().getClusterIP()) && !"ExternalName".equals(service.getSpec().getType());
    }

    /**
     * The cluster DNS table: {@code NAME.NS.svc.cluster.local} is the proxy's address for a Service
     * with a cluster IP, the ready endpoints' addresses for a headless one (none: NXDOMAIN, as
     * CoreDNS), and {@code HOSTNAME.NAME.NS.svc.cluster.local} an endpoint's with a hostname.
     * Short names are the pods' resolvers' work, through their search path.
     *
     * @param entries every Service
     * @return the table
     */
    public static String dns(List<Entry> entries) {
        StringBuilder t = new StringBuilder("zone ").append(DOMAIN).append('\n');
        for (Entry e : entries) {
            if (e.headless()) {
                Set<String> ips = new LinkedHashSet<>();
                for (Endpoint ep : usable(e.slices())) {
                    ips.addAll(ep.getAddresses());
                    if (ep.getHostname() != null && !ep.getHostname().isEmpty()) {
                        for (String ip : ep.getAddresses()) {
                            t.append("a ").append(ep.getHostname()).append('.').append(e.fqdn()).append(' ').append(ip).append('\n');
                        }
                    }
                }
                ips.forEach(ip -> t.append("a ").append(e.fqdn()).append(' ').append(ip).append('\n'));
            } else if (e.address() != null && proxied(e.service())) {
                t.append("a ").append(e.fqdn()).append(' ').append(e.address()).append('\n');
            }
        }
        return t.append("end\n").toString();
    }

    /**
     * A Service proxy's table: each TCP port of the Service, and for each the endpoints to spread
     * its connections over: the ready ones, or, when none is ready, the serving terminating ones
     * (kube-proxy's fallback), at the port their slice gives for the Service port's name.
     *
     * @param service the Service
     * @param slices its EndpointSlices
     * @return the table
     */
    public static String proxy(Service service, List<EndpointSlice> slices) {
        StringBuilder t = new StringBuilder();
        for (ServicePort sp : tcpPorts(service)) {
            t.append("port ").append(sp.getPort()).append('\n');
        }
        for (ServicePort sp : tcpPorts(service)) {
            for (String target : endpoints(sp, slices)) {
                t.append("ep ").append(sp.getPort()).append(' ').append(target).append('\n');
            }
        }
        return t.append("end\n").toString();
    }

    /** @return the Service's TCP ports, the ones netd proxies */
    public static List<ServicePort> tcpPorts(Service service) {
        List<ServicePort> out = new ArrayList<>();
        for (ServicePort p : orEmpty(service.getSpec().getPorts())) {
            if (p.getProtocol() == null || "TCP".equals(p.getProtocol())) {
                out.add(p);
            }
        }
        return out;
    }

    /** @return "IP PORT" of each endpoint a connection to the Service port may go to, in slice order */
    static List<String> endpoints(ServicePort sp, List<EndpointSlice> slices) {
        List<String> ready = new ArrayList<>();
        List<String> terminating = new ArrayList<>();
        String name = sp.getName() == null ? "" : sp.getName();
        for (EndpointSlice slice : slices) {
            Integer port = null;
            for (EndpointPort p : orEmpty(slice.getPorts())) {
                if (name.equals(p.getName() == null ? "" : p.getName()) && Objects.equals(p.getProtocol(), sp.getProtocol())) {
                    port = p.getPort();
                }
            }
            if (port == null) {
                continue;
            }
            for (Endpoint e : orEmpty(slice.getEndpoints())) {
                var c = e.getConditions();
                boolean isReady = c == null || c.getReady() == null || c.getReady();
                boolean serving = c != null && (c.getServing() == null ? isReady : c.getServing());
                boolean isTerminating = c != null && Boolean.TRUE.equals(c.getTerminating());
                for (String ip : orEmpty(e.getAddresses())) {
                    if (isReady) {
                        ready.add(ip + " " + port);
                    } else if (serving && isTerminating) {
                        terminating.add(ip + " " + port);
                    }
                }
            }
        }
        return ready.isEmpty() ? terminating : ready;
    }

    /** The endpoints a headless name resolves to: ready ones (publishNotReadyAddresses already made every one ready). */
    private static List<Endpoint> usable(List<EndpointSlice> slices) {
        List<Endpoint> out = new ArrayList<>();
        for (EndpointSlice s : slices) {
            for (Endpoint e : orEmpty(s.getEndpoints())) {
                if (e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady()) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /**
     * @param services the Services of a namespace, each with the address pods reach it at
     * @return the variables a pod of that namespace gets when {@code enableServiceLinks} is on, as
     *     the kubelet's (docker links style): {@code WEB_SERVICE_HOST}, {@code WEB_SERVICE_PORT},
     *     {@code WEB_SERVICE_PORT_HTTP}, {@code WEB_PORT=tcp://IP:PORT} and the
     *     {@code WEB_PORT_80_TCP[_PROTO|_PORT|_ADDR]} family
     */
    public static Map<String, String> environment(Map<Service, String> services) {
        Map<String, String> env = new java.util.TreeMap<>();
        services.forEach((s, address) -> {
            List<ServicePort> ports = orEmpty(s.getSpec().getPorts());
            if (address == null || ports.isEmpty()) {
                return;
            }
            String n = s.getMetadata().getName().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            ServicePort first = ports.get(0);
            env.put(n + "_SERVICE_HOST", address);
            env.put(n + "_SERVICE_PORT", Integer.toString(first.getPort()));
            env.put(n + "_PORT", url(first, address));
            for (ServicePort p : ports) {
                if (p.getName() != null && !p.getName().isEmpty()) {
                    env.put(n + "_SERVICE_PORT_" + p.getName().toUpperCase(java.util.Locale.ROOT).replace('-', '_'),
                            Integer.toString(p.getPort()));
                }
                String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
                String prefix = n + "_PORT_" + p.getPort() + "_" + protocol;
                env.put(prefix, url(p, address));
                env.put(prefix + "_PROTO", protocol.toLowerCase(java.util.Locale.ROOT));
                env.put(prefix + "_PORT", Integer.toString(p.getPort()));
                env.put(prefix + "_ADDR", address);
            }
        });
        return env;
    }

    private static String url(ServicePort p, String address) {
        String protocol = p.getProtocol() == null ? "tcp" : p.getProtocol().toLowerCase(java.util.Locale.ROOT);
        return protocol + "://" + address + ":" + p.getPort();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

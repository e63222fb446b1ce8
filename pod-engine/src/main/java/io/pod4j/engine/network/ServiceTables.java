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
                headlessRecords(t, e);
            } else if (e.address() != null && proxied(e.service())) {
                t.append("a ").append(e.fqdn()).append(' ').append(e.address()).append('\n');
                clusterIpRecords(t, e);
            } else if (externalName(e.service()) != null) {
                t.append("cname ").append(e.fqdn()).append(' ').append(externalName(e.service())).append('\n');
            }
        }
        return t.append("end\n").toString();
    }

    /**
     * A Service with a cluster IP, as CoreDNS answers besides its A record: an SRV record
     * {@code _PORT._PROTO.NAME.NS.svc.cluster.local} for each named port, and PTR records for its
     * address (the proxy's, where its name resolves) and its {@code spec.clusterIP}.
     */
    private static void clusterIpRecords(StringBuilder t, Entry e) {
        for (ServicePort p : proxiedPorts(e.service())) {
            if (p.getName() != null && !p.getName().isEmpty()) {
                t.append("srv ").append(srvName(p.getName(), protocol(p.getProtocol()), e.fqdn())).append(' ').append(p.getPort())
                        .append(' ').append(e.fqdn()).append('\n');
            }
        }
        t.append("ptr ").append(e.address()).append(' ').append(e.fqdn()).append('\n');
        String clusterIp = e.service().getSpec().getClusterIP();
        if (clusterIp != null && !clusterIp.isEmpty() && !clusterIp.equals(e.address()) && clusterIp.matches("[0-9.]+")) {
            t.append("ptr ").append(clusterIp).append(' ').append(e.fqdn()).append('\n');
        }
    }

    /**
     * A headless Service's endpoints, as CoreDNS answers: each one's name (its hostname, else its
     * address with dashes: {@code 10-0-0-1.NAME.NS.svc.cluster.local}), a PTR record from its
     * address to that name, and an SRV record per named port of its slice pointing at that name.
     */
    private static void headlessRecords(StringBuilder t, Entry e) {
        for (EndpointSlice slice : e.slices()) {
            for (Endpoint ep : orEmpty(slice.getEndpoints())) {
                if (!ready(ep)) {
                    continue;
                }
                for (String ip : orEmpty(ep.getAddresses())) {
                    boolean named = ep.getHostname() != null && !ep.getHostname().isEmpty();
                    String name = (named ? ep.getHostname() : ip.replace('.', '-')) + "." + e.fqdn();
                    if (!named) {
                        t.append("a ").append(name).append(' ').append(ip).append('\n');
                    }
                    t.append("ptr ").append(ip).append(' ').append(name).append('\n');
                    for (EndpointPort p : orEmpty(slice.getPorts())) {
                        if (p.getName() != null && !p.getName().isEmpty() && p.getPort() != null) {
                            t.append("srv ").append(srvName(p.getName(), protocol(p.getProtocol()), e.fqdn())).append(' ')
                                    .append(p.getPort()).append(' ').append(name).append('\n');
                        }
                    }
                }
            }
        }
    }

    private static String srvName(String port, String protocol, String fqdn) {
        return "_" + port + "._" + protocol.toLowerCase(java.util.Locale.ROOT) + "." + fqdn;
    }

    /** @return an ExternalName Service's external name (its DNS name is a CNAME to it), else null */
    static String externalName(Service service) {
        String name = service.getSpec().getExternalName();
        return "ExternalName".equals(service.getSpec().getType()) && name != null && !name.isEmpty()
                ? name.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.$", "") : null;
    }

    /**
     * A Service proxy's table: each TCP and UDP port of the Service, and for each the endpoints to spread
     * its connections (UDP: its clients' flows) over: the ready ones, or, when none is ready, the
     * serving terminating ones (kube-proxy's fallback), at the port their slice gives for the
     * Service port's name; with {@code sessionAffinity: ClientIP}, its timeout (default 10800 s).
     *
     * @param service the Service
     * @param slices its EndpointSlices
     * @return the table
     */
    public static String proxy(Service service, List<EndpointSlice> slices) {
        StringBuilder t = new StringBuilder();
        for (ServicePort sp : proxiedPorts(service)) {
            t.append("port ").append(sp.getPort()).append(udp(sp) ? " udp" : "").append('\n');
        }
        for (ServicePort sp : proxiedPorts(service)) {
            for (String target : endpoints(sp, slices)) {
                t.append("ep ").append(sp.getPort()).append(' ').append(target).append(udp(sp) ? " udp" : "").append('\n');
            }
        }
        if ("ClientIP".equals(service.getSpec().getSessionAffinity())) {
            var config = service.getSpec().getSessionAffinityConfig();
            Integer timeout = config == null || config.getClientIP() == null ? null : config.getClientIP().getTimeoutSeconds();
            t.append("affinity ").append(timeout == null ? 10800 : timeout).append('\n');
        }
        return t.append("end\n").toString();
    }

    /** @return the Service's TCP and UDP ports, the ones netd proxies (SCTP is not) */
    public static List<ServicePort> proxiedPorts(Service service) {
        List<ServicePort> out = new ArrayList<>();
        for (ServicePort p : orEmpty(service.getSpec().getPorts())) {
            String protocol = protocol(p.getProtocol());
            if ("TCP".equals(protocol) || "UDP".equals(protocol)) {
                out.add(p);
            }
        }
        return out;
    }

    /** @return whether the port is a UDP one */
    static boolean udp(ServicePort p) {
        return "UDP".equals(protocol(p.getProtocol()));
    }

    private static String protocol(String protocol) {
        return protocol == null ? "TCP" : protocol;
    }

    /** @return "IP PORT" of each endpoint a connection to the Service port may go to, in slice order */
    static List<String> endpoints(ServicePort sp, List<EndpointSlice> slices) {
        List<String> ready = new ArrayList<>();
        List<String> terminating = new ArrayList<>();
        String name = sp.getName() == null ? "" : sp.getName();
        for (EndpointSlice slice : slices) {
            Integer port = null;
            for (EndpointPort p : orEmpty(slice.getPorts())) {
                if (name.equals(p.getName() == null ? "" : p.getName())
                        && Objects.equals(protocol(p.getProtocol()), protocol(sp.getProtocol()))) {
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
                if (ready(e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static boolean ready(Endpoint e) {
        return e.getConditions() == null || e.getConditions().getReady() == null || e.getConditions().getReady();
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

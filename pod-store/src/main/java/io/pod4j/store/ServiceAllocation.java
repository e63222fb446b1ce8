package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The Service registry's allocators: a cluster IP from the service range (kubeadm's
 * {@code 10.96.0.0/12}; {@code 10.96.0.1} is the {@code kubernetes} Service's) unless the Service is
 * headless or an ExternalName, and a node port from {@code 30000-32767} for each port of a NodePort
 * or LoadBalancer Service that names none. A requested value is checked against the range and the
 * Services already stored, in the API server's words.
 */
final class ServiceAllocation {

    static final String RANGE = "10.96.0.0/12";
    private static final int BASE = (10 << 24) | (96 << 16);
    private static final int SIZE = 1 << 20;
    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;
    private static final Random RANDOM = new Random();

    private ServiceAllocation() {
    }

    /**
     * As {@link #allocate(Service, Service, List)}, on the store's trees.
     *
     * @param service the Service being written
     * @param old the stored Service on update, else null
     * @param stored every Service in the store (the one written among them on update)
     * @param errors where the problems go
     * @return the Service with what was allocated
     */
    static ObjectNode allocate(ObjectNode service, ObjectNode old, List<ObjectNode> stored, List<FieldError> errors) {
        List<Service> others = new ArrayList<>();
        for (ObjectNode o : stored) {
            if (!(MetaRules.namespace(o).equals(MetaRules.namespace(service)) && MetaRules.name(o).equals(MetaRules.name(service)))) {
                others.add(Json.object(o, Service.class));
            }
        }
        Service typed = Json.object(service, Service.class);
        errors.addAll(allocate(typed, old == null ? null : Json.object(old, Service.class), others));
        return Json.tree(typed);
    }

    /**
     * Gives the Service what it lacks and checks what it asks for.
     *
     * @param service the Service being written (changed in place)
     * @param old the stored Service on update, else null
     * @param others every other Service in the store
     * @return the problems; empty when allocated
     */
    static List<FieldError> allocate(Service service, Service old, List<Service> others) {
        List<FieldError> errors = new ArrayList<>();
        ServiceSpec spec = service.getSpec();
        Set<Integer> usedIps = new HashSet<>(Set.of(BASE, BASE + 1, BASE + SIZE - 1));
        Set<Integer> usedPorts = new HashSet<>();
        for (Service o : others) {
            if (o.getSpec() == null) {
                continue;
            }
            Integer ip = parse(o.getSpec().getClusterIP());
            if (ip != null) {
                usedIps.add(ip);
            }
            for (ServicePort p : orEmpty(o.getSpec().getPorts())) {
                if (p.getNodePort() != null && p.getNodePort() > 0) {
                    usedPorts.add(p.getNodePort());
                }
            }
        }
        boolean externalName = "ExternalName".equals(spec.getType());
        String requested = spec.getClusterIP();
        boolean kept = old != null && old.getSpec() != null && requested != null && requested.equals(old.getSpec().getClusterIP());
        if (externalName) {
            spec.setClusterIP(null);
            spec.setClusterIPs(null);
        } else if (requested == null || requested.isEmpty()) {
            int ip;
            do {
                ip = BASE + RANDOM.nextInt(SIZE);
            } while (usedIps.contains(ip));
            spec.setClusterIP(format(ip));
        } else if (!"None".equals(requested) && !kept) {
            Integer ip = parse(requested);
            if (ip == null || ip - BASE < 0 || ip - BASE >= SIZE) {
                errors.add(clusterIps(requested, "the provided IP (" + requested + ") is not in the valid range. "
                        + "The range of valid IPs is " + RANGE));
            } else if (usedIps.contains(ip)) {
                errors.add(clusterIps(requested, "provided IP is already allocated"));
            }
        }
        if (!externalName) {
            spec.setClusterIPs(List.of(spec.getClusterIP()));
            if (!"None".equals(spec.getClusterIP())) {
                spec.setIpFamilies(List.of("IPv4"));
                spec.setIpFamilyPolicy(spec.getIpFamilyPolicy() == null ? "SingleStack" : spec.getIpFamilyPolicy());
            }
        }
        boolean nodePorts = "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
        Set<Integer> own = new HashSet<>();
        if (old != null && old.getSpec() != null) {
            orEmpty(old.getSpec().getPorts()).forEach(p -> own.add(p.getNodePort()));
        }
        List<ServicePort> ports = orEmpty(spec.getPorts());
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            if (!nodePorts) {
                p.setNodePort(null);
                continue;
            }
            Integer n = p.getNodePort();
            if (n == null || n == 0) {
                if (usedPorts.size() >= NODE_PORT_MAX - NODE_PORT_MIN + 1) {
                    errors.add(FieldError.invalid("spec.ports[" + i + "].nodePort", 0, "range is full"));
                    continue;
                }
                int port;
                do {
                    port = NODE_PORT_MIN + RANDOM.nextInt(NODE_PORT_MAX - NODE_PORT_MIN + 1);
                } while (usedPorts.contains(port));
                p.setNodePort(port);
                usedPorts.add(port);
            } else if (n < NODE_PORT_MIN || n > NODE_PORT_MAX) {
                errors.add(FieldError.invalid("spec.ports[" + i + "].nodePort", n, "provided port is not in the valid range. "
                        + "The range of valid ports is " + NODE_PORT_MIN + "-" + NODE_PORT_MAX));
            } else if (!own.contains(n) && !usedPorts.add(n)) {
                errors.add(FieldError.invalid("spec.ports[" + i + "].nodePort", n, "provided port is already allocated"));
            }
        }
        return errors;
    }

    /** As the API server prints it: {@code spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP ...}. */
    private static FieldError clusterIps(String requested, String why) {
        return new FieldError(FieldError.Type.INVALID, "spec.clusterIPs", "Invalid value: []string{\"" + requested
                + "\"}: failed to allocate IP " + requested + ": " + why);
    }

    private static Integer parse(String ip) {
        if (ip == null) {
            return null;
        }
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return null;
        }
        int v = 0;
        for (String part : parts) {
            try {
                int b = Integer.parseInt(part);
                if (b < 0 || b > 255) {
                    return null;
                }
                v = (v << 8) | b;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return v;
    }

    private static String format(int ip) {
        return (ip >>> 24) + "." + ((ip >> 16) & 0xff) + "." + ((ip >> 8) & 0xff) + "." + (ip & 0xff);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

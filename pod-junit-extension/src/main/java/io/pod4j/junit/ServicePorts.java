package io.pod4j.junit;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.ServiceHandle;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;

/** Which port of a Service an {@link ServiceAddress} names, and its address in the type asked for. Pure. */
final class ServicePorts {

    /** The types a Service's address is injected as. */
    static final List<Class<?>> TYPES = List.of(URI.class, String.class, InetSocketAddress.class);

    private ServicePorts() {
    }

    /**
     * @param service the Service
     * @param port a port's name or number, or empty for the only TCP port
     * @return the port it names
     * @throws IllegalArgumentException naming the Service's ports when none (or, for empty, several) match
     */
    static ServicePort select(Service service, String port) {
        List<ServicePort> tcp = service.getSpec().getPorts().stream()
                .filter(p -> p.getProtocol() == null || "TCP".equals(p.getProtocol())).toList();
        String id = "service " + service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
        if (port.isEmpty()) {
            if (tcp.size() != 1) {
                throw new IllegalArgumentException(id + " has " + tcp.size() + " TCP ports " + describe(tcp)
                        + ": name one with @ServiceAddress(port = \"NAME\" or \"NUMBER\")");
            }
            return tcp.get(0);
        }
        return tcp.stream().filter(p -> port.equals(p.getName()) || port.equals(String.valueOf(p.getPort()))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no TCP port named or numbered \"" + port
                        + "\"; its TCP ports are " + describe(tcp)));
    }

    /**
     * The address an {@link ServiceAddress} names, where the Service's proxy publishes it on this machine.
     *
     * @param where the parameter or field, for messages
     * @throws IllegalArgumentException when there is no such Service or port, or the type is not one of {@link #TYPES}
     */
    static Object resolve(PodEngine engine, ServiceAddress address, Class<?> type, String where) {
        checkType(type, where);
        ServiceHandle handle = engine.service(address.namespace(), address.value());
        Service service = handle.get().orElseThrow(() -> new IllegalArgumentException("@ServiceAddress " + where + ": no service "
                + address.namespace() + "/" + address.value() + " exists; a @TestManifest (or @TestPod) field's manifest creates it"));
        ServicePort port = select(service, address.port());
        return as(handle.endpoint(port.getPort()), port, type);
    }

    /** @throws IllegalArgumentException unless the type is one of {@link #TYPES} */
    static void checkType(Class<?> type, String where) {
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("@ServiceAddress " + where + " must be a URI, a String or an InetSocketAddress, not a "
                    + type.getName());
        }
    }

    /**
     * @param address where the port is published on this machine
     * @param port the Service port, for the URI's scheme
     * @param type one of {@link #TYPES}
     * @return the address as that type
     */
    static Object as(InetSocketAddress address, ServicePort port, Class<?> type) {
        String hostPort = address.getHostString() + ":" + address.getPort();
        if (type == InetSocketAddress.class) {
            return address;
        }
        if (type == String.class) {
            return hostPort;
        }
        if (type == URI.class) {
            return URI.create(scheme(port) + "://" + hostPort);
        }
        throw new IllegalArgumentException("a Service's address is a URI, a String or an InetSocketAddress, not a " + type.getName());
    }

    /** https when the port says so (appProtocol, else its name, as Kubernetes' conventions have it), else http. */
    static String scheme(ServicePort port) {
        String hint = port.getAppProtocol() != null ? port.getAppProtocol() : port.getName();
        return "https".equals(hint) ? "https" : "http";
    }

    private static String describe(List<ServicePort> ports) {
        return ports.stream().map(p -> (p.getName() == null || p.getName().isEmpty() ? "" : p.getName() + ":") + p.getPort()).toList()
                .toString();
    }
}

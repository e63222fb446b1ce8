package io.pod4j.engine.probe;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Where a container's network probes go. The kubelet probes the pod IP from the node; pod4j does
 * the same when the pod IP is reachable from this JVM (a local Linux engine), and otherwise goes
 * through the port published on 127.0.0.1 (Docker Desktop, remote engines).
 *
 * @param containerId the container, for exec probes
 * @param podIP the pod's IP, or null
 * @param podIPReachable whether this JVM can connect to the pod IP
 * @param namedPorts the container's port names → numbers
 * @param published container port → published address
 */
public record ProbeTarget(String containerId, String podIP, boolean podIPReachable,
        Map<String, Integer> namedPorts, Map<Integer, InetSocketAddress> published) {

    /**
     * @param host the probe's {@code host} field, or null
     * @param port the container port
     * @return the address to connect to
     */
    public InetSocketAddress address(String host, int port) {
        if (host != null && !host.isEmpty()) {
            return new InetSocketAddress(host, port);
        }
        if (podIPReachable && podIP != null) {
            return new InetSocketAddress(podIP, port);
        }
        InetSocketAddress mapped = published.get(port);
        return mapped != null ? mapped : new InetSocketAddress(podIP == null ? "127.0.0.1" : podIP, port);
    }
}

package io.pod4j.kubernetes;

import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local ports forwarded to pods' and Services' ports through the API server, as {@code kubectl
 * port-forward} does: where pod IPs are not reachable from this machine (most clusters), this is
 * how a test reaches a pod. One per target, opened on first use, opened again when it broke
 * (its pod was replaced), all closed with the engine.
 */
final class PortForwards implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortForwards.class);

    private final Map<String, LocalPortForward> forwards = new ConcurrentHashMap<>();

    /**
     * @param key the target (kind/namespace/name/uid:port)
     * @param open opens the forward
     * @return the local address
     */
    InetSocketAddress to(String key, Supplier<LocalPortForward> open) {
        LocalPortForward f = forwards.compute(key, (k, existing) -> {
            if (existing != null && existing.isAlive() && !existing.errorOccurred()) {
                return existing;
            }
            closeQuietly(existing);
            return open.get();
        });
        return new InetSocketAddress(f.getLocalAddress(), f.getLocalPort());
    }

    @Override
    public void close() {
        forwards.values().forEach(PortForwards::closeQuietly);
        forwards.clear();
    }

    private static void closeQuietly(LocalPortForward f) {
        if (f == null) {
            return;
        }
        try {
            f.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a port-forward: {}", e.toString());
        }
    }
}

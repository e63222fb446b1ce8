package io.pod4j.junit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.pod4j.api.error.PodStartException;
import io.pod4j.api.error.PodTimeoutException;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.Watch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Waits until every object of a manifest is ready ({@link Readiness}), woken by the store's
 * watches on their kinds. A Service is ready when, beyond a ready endpoint, a connection through
 * its proxy reaches one: its proxy learns of endpoints a moment after the store has them.
 */
final class Waiting {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Waiting.class);

    /** How often a Service's proxy is tried again while it does not reach an endpoint yet. */
    private static final long PROBE_MILLIS = 100;

    private Waiting() {
    }

    /**
     * @throws PodStartException when an object never will be ready (a Job Failed, a Deployment past its progress deadline)
     * @throws PodTimeoutException when the timeout passed, with what each object still waits for
     */
    static void untilReady(ManifestHandle manifest, Duration timeout) {
        PodEngine engine = manifest.engine();
        Semaphore changed = new Semaphore(0);
        List<Watch<?>> watches = new ArrayList<>();
        Set<ResourceType<?>> kinds = new LinkedHashSet<>();
        manifest.refs().forEach(r -> kinds.add(r.type()));
        if (kinds.contains(ResourceTypes.SERVICES)) {
            kinds.add(ResourceTypes.ENDPOINT_SLICES);
        }
        Set<ManifestHandle.Ref> answered = new HashSet<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (ResourceType<?> kind : kinds) {
                Watch<?> w = engine.store().watch(kind, ListOptions.all().withResourceVersion(engine.store().resourceVersion()));
                w.onEvent(changed::release);
                watches.add(w);
            }
            while (true) {
                for (Watch<?> w : watches) {
                    while (w.nextTree().isPresent()) {
                        // Only a signal that something changed: the objects are read afresh below.
                    }
                }
                List<String> waiting = new ArrayList<>();
                boolean probing = false;
                for (ManifestHandle.Ref ref : manifest.refs()) {
                    HasMetadata object = ManifestHandle.read(engine, ref).orElse(null);
                    Readiness.Verdict v = Readiness.of(object, slices(engine, object));
                    if (v.state() == Readiness.Verdict.State.FAILED) {
                        throw new PodStartException(manifest.source() + ": " + ref + " will never be ready: " + v.message());
                    }
                    if (v.state() == Readiness.Verdict.State.WAITING) {
                        waiting.add(ref + ": " + v.message());
                    } else if (object instanceof Service s && proxied(s) && !answered.contains(ref)) {
                        if (answers(engine, s)) {
                            answered.add(ref);
                        } else {
                            probing = true;
                            waiting.add(ref + ": Waiting for its proxy to reach a ready endpoint...");
                        }
                    }
                }
                if (waiting.isEmpty()) {
                    LOG.info("{}: ready after {} ms", manifest.source(),
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - deadline + timeout.toNanos()));
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new PodTimeoutException(manifest.source() + ": not ready within " + timeout.toSeconds() + "s:\n  "
                            + String.join("\n  ", waiting));
                }
                long wait = probing ? Math.min(left, TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS)) : left;
                changed.tryAcquire(wait, TimeUnit.NANOSECONDS);
                changed.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PodTimeoutException("interrupted while waiting for " + manifest.source());
        } finally {
            watches.forEach(Watch::close);
        }
    }

    /** @return a Service's EndpointSlices; none for any other object */
    static List<EndpointSlice> slices(PodEngine engine, HasMetadata object) {
        if (!(object instanceof Service s)) {
            return List.of();
        }
        return engine.store().list(ResourceTypes.ENDPOINT_SLICES, ListOptions.inNamespace(s.getMetadata().getNamespace())
                .withLabelSelector("kubernetes.io/service-name=" + s.getMetadata().getName())).items();
    }

    /** A Service with a cluster IP and a TCP port selects pods through a proxy (headless ones have none). */
    private static boolean proxied(Service s) {
        return !"None".equals(s.getSpec().getClusterIP()) && !"ExternalName".equals(s.getSpec().getType())
                && s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty() && firstTcpPort(s) != null;
    }

    private static ServicePort firstTcpPort(Service s) {
        return s.getSpec().getPorts().stream().filter(p -> p.getProtocol() == null || "TCP".equals(p.getProtocol())).findFirst()
                .orElse(null);
    }

    /**
     * Whether a connection through the proxy reaches an endpoint: with none, the proxy resets it at
     * once; with one, the connection stays open (the server waits for the client) or the server
     * speaks first.
     */
    private static boolean answers(PodEngine engine, Service s) {
        InetSocketAddress address = engine.service(s.getMetadata().getNamespace(), s.getMetadata().getName())
                .endpoint(firstTcpPort(s).getPort());
        try (Socket socket = new Socket()) {
            socket.connect(address, 1000);
            socket.setSoTimeout((int) PROBE_MILLIS * 2);
            try {
                return socket.getInputStream().read() != -1;
            } catch (SocketTimeoutException open) {
                return true;
            }
        } catch (IOException refused) {
            return false;
        }
    }
}

package io.pod4j.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.pod4j.api.error.DockerUnavailableException;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to one Docker engine: a client for short calls, and one without a response
 * timeout for long streams (events, followed logs, exec), so a stream never starves create/start.
 *
 * <p>No API version is pinned: requests go unversioned and the daemon answers with its own
 * (Engine 20.10 speaks 1.41, Engine 29 refuses anything below 1.44).
 *
 * <p>The engine may be Podman's Docker-compatible service: its answer to the ping names it (a
 * {@code Libpod-Api-Version} header), and {@link #podman()} tells the few places that must act
 * differently on it.
 */
public final class DockerConnection implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final AtomicReference<CompletableFuture<DockerConnection>> PREFETCHED = new AtomicReference<>();

    private final String endpoint;
    private final DockerClient client;
    private final DockerClient streams;
    private final Info info;
    private final boolean podman;

    private DockerConnection(String endpoint, DockerClient client, DockerClient streams, Info info, boolean podman) {
        this.endpoint = endpoint;
        this.client = client;
        this.streams = streams;
        this.info = info;
        this.podman = podman;
    }

    /**
     * Finds an engine that answers, trying each candidate endpoint with a short timeout.
     *
     * @param explicit an endpoint to use (no search), or null to search
     * @return a connection
     * @throws DockerUnavailableException naming every endpoint tried, why each failed, and what to do
     */
    public static DockerConnection open(String explicit) {
        if (explicit == null) {
            CompletableFuture<DockerConnection> early = PREFETCHED.getAndSet(null);
            if (early != null) {
                try {
                    return early.join();
                } catch (CompletionException | java.util.concurrent.CancellationException e) {
                    // Search again below: the engine may have come up since, and the error then says why not.
                    LOG.debug("prefetched Docker connection failed: {}", e.toString());
                }
            }
        }
        return search(explicit);
    }

    /**
     * Starts opening the connection {@code open(null)} would open, on a daemon thread, so that the
     * next {@code open(null)} in this JVM finds it ready. A test run calls it as it begins: loading
     * the Docker client and finding the engine (about half a second of a cold JVM's start) then
     * overlap the test framework's own start. Does nothing when one is already on its way.
     */
    public static void prefetch() {
        CompletableFuture<DockerConnection> early = new CompletableFuture<>();
        if (!PREFETCHED.compareAndSet(null, early)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                early.complete(search(null));
            } catch (RuntimeException | Error e) {
                early.completeExceptionally(e);
            }
        }, "pod4j-prefetch");
        t.setDaemon(true);
        t.start();
    }

    /** Closes the connection {@link #prefetch()} opened if nobody took it. */
    public static void discardPrefetched() {
        CompletableFuture<DockerConnection> early = PREFETCHED.getAndSet(null);
        if (early != null) {
            early.thenAccept(DockerConnection::close);
        }
    }

    private static DockerConnection search(String explicit) {
        List<String> failures = new ArrayList<>();
        Exception last = null;
        for (String[] candidate : DockerEndpoints.candidates(explicit)) {
            String endpoint = candidate[0];
            DockerClient client = null;
            try {
                DockerHttpClient http = http(endpoint, Duration.ofSeconds(120));
                client = DockerClientImpl.getInstance(config(endpoint), http);
                boolean podman = pingIsPodman(http);
                // One request for what the engine is: the node is described from it too.
                Info info = client.infoCmd().exec();
                LOG.info("{} engine {} at {} ({})", podman ? "Podman" : "Docker", info.getServerVersion(), endpoint, candidate[1]);
                return new DockerConnection(endpoint, client, DockerClientImpl.getInstance(config(endpoint), http(endpoint, null)),
                        info, podman);
            } catch (RuntimeException e) {
                last = e;
                failures.add(endpoint + " (" + candidate[1] + "): " + rootMessage(e));
                closeQuietly(client);
            }
        }
        throw new DockerUnavailableException("no Docker engine answered. Tried:\n  - " + String.join("\n  - ", failures)
                + "\nStart Docker (on Debian as root: scripts/ensure-docker), or start Podman's service"
                + " (podman system service) and point DOCKER_HOST at its socket.",
                last);
    }

    private static DefaultDockerClientConfig config(String endpoint) {
        return DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint)
                .build();
    }

    private static DockerHttpClient http(String endpoint, Duration responseTimeout) {
        DefaultDockerClientConfig config = config(endpoint);
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(endpoint))
                .sslConfig(config.getSSLConfig() != null ? config.getSSLConfig() : DeferredTls.CONFIG)
                .maxConnections(64)
                .connectionTimeout(CONNECT_TIMEOUT);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return http.build();
    }

    /**
     * Pings the engine, as {@code docker version} does first.
     *
     * @return true when the engine is Podman's Docker-compatible service (it adds its own API version to every answer)
     * @throws IllegalStateException when the engine answers the ping with an error
     */
    private static boolean pingIsPodman(DockerHttpClient http) {
        DockerHttpClient.Request ping = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/_ping").build();
        try (DockerHttpClient.Response answer = http.execute(ping)) {
            if (answer.getStatusCode() != 200) {
                throw new IllegalStateException("the engine answered its ping with HTTP " + answer.getStatusCode());
            }
            return answer.getHeaders().keySet().stream().anyMatch("Libpod-Api-Version"::equalsIgnoreCase);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void closeQuietly(DockerClient client) {
        if (client != null) {
            try {
                client.close();
            } catch (IOException | RuntimeException ignored) {
                // Nothing to do: it never worked.
            }
        }
    }

    /** @return the endpoint in use, such as {@code unix:///var/run/docker.sock} */
    public String endpoint() {
        return endpoint;
    }

    /** @return the client for short calls */
    public DockerClient client() {
        return client;
    }

    /** @return the client for long streams (no response timeout) */
    public DockerClient streams() {
        return streams;
    }

    /** @return what the engine reported of itself when the connection was opened (version, CPUs, memory, OS) */
    public Info info() {
        return info;
    }

    /** @return true when the engine is Podman's Docker-compatible service rather than Docker Engine */
    public boolean podman() {
        return podman;
    }

    /** @return the engine as a node's {@code containerRuntimeVersion} names it: {@code docker://20.10.24}, {@code podman://4.3.1} */
    public String runtimeVersion() {
        return (podman ? "podman://" : "docker://") + info.getServerVersion();
    }

    /** @return true when the engine runs on this machine, so bind mounts of local paths work */
    public boolean isLocal() {
        return endpoint.startsWith("unix://") || endpoint.startsWith("npipe://")
                || endpoint.contains("localhost") || endpoint.contains("127.0.0.1");
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(streams);
    }
}

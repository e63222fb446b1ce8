package io.pod4j.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.pod4j.api.error.DockerUnavailableException;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections to one Docker engine: a client for short calls, and one without a response
 * timeout for long streams (events, followed logs, exec), so a stream never starves create/start.
 *
 * <p>No API version is pinned: requests go unversioned and the daemon answers with its own
 * (Engine 20.10 speaks 1.41, Engine 29 refuses anything below 1.44).
 */
public final class DockerConnection implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DockerConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final String endpoint;
    private final DockerClient client;
    private final DockerClient streams;
    private final Version version;

    private DockerConnection(String endpoint, DockerClient client, DockerClient streams, Version version) {
        this.endpoint = endpoint;
        this.client = client;
        this.streams = streams;
        this.version = version;
    }

    /**
     * Finds an engine that answers, trying each candidate endpoint with a short timeout.
     *
     * @param explicit an endpoint to use (no search), or null to search
     * @return a connection
     * @throws DockerUnavailableException naming every endpoint tried, why each failed, and what to do
     */
    public static DockerConnection open(String explicit) {
        List<String> failures = new ArrayList<>();
        Exception last = null;
        for (String[] candidate : DockerEndpoints.candidates(explicit)) {
            String endpoint = candidate[0];
            DockerClient client = null;
            try {
                client = client(endpoint, Duration.ofSeconds(120));
                client.pingCmd().exec();
                Version version = client.versionCmd().exec();
                LOG.info("Docker engine {} at {} (API {}, {})", version.getVersion(), endpoint,
                        version.getApiVersion(), candidate[1]);
                return new DockerConnection(endpoint, client, client(endpoint, null), version);
            } catch (RuntimeException e) {
                last = e;
                failures.add(endpoint + " (" + candidate[1] + "): " + rootMessage(e));
                closeQuietly(client);
            }
        }
        throw new DockerUnavailableException("no Docker engine answered. Tried:\n  - " + String.join("\n  - ", failures)
                + "\nStart Docker (on Debian as root: scripts/ensure-docker), or point DOCKER_HOST at a running engine.",
                last);
    }

    private static DockerClient client(String endpoint, Duration responseTimeout) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint)
                .build();
        ApacheDockerHttpClient.Builder http = new ApacheDockerHttpClient.Builder()
                .dockerHost(URI.create(endpoint))
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(CONNECT_TIMEOUT);
        if (responseTimeout != null) {
            http.responseTimeout(responseTimeout);
        }
        return DockerClientImpl.getInstance(config, http.build());
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

    /** @return the engine's version, as it reported it */
    public Version version() {
        return version;
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

package io.pod4j.apiserver;

import io.pod4j.apiserver.http.Extensions;
import io.pod4j.engine.PodEngine;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How an {@link ApiServer} runs: where it keeps its CA and kubeconfig, which port it listens on
 * (on 127.0.0.1 only), and how large a request body may be.
 *
 * <pre>{@code
 * ApiServerOptions.defaults().stateDir(tmp).port(0)
 * }</pre>
 *
 * @param stateDir where {@code apiserver/ca.crt}, the serving certificate and {@code kubeconfig} live
 * @param port the TCP port, 0 for any free one
 * @param maxRequestBytes the largest request body accepted; larger ones get 413 (the API server's 3 MiB by default)
 * @param extensions the handlers other packages add (OpenAPI, Tables, streams, apply)
 */
public record ApiServerOptions(Path stateDir, int port, int maxRequestBytes, Extensions extensions) {

    /** As the API server's {@code --max-request-bytes}... for JSON bodies: 3 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 3 * 1024 * 1024;

    public ApiServerOptions {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(extensions, "extensions");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port; use 0 for any free one");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be positive, was " + maxRequestBytes);
        }
    }

    /** @return the state directory of {@link PodEngine#defaultStateDir()}, any free port, 3 MiB bodies */
    public static ApiServerOptions defaults() {
        return new ApiServerOptions(PodEngine.defaultStateDir(), 0, DEFAULT_MAX_REQUEST_BYTES, Extensions.defaults());
    }

    public ApiServerOptions stateDir(Path dir) {
        return new ApiServerOptions(dir, port, maxRequestBytes, extensions);
    }

    public ApiServerOptions port(int tcpPort) {
        return new ApiServerOptions(stateDir, tcpPort, maxRequestBytes, extensions);
    }

    public ApiServerOptions maxRequestBytes(int bytes) {
        return new ApiServerOptions(stateDir, port, bytes, extensions);
    }

    public ApiServerOptions extensions(Extensions handlers) {
        return new ApiServerOptions(stateDir, port, maxRequestBytes, handlers);
    }
}

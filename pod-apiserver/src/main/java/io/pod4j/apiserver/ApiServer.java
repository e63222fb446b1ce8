package io.pod4j.apiserver;

import io.pod4j.apiserver.http.Authenticator;
import io.pod4j.apiserver.http.HttpServer;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodEngineBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes API of a {@link PodEngine}, served over HTTPS on 127.0.0.1 so that kubectl,
 * client-go tools and fabric8's client work against it. On start it makes (or reuses) a CA in
 * {@code <stateDir>/apiserver/}, picks a new random bearer token, and writes a kubeconfig with both
 * (mode 0600) to {@code <stateDir>/apiserver/kubeconfig}.
 *
 * <pre>{@code
 * try (PodEngine engine = PodEngine.builder().build();
 *      ApiServer api = ApiServer.start(engine, ApiServerOptions.defaults())) {
 *     // kubectl --kubeconfig api.kubeconfig() get pods
 * }
 * }</pre>
 *
 * <p>It holds no state of its own: every request is a call on the engine's store (or, for logs
 * and streams, on the engine's Docker connection). Closing it stops serving; the engine and its
 * pods stay.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Path kubeconfig;
    private final String token;
    /** The engine this server built and closes with itself, or null when the caller's. */
    private final PodEngine ownEngine;

    private ApiServer(HttpServer server, Path kubeconfig, String token, PodEngine ownEngine) {
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.token = token;
        this.ownEngine = ownEngine;
    }

    /**
     * Starts serving the engine's API.
     *
     * @param engine the engine; the server uses its store and Docker connection, and does not close it
     * @param options state directory, port, body limit, extensions
     * @return the running server
     * @throws UncheckedIOException when the certificates or the kubeconfig cannot be written
     * @throws IllegalStateException when the port cannot be bound
     */
    public static ApiServer start(PodEngine engine, ApiServerOptions options) {
        Objects.requireNonNull(engine, "engine");
        return Prepared.prepare(options).serve(engine, null);
    }

    /**
     * Builds an engine and serves its API, the server's own start (certificates, TLS, Netty, and one
     * TLS handshake in memory so that the first client's finds the JDK's TLS code loaded) running on
     * another thread while the engine connects to Docker and opens its store: the API answers sooner
     * than with {@code start(builder.build(), options)}. The server owns that engine:
     * {@link #engine()} gives it, and {@link #close()} closes it after the server.
     *
     * <pre>{@code
     * try (ApiServer api = ApiServer.start(PodEngine.builder(), ApiServerOptions.defaults())) {
     *     PodEngine engine = api.engine();
     * }
     * }</pre>
     *
     * @param engine how to build the engine
     * @param options state directory, port, body limit, extensions
     * @return the running server
     * @throws io.pod4j.api.error.DockerUnavailableException when the engine finds no Docker
     * @throws UncheckedIOException when the certificates or the kubeconfig cannot be written
     * @throws IllegalStateException when the port cannot be bound
     */
    public static ApiServer start(PodEngineBuilder engine, ApiServerOptions options) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(options, "options");
        CompletableFuture<Prepared> prepared = new CompletableFuture<>();
        Thread preparing = new Thread(() -> {
            try {
                Prepared p = Prepared.prepare(options);
                TlsWarmUp.handshake(p.ssl(), p.certs().serving()); // while the engine still starts
                prepared.complete(p);
            } catch (RuntimeException | Error e) {
                prepared.completeExceptionally(e);
            }
        }, "pod4j-api-start");
        preparing.setDaemon(true);
        preparing.start();
        PodEngine built;
        try {
            built = engine.build();
        } catch (RuntimeException e) {
            prepared.thenAccept(Prepared::close);
            throw e;
        }
        try {
            return joinUninterruptibly(prepared).serve(built, built);
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
    }

    /** A start's part that needs no engine: certificates, token, TLS context, the server's threads. */
    private record Prepared(ApiServerOptions options, Path dir, Certificates certs, String token, SSLContext ssl,
            HttpServer.Prepared http) {

        static Prepared prepare(ApiServerOptions options) {
            Objects.requireNonNull(options, "options");
            Path dir = options.stateDir().resolve("apiserver");
            Certificates certs = Certificates.loadOrCreate(dir);
            SSLContext ssl;
            try {
                ssl = certs.tls();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS with the certificates in " + dir + ": " + e.getMessage()
                        + "; remove " + dir + " to have new ones made", e);
            }
            return new Prepared(options, dir, certs, newToken(), ssl, HttpServer.prepare());
        }

        ApiServer serve(PodEngine engine, PodEngine ownEngine) {
            HttpServer server;
            try {
                server = http.serve(engine, ssl, new Authenticator(token), options.port(), options.maxRequestBytes(),
                        options.extensions());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the API server", e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot serve the API on 127.0.0.1:" + options.port() + ": " + e.getMessage()
                        + (options.port() == 0 ? "" : "; choose another port, or 0 for any free one"), e);
            }
            Path kubeconfig = dir.resolve("kubeconfig");
            try {
                Secrets.write(kubeconfig, Kubeconfig.render("https://127.0.0.1:" + server.port(), certs.caPem(), token));
            } catch (IOException e) {
                server.close();
                throw new UncheckedIOException("cannot write the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
            }
            LOG.info("serving the Kubernetes API on https://127.0.0.1:{} (kubeconfig {})", server.port(), kubeconfig);
            return new ApiServer(server, kubeconfig, token, ownEngine);
        }

        void close() {
            http.close();
        }
    }

    private static <T> T joinUninterruptibly(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** @return the engine whose API this is, when this server built it ({@link #start(PodEngineBuilder, ApiServerOptions)}) */
    public PodEngine engine() {
        if (ownEngine == null) {
            throw new IllegalStateException("this server serves an engine its caller built and holds");
        }
        return ownEngine;
    }

    /** @return the port the server listens on, on 127.0.0.1 */
    public int port() {
        return server.port();
    }

    /** @return e.g. {@code https://127.0.0.1:41234} */
    public String url() {
        return "https://127.0.0.1:" + port();
    }

    /** @return the kubeconfig (mode 0600) that reaches this server: {@code kubectl --kubeconfig PATH ...} */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** @return the bearer token clients must send (it is also in the kubeconfig) */
    public String token() {
        return token;
    }

    /** @return the clients' connections open now: an open watch, log stream, exec or port-forward is one */
    public int openConnections() {
        return server.openConnections();
    }

    /** @return the connections accepted since the server started (grows with every client that connects) */
    public long acceptedConnections() {
        return server.acceptedConnections();
    }

    /**
     * Stops serving: open watches, logs and streams end. The engine and its pods stay, unless this
     * server built the engine: then it closes it too.
     */
    @Override
    public void close() {
        server.close();
        if (ownEngine != null) {
            ownEngine.close();
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

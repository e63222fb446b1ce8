package io.pod4j.junit;

import io.pod4j.apiserver.ApiServer;
import io.pod4j.apiserver.ApiServerOptions;
import io.pod4j.engine.PodEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Kubernetes API of the run's engine, served on first need and closed with the run. Its state
 * (CA, token, kubeconfig) lives in a directory of its own, never the user's {@code ~/.pod4j}: the
 * command line's server and other test JVMs write kubeconfigs there, and a test must reach its own
 * engine. The only class of the extension that touches {@code pod-apiserver}, so that runs which
 * never ask for the API load none of it (nor Netty).
 */
final class EngineApi implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final ApiServer server;
    private final Path stateDir;

    private EngineApi(ApiServer server, Path stateDir) {
        this.server = server;
        this.stateDir = stateDir;
    }

    static EngineApi start(PodEngine engine) {
        Path dir;
        try {
            dir = Files.createTempDirectory("pod4j-junit-api");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a state directory for the engine's API server: " + e.getMessage(), e);
        }
        try {
            return new EngineApi(ApiServer.start(engine, ApiServerOptions.defaults().stateDir(dir)), dir);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** @return the kubeconfig (mode 0600) reaching this server */
    Path kubeconfig() {
        return server.kubeconfig();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            delete(stateDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory: what is left the OS removes in time; the key in it is useless without the server.
        }
    }
}

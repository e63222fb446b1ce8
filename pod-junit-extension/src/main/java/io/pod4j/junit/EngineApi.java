package io.pod4j.junit;

import io.pod4j.apiserver.ApiServer;
import io.pod4j.apiserver.ApiServerOptions;
import io.pod4j.engine.PodEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes API of the run's engine, served on first need and closed with the run. Its state
 * (CA, token, kubeconfig) lives in a directory of its own, never the user's {@code ~/.pod4j/apiserver}:
 * the command line's server and other test JVMs write kubeconfigs there, and a test must reach its
 * own engine. The TLS files are kept between runs in {@code <state dir>/junit-tls} and copied in:
 * making a CA loads Bouncy Castle, seconds in a cold JVM on a busy machine.
 *
 * <p>The only class of the extension that touches {@code pod-apiserver}, so that runs which never
 * ask for the API load none of it (nor Netty).
 */
final class EngineApi implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineApi.class);
    private static final List<String> TLS_FILES = List.of("ca.crt", "ca.key", "apiserver.crt", "apiserver.key");

    private final ApiServer server;
    private final Path stateDir;

    private EngineApi(ApiServer server, Path stateDir) {
        this.server = server;
        this.stateDir = stateDir;
    }

    static EngineApi start(PodEngine engine) {
        return start(engine, PodEngine.defaultStateDir().resolve("junit-tls"));
    }

    /**
     * @param engine the engine to serve
     * @param tlsCache where the TLS files of earlier runs are kept
     * @return the running server
     */
    static EngineApi start(PodEngine engine, Path tlsCache) {
        Path dir;
        try {
            dir = Files.createTempDirectory("pod4j-junit-api");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a state directory for the engine's API server: " + e.getMessage(), e);
        }
        Path tls = dir.resolve("apiserver");
        try {
            boolean cached = copy(tlsCache, tls);
            ApiServer server;
            try {
                server = ApiServer.start(engine, ApiServerOptions.defaults().stateDir(dir));
            } catch (RuntimeException e) {
                if (!cached) {
                    throw e;
                }
                LOG.debug("the TLS files kept in {} did not serve ({}); making new ones", tlsCache, e.toString());
                delete(tls);
                cached = false;
                server = ApiServer.start(engine, ApiServerOptions.defaults().stateDir(dir));
            }
            if (!cached || !same(tlsCache, tls)) {
                keep(tls, tlsCache);
            }
            return new EngineApi(server, dir);
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

    /** @return whether all the TLS files were copied (keeping their 0600 mode) */
    private static boolean copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            for (String f : TLS_FILES) {
                Files.copy(from.resolve(f), to.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
            }
            return true;
        } catch (IOException e) {
            delete(to); // none or some: the server makes what it needs
            return false;
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            for (String f : TLS_FILES) {
                if (!Arrays.equals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)))) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Puts the files where later runs find them: a whole directory at once, so no run reads half of it. */
    private static void keep(Path tls, Path cache) {
        Path fresh = cache.resolveSibling(cache.getFileName() + ".new-" + ProcessHandle.current().pid());
        Path old = cache.resolveSibling(cache.getFileName() + ".old-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(cache.getParent());
            delete(fresh);
            Files.createDirectory(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String f : TLS_FILES) {
                Files.copy(tls.resolve(f), fresh.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (Files.exists(cache)) {
                Files.move(cache, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, cache, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            LOG.debug("another run keeps its TLS files in {}", cache); // either set serves
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot keep the API server's TLS files in {}: {}", cache, e.toString());
        } finally {
            delete(fresh);
            delete(old);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory: what is left the OS removes in time; the key in it is useless without the server.
        }
    }
}

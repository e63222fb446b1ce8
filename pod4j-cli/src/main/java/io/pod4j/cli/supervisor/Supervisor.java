package io.pod4j.cli.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.cli.ApiError;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background process behind {@code ./pod4j}: one {@link PodEngine} that supervises every pod
 * the command line starts (restarts, probes, status, events), answering the CLI over a UNIX domain
 * socket in the state directory, as kubectl talks to an API server. Started on demand by
 * {@link SupervisorClient}; exits after {@code $POD4J_IDLE_SECONDS} (default 60) without pods
 * and without clients. A file lock makes sure one runs per state directory.
 */
public final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());

    private Supervisor() {
    }

    /**
     * Runs the supervisor until it has been idle long enough.
     *
     * @param args unused
     * @throws IOException when the state directory or socket cannot be set up
     */
    public static void main(String[] args) throws IOException {
        new Supervisor().run();
    }

    private void run() throws IOException {
        Files.createDirectories(StateDir.path());
        try (FileChannel lockFile = FileChannel.open(StateDir.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                LOG.info("another supervisor holds {}; exiting", StateDir.lock());
                return;
            }
            serve();
        }
        System.exit(0);
    }

    private void serve() throws IOException {
        long idleSeconds = Long.parseLong(System.getenv().getOrDefault("POD4J_IDLE_SECONDS", "60"));
        // The objects live in the state directory's store, so a supervisor started again has them all,
        // and its engine runs the pods it finds there.
        ObjectStore objects = ObjectStore.builder().directory(StateDir.path().resolve("store")).build();
        PodEngine engine;
        try {
            engine = PodEngine.builder()
                    .stateDir(StateDir.path())
                    .store(objects)
                    .closeGracePeriod(Duration.ZERO)
                    .build();
        } catch (RuntimeException e) {
            // The CLI that started this supervisor prints this line as its error, not a stack trace.
            String reason = oneLine(e);
            LOG.error("cannot start: {}", reason);
            Files.writeString(StateDir.error(), reason);
            System.exit(1);
            return;
        }
        Operations ops = new Operations(engine);
        Files.deleteIfExists(StateDir.socket());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(StateDir.socket()));
        Files.writeString(StateDir.pid(), Long.toString(ProcessHandle.current().pid()));
        LOG.info("pod4j supervisor {} listening on {} (Docker {}, node {})", ProcessHandle.current().pid(),
                StateDir.socket(), engine.docker().endpoint(), engine.nodeName());
        ExecutorService clients = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pod4j-client");
            t.setDaemon(true);
            return t;
        });
        Thread acceptor = new Thread(() -> accept(server, clients, ops), "pod4j-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                break;
            }
            boolean idle = active.get() == 0 && engine.list(null, null, null).isEmpty()
                    && System.nanoTime() - lastActivity.get() > Duration.ofSeconds(idleSeconds).toNanos();
            if (idle) {
                LOG.info("no pods and no clients for {}s; exiting", idleSeconds);
                break;
            }
            if (engine.list(null, null, null).size() > 0) {
                lastActivity.set(System.nanoTime());
            }
        }
        Files.deleteIfExists(StateDir.socket());
        Files.deleteIfExists(StateDir.pid());
        server.close();
        engine.close();
    }

    /**
     * @return the failure in one line: the engine's multi-line "no engine answered" text (the
     *     endpoints tried, then what to do) joined with semicolons
     */
    static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.strip().replace(":\n  - ", ": ").replace("\n  - ", "; ").replace("\n", ". ");
    }

    private void accept(ServerSocketChannel server, ExecutorService clients, Operations ops) {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                active.incrementAndGet();
                lastActivity.set(System.nanoTime());
                clients.execute(() -> {
                    try {
                        handle(ch, ops);
                    } finally {
                        active.decrementAndGet();
                        lastActivity.set(System.nanoTime());
                    }
                });
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("accept failed: {}", e.toString());
                }
            }
        }
    }

    private void handle(SocketChannel ch, Operations ops) {
        try (ch) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(ch);
            String line = in.readLine();
            if (line == null) {
                return;
            }
            JsonNode request = Wire.JSON.readTree(line);
            Responder responder = new Responder(out);
            try {
                ops.handle(request, responder);
            } catch (ApiError e) {
                responder.error(e.reason(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("request {} failed", request.path("op").asText(), e);
                responder.error("InternalError", e.getMessage() == null ? e.toString() : e.getMessage());
            }
        } catch (IOException e) {
            LOG.debug("client went away: {}", e.toString());
        }
    }

    /** Writes the answers to one request: one result, several (streams), or an error. */
    static final class Responder {
        private final OutputStream out;

        Responder(OutputStream out) {
            this.out = out;
        }

        /**
         * @param result one result
         * @throws IOException when the client went away
         */
        synchronized void result(JsonNode result) throws IOException {
            ObjectNode n = Wire.JSON.createObjectNode();
            n.set("result", result);
            out.write(Wire.JSON.writeValueAsBytes(n));
            out.write('\n');
            out.flush();
        }

        synchronized void error(String reason, String message) throws IOException {
            ObjectNode n = Wire.JSON.createObjectNode();
            ObjectNode e = n.putObject("error");
            e.put("reason", reason);
            e.put("message", message);
            out.write(Wire.JSON.writeValueAsBytes(n));
            out.write('\n');
            out.flush();
        }
    }
}

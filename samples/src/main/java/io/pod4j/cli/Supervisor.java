package io.pod4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pod4j.engine.PodEngine;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background process behind {@code ./pod4j}: one {@link PodEngine} that keeps supervising pods
 * (restarts, probes, status, events) after the command that created them has returned, shared by
 * every {@code ./pod4j} on the machine, as a node's kubelet and API server are. It listens on a UNIX
 * socket in the per-user state directory, is started on demand by the first command, and exits
 * once it has had no pods for a while.
 */
public final class Supervisor {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IDLE_MILLIS = Long.getLong("pod4j.supervisor.idleMillis", 60_000);

    private Supervisor() {
    }

    /** @return the socket of the supervisor for a state directory */
    static Path socket(Path stateDir) {
        return stateDir.resolve("supervisor.sock");
    }

    /**
     * @param args unused
     * @throws IOException when the socket cannot be bound
     */
    public static void main(String[] args) throws IOException {
        Path state = PodEngine.defaultStateDir();
        Files.createDirectories(state);
        Path socket = socket(state);
        Files.deleteIfExists(socket);
        PodEngine engine = PodEngine.builder().stateDir(state).build();
        AtomicLong lastActivity = new AtomicLong(System.currentTimeMillis());
        AtomicInteger active = new AtomicInteger();
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.writeString(state.resolve("supervisor.pid"), Long.toString(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // Nothing more to do on the way out.
            }
        }));
        LOG.info("pod4j supervisor {} listening on {}", ProcessHandle.current().pid(), socket);
        Thread idle = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!engine.list(null, null, null).isEmpty() || active.get() > 0) {
                    lastActivity.set(System.currentTimeMillis());
                } else if (System.currentTimeMillis() - lastActivity.get() > IDLE_MILLIS) {
                    LOG.info("no pods for {} ms: the supervisor exits", IDLE_MILLIS);
                    shutdown(engine, server);
                }
            }
        }, "pod4j-idle");
        idle.setDaemon(true);
        idle.start();
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                break;
            }
            Thread t = new Thread(() -> serve(engine, server, client, active, lastActivity), "pod4j-request");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void shutdown(PodEngine engine, ServerSocketChannel server) {
        engine.close();
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static void serve(PodEngine engine, ServerSocketChannel server, SocketChannel client, AtomicInteger active,
            AtomicLong lastActivity) {
        active.incrementAndGet();
        try (client) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            Map<String, Object> request = JSON.readValue(in.readLine(), Map.class);
            List<String> args = (List<String>) request.get("args");
            if (args.size() == 1 && args.get(0).equals("__shutdown")) {
                write(client, Map.of("exit", 0, "out", "", "err", ""));
                new Thread(() -> shutdown(engine, server)).start();
                return;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit;
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                try {
                    exit = new Commands(engine, Path.of((String) request.get("cwd")), (String) request.getOrDefault("stdin", ""), o, e)
                            .run(args);
                } catch (RuntimeException unexpected) {
                    LOG.warn("command {} failed", args, unexpected);
                    e.println("error: " + unexpected.getMessage());
                    exit = 1;
                }
            }
            write(client, Map.of("exit", exit, "out", out.toString(StandardCharsets.UTF_8), "err", err.toString(StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("a request failed: {}", e.toString());
        } finally {
            active.decrementAndGet();
            lastActivity.set(System.currentTimeMillis());
        }
    }

    private static void write(SocketChannel client, Map<String, Object> response) throws IOException {
        OutputStream o = Channels.newOutputStream(client);
        o.write(JSON.writeValueAsBytes(response));
        o.write('\n');
        o.flush();
    }
}

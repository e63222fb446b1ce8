package io.pod4j.cli.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.cli.ApiError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The CLI's side of the protocol: connects to the supervisor's UNIX domain socket, starting the
 * supervisor (detached, in its own session) when none answers, and sends one request per call.
 */
public final class SupervisorClient {

    private static final long START_TIMEOUT_MS = 30_000;

    private SupervisorClient() {
    }

    /** @return a new request object for an operation */
    public static ObjectNode request(String op) {
        ObjectNode n = Wire.JSON.createObjectNode();
        n.put("op", op);
        return n;
    }

    /**
     * Sends a request and returns its result.
     *
     * @param request the request
     * @return the result node
     * @throws ApiError what the supervisor answered as an error
     */
    public static JsonNode call(ObjectNode request) {
        JsonNode[] result = new JsonNode[1];
        stream(request, n -> result[0] = n);
        return result[0];
    }

    /**
     * Sends a request whose answer is a stream of results (as {@code get -w}), each handed to the
     * consumer until the supervisor ends the stream.
     *
     * @param request the request
     * @param results called with each result
     */
    public static void stream(ObjectNode request, Consumer<JsonNode> results) {
        try (SocketChannel channel = connect()) {
            OutputStream out = Channels.newOutputStream(channel);
            out.write(Wire.JSON.writeValueAsBytes(request));
            out.write('\n');
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            String line;
            boolean any = false;
            while ((line = in.readLine()) != null) {
                any = true;
                JsonNode response = Wire.JSON.readTree(line);
                if (response.has("error")) {
                    JsonNode e = response.get("error");
                    throw new ApiError(e.path("reason").isMissingNode() || e.get("reason").isNull() ? null : e.get("reason").asText(),
                            e.path("message").asText());
                }
                results.accept(response.get("result"));
            }
            if (!any) {
                throw new ApiError(null, "the pod4j supervisor closed the connection without answering; see " + StateDir.log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return true when a supervisor answers on the socket (does not start one) */
    public static boolean isRunning() {
        try (SocketChannel ignored = open()) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static SocketChannel connect() throws IOException {
        try {
            return open();
        } catch (IOException first) {
            Files.deleteIfExists(StateDir.error());
        }
        Process supervisor = start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        IOException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                return open();
            } catch (IOException e) {
                last = e;
            }
            if (!supervisor.isAlive() && Files.exists(StateDir.error())) {
                // It could not use the container engine and said why in one line (naming the endpoint and what to do).
                throw new ApiError(null, Files.readString(StateDir.error()).strip());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String tail = tail(StateDir.log(), 15);
        throw new ApiError(null, "the pod4j supervisor did not start within " + START_TIMEOUT_MS / 1000 + "s ("
                + (last == null ? "interrupted" : last.getMessage()) + "); its log " + StateDir.log() + " ends with:\n" + tail);
    }

    private static SocketChannel open() throws IOException {
        Path socket = StateDir.socket();
        if (!Files.exists(socket)) {
            throw new IOException("no socket " + socket);
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Starts the supervisor as a separate process in its own session (so Ctrl-C in this terminal
     * does not reach it), with the same Java and class path as this CLI, logging to the state dir.
     */
    private static Process start() throws IOException {
        Files.createDirectories(StateDir.path());
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid"))) {
            cmd.add("setsid");
        }
        cmd.add(java);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xshare:auto");
        cmd.add("-Xss512k");
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSX");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Supervisor.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(StateDir.log().toFile()))
                .redirectErrorStream(true);
        return pb.start();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

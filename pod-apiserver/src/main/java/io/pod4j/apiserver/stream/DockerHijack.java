package io.pod4j.apiserver.stream;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One hijacked Docker connection ({@code POST /exec/ID/start} or {@code /containers/ID/attach} with
 * {@code Upgrade: tcp}): after Docker's 101 answer it carries the process's streams both ways.
 *
 * <p>Why not docker-java's hijacking: it never half-closes the connection when stdin ends, so a
 * command reading stdin to its end (cat, sh reading a piped script) would never see EOF. Here
 * {@link #closeStdin()} shuts the socket's output, which Docker passes on as EOF.
 */
final class DockerHijack implements Closeable {

    private final SocketChannel socket;
    private final byte[] leftover;

    private DockerHijack(SocketChannel socket, byte[] leftover) {
        this.socket = socket;
        this.leftover = leftover;
    }

    /**
     * @param endpoint the engine's endpoint ({@code unix:///var/run/docker.sock} or {@code tcp://host:port})
     * @param path the request path, such as {@code /exec/ID/start}
     * @param json the request body, or null for none (attach: Docker would pass a body on to the
     *     container's stdin)
     * @return the connection, upgraded
     * @throws IOException when the engine cannot be reached or refuses the request (with its answer)
     */
    static DockerHijack open(String endpoint, String path, String json) throws IOException {
        SocketChannel socket = connect(endpoint);
        try {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: docker\r\n" + (json == null ? "" : "Content-Type: application/json\r\n")
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: " + body.length + "\r\n\r\n";
            write(socket, head.getBytes(StandardCharsets.US_ASCII));
            write(socket, body);
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            int end;
            while ((end = headerEnd(answer.toByteArray())) < 0) {
                buffer.clear();
                if (socket.read(buffer) < 0) {
                    throw new IOException("the Docker engine closed the connection before answering POST " + path
                            + ": " + answer.toString(StandardCharsets.UTF_8));
                }
                answer.write(buffer.array(), 0, buffer.position());
                if (answer.size() > 1 << 16) {
                    throw new IOException("the Docker engine's answer to POST " + path + " has no end of headers");
                }
            }
            byte[] all = answer.toByteArray();
            String headers = new String(all, 0, end, StandardCharsets.ISO_8859_1);
            String status = headers.substring(0, Math.max(0, headers.indexOf('\r')));
            if (!status.matches("HTTP/1\\.[01] (101|200) .*")) {
                throw new IOException("the Docker engine refused POST " + path + ": " + status + " "
                        + new String(all, end, all.length - end, StandardCharsets.UTF_8).trim());
            }
            return new DockerHijack(socket, Arrays.copyOfRange(all, end, all.length));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static SocketChannel connect(String endpoint) throws IOException {
        URI uri = URI.create(endpoint);
        switch (uri.getScheme()) {
            case "unix": {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
                return channel;
            }
            case "tcp":
            case "http":
                if (System.getenv("DOCKER_TLS_VERIFY") != null && !System.getenv("DOCKER_TLS_VERIFY").isEmpty()) {
                    break;
                }
                return SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()));
            default:
                break;
        }
        throw new IOException("exec, attach and port-forward streams need a Docker endpoint reachable as unix:// or plain"
                + " tcp://, not " + endpoint + "; point DOCKER_HOST at the engine's socket");
    }

    private static int headerEnd(byte[] bytes) {
        for (int i = 3; i < bytes.length; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static void write(SocketChannel socket, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            socket.write(buffer);
        }
    }

    /** @return the bytes of the stream that came with Docker's answer */
    byte[] leftover() {
        return leftover;
    }

    /**
     * Blocks until bytes arrive.
     *
     * @param buffer where to read
     * @return the count read, or -1 at the end
     * @throws IOException when the connection fails
     */
    int read(ByteBuffer buffer) throws IOException {
        return socket.read(buffer);
    }

    /**
     * @param bytes bytes for the process's stdin
     * @throws IOException when the connection fails
     */
    void write(byte[] bytes) throws IOException {
        write(socket, bytes);
    }

    /** Ends the process's stdin (EOF), keeping its output flowing. */
    void closeStdin() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

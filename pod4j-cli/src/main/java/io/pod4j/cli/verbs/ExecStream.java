package io.pod4j.cli.verbs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * Streams an exec's stdin, stdout and stderr over Docker's hijacked connection, and closes the
 * container's stdin when ours ends ({@code echo hi | pod4j exec -i pod -- cat} must end, as with
 * kubectl). docker-java's transports never half-close the connection after the input, so the
 * process would wait for more input forever; this speaks the protocol directly over a UNIX socket
 * or plain TCP: {@code POST /exec/ID/start} with {@code Upgrade: tcp}, then the raw stream
 * (multiplexed in 8-byte-header frames unless a TTY is attached).
 */
final class ExecStream {

    private ExecStream() {
    }

    /**
     * @param endpoint the Docker endpoint ({@code unix://} or {@code tcp://} without TLS)
     * @return true when this class can talk to it; else use docker-java's streams
     */
    static boolean supports(String endpoint) {
        return endpoint.startsWith("unix://") || (endpoint.startsWith("tcp://") && !"1".equals(System.getenv("DOCKER_TLS_VERIFY")));
    }

    /**
     * Runs a created exec to its end.
     *
     * @param endpoint the Docker endpoint
     * @param execId the exec, created with stdin attached
     * @param tty whether the exec has a TTY (then the output is not multiplexed)
     * @param in what to send to the process's stdin
     * @param out where its stdout goes
     * @param err where its stderr goes
     * @throws IOException when the connection fails
     */
    static void run(String endpoint, String execId, boolean tty, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        byte[] body = ("{\"Detach\":false,\"Tty\":" + tty + "}").getBytes(StandardCharsets.UTF_8);
        hijack(endpoint, "/exec/" + execId + "/start", body, tty, in, out, err);
    }

    /**
     * Attaches to a running container's main process ({@code kubectl attach}, {@code kubectl run -i})
     * until it ends; the end of our input closes its stdin (the container is created with
     * {@code stdinOnce}).
     *
     * @param endpoint the Docker endpoint
     * @param containerId the container, created with stdin open
     * @param tty whether the container has a TTY (then the output is not multiplexed)
     * @param in what to send to the process's stdin
     * @param out where its stdout goes
     * @param err where its stderr goes
     * @throws IOException when the connection fails
     */
    static void attach(String endpoint, String containerId, boolean tty, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        hijack(endpoint, "/containers/" + containerId + "/attach?stream=1&stdin=1&stdout=1&stderr=1", new byte[0], tty, in, out, err);
    }

    private static void hijack(String endpoint, String path, byte[] body, boolean tty, InputStream in, PrintStream out,
            PrintStream err) throws IOException {
        URI uri = URI.create(endpoint);
        try (SocketChannel channel = open(uri)) {
            // Not Channels.newInputStream/newOutputStream: they share the channel's blocking lock, so a
            // blocked read would hold up every write of the input.
            OutputStream toDocker = new ChannelOutput(channel);
            InputStream fromDocker = new ChannelInput(channel);
            String head = "POST " + path + " HTTP/1.1\r\n"
                    + "Host: docker\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            toDocker.write(head.getBytes(StandardCharsets.US_ASCII));
            toDocker.write(body);
            toDocker.flush();
            String status = readHead(fromDocker);
            if (!status.startsWith("HTTP/1.1 101") && !status.startsWith("HTTP/1.1 200")) {
                throw new IOException("Docker refused the stream " + path + ": " + status);
            }
            Thread pump = new Thread(() -> {
                try {
                    in.transferTo(toDocker);
                    toDocker.flush();
                    channel.shutdownOutput(); // the process sees end of input
                } catch (IOException closed) {
                    // The exec ended first; nothing more to send.
                }
            }, "pod4j-exec-stdin");
            pump.setDaemon(true);
            pump.start();
            if (tty) {
                fromDocker.transferTo(out);
                out.flush();
            } else {
                demultiplex(fromDocker, out, err);
            }
        }
    }

    private static SocketChannel open(URI uri) throws IOException {
        if ("unix".equals(uri.getScheme())) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
            return channel;
        }
        return SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()));
    }

    /** Writes straight to the channel, which allows a write while another thread reads. */
    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel channel;

        ChannelOutput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }
    }

    /** Reads straight from the channel. */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
        }
    }

    /** @return the status line, after reading the response head up to its blank line */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("Docker closed the connection before answering");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.indexOf('\r'));
    }

    /** Docker's stream format: [type, 0, 0, 0, size (4 bytes, big-endian)] then size bytes; type 2 is stderr. */
    private static void demultiplex(InputStream in, PrintStream out, PrintStream err) throws IOException {
        byte[] header = new byte[8];
        while (in.readNBytes(header, 0, 8) == 8) {
            int size = ByteBuffer.wrap(header, 4, 4).getInt();
            byte[] payload = in.readNBytes(size);
            PrintStream target = header[0] == 2 ? err : out;
            target.write(payload, 0, payload.length);
            target.flush();
        }
    }
}

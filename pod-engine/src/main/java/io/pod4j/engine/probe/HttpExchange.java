package io.pod4j.engine.probe;

import io.fabric8.kubernetes.api.model.HTTPHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 GET as the kubelet's prober sends it ({@code User-Agent: kube-probe/...},
 * {@code Connection: close}), reading the status line and headers, and the body (its first 10 KiB,
 * as the kubelet) only of a 3xx answer, whose warning quotes it. A plain socket, because a probe
 * every second for each of many pods must cost next to nothing.
 */
final class HttpExchange {

    /** The most of a body the kubelet reads. */
    static final int MAX_BODY = 10 * 1024;

    /**
     * @param status the status code
     * @param location the Location header, or null
     * @param body the body of a 3xx answer (at most {@link #MAX_BODY} bytes), else empty
     */
    record Response(int status, String location, String body) {
    }

    private HttpExchange() {
    }

    static Response get(URI uri, List<HTTPHeader> headers, java.util.function.Supplier<SSLSocketFactory> ssl, long deadlineNanos)
            throws IOException {
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(uri.getHost(), port), remaining(deadlineNanos));
            plain.setSoTimeout(remaining(deadlineNanos));
            Socket socket = "https".equals(uri.getScheme()) ? ssl.get().createSocket(plain, uri.getHost(), port, true) : plain;
            StringBuilder request = new StringBuilder();
            String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (uri.getRawQuery() != null) {
                target += "?" + uri.getRawQuery();
            }
            request.append("GET ").append(target).append(" HTTP/1.1\r\n");
            boolean host = false;
            boolean agent = false;
            boolean accept = false;
            for (HTTPHeader h : headers) {
                host |= h.getName().equalsIgnoreCase("Host");
                agent |= h.getName().equalsIgnoreCase("User-Agent");
                accept |= h.getName().equalsIgnoreCase("Accept");
                request.append(h.getName()).append(": ").append(h.getValue() == null ? "" : h.getValue()).append("\r\n");
            }
            if (!host) {
                request.append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n");
            }
            if (!agent) {
                request.append("User-Agent: kube-probe/1.31\r\n");
            }
            if (!accept) {
                request.append("Accept: */*\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            String status = in.readLine();
            if (status == null || !status.startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: " + status);
            }
            String[] parts = status.split(" ", 3);
            int code = Integer.parseInt(parts[1]);
            String location = null;
            long length = -1;
            boolean chunked = false;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Location")) {
                    location = value;
                } else if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                }
            }
            String body = code >= 300 && code < 400 ? body(in, length, chunked) : "";
            return new Response(code, location, body);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("malformed HTTP response", e);
        }
    }

    /**
     * Reads at most {@link #MAX_BODY} bytes of the body. The reader decodes ISO-8859-1, one char
     * per byte, so the bytes are recovered exactly and decoded as the UTF-8 they are.
     */
    private static String body(BufferedReader in, long length, boolean chunked) throws IOException {
        StringBuilder raw = new StringBuilder();
        if (chunked) {
            for (String size = in.readLine(); size != null && raw.length() < MAX_BODY; size = in.readLine()) {
                int semicolon = size.indexOf(';');
                int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
                if (n == 0) {
                    break;
                }
                read(in, raw, n);
                in.readLine(); // the CRLF after the chunk
            }
        } else {
            read(in, raw, length < 0 ? Long.MAX_VALUE : length);
        }
        String bytes = raw.length() > MAX_BODY ? raw.substring(0, MAX_BODY) : raw.toString();
        return new String(bytes.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static void read(BufferedReader in, StringBuilder to, long count) throws IOException {
        char[] buffer = new char[2048];
        long left = count;
        while (left > 0 && to.length() < MAX_BODY) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return;
            }
            to.append(buffer, 0, n);
            left -= n;
        }
    }

    private static int remaining(long deadlineNanos) throws SocketTimeoutException {
        long ms = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("probe timeout");
        }
        return (int) ms;
    }
}

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
 * {@code Connection: close}), reading only the status line and headers. A plain socket, because
 * a probe every second for each of many pods must cost next to nothing.
 */
final class HttpExchange {

    /**
     * @param status the status code
     * @param location the Location header, or null
     */
    record Response(int status, String location) {
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
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("Location")) {
                    location = line.substring(colon + 1).strip();
                }
            }
            return new Response(code, location);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("malformed HTTP status line", e);
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

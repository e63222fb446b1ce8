package io.pod4j.bench.api;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The watchers of {@link WatchLatency}, in a process of their own so that reading 100 streams does
 * not compete inside the server's JVM: each watcher is one HTTPS connection read by one thread
 * (as client-go reads a watch with one goroutine), HTTP/1.1 chunked, a line per event. It prints
 * {@code open} when every watch has its response headers, answers each {@code count} line on its
 * standard input with the number of lines its watchers have read, and, when that input closes,
 * writes each line's resourceVersion and the epoch microsecond it was read to the file given, one
 * {@code watcher rv micros} per line, then its own CPU time ({@code cpu MS}) to standard output.
 */
public final class WatchClients {

    private static final Pattern VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");

    private WatchClients() {
    }

    /** @param args URL TOKEN CAFILE WATCHERS FROM_RV OUTFILE */
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String token = args[1];
        SSLContext ssl = trusting(Path.of(args[2]));
        int watchers = Integer.parseInt(args[3]);
        String path = "/api/v1/namespaces/default/pods?watch=true&resourceVersion=" + args[4] + "&timeoutSeconds=900";
        Path out = Path.of(args[5]);
        List<ConcurrentLinkedQueue<long[]>> seen = new ArrayList<>();
        List<SSLSocket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch open = new CountDownLatch(watchers);
        for (int i = 0; i < watchers; i++) {
            ConcurrentLinkedQueue<long[]> mine = new ConcurrentLinkedQueue<>();
            seen.add(mine);
            Thread t = new Thread(() -> watch(ssl, url, path, token, mine, open, sockets), "watcher-" + i);
            t.setDaemon(true);
            t.start();
        }
        open.await();
        System.out.println("open");
        System.out.flush();
        try (BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String asked = stdin.readLine(); asked != null; asked = stdin.readLine()) {
                System.out.println(seen.stream().mapToLong(ConcurrentLinkedQueue::size).sum());
                System.out.flush();
            }
        }
        for (SSLSocket s : sockets) {
            s.close();
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
            for (int i = 0; i < seen.size(); i++) {
                for (long[] e : seen.get(i)) {
                    w.println(i + " " + e[0] + " " + e[1]);
                }
            }
        }
        System.out.println("cpu " + ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000);
    }

    /**
     * Opens the watch, again when its connection fails before the answer's headers (on a loaded
     * machine a TLS handshake may outlast the server's handshake timeout), then reads it.
     */
    private static void watch(SSLContext ssl, URI url, String path, String token, ConcurrentLinkedQueue<long[]> into,
            CountDownLatch open, List<SSLSocket> sockets) {
        for (int attempt = 1; attempt <= 10; attempt++) {
            try {
                SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket();
                sockets.add(s);
                s.connect(new InetSocketAddress(url.getHost(), url.getPort()));
                OutputStream o = s.getOutputStream();
                o.write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                o.flush();
                InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 64 * 1024);
                String status = line(in);
                if (status == null) {
                    System.err.println("watch attempt " + attempt + ": the connection closed before an answer");
                    s.close();
                    continue;
                }
                if (!status.contains(" 200 ")) {
                    throw new IllegalStateException("watch answered " + status);
                }
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    // headers: the body is chunked
                }
                open.countDown();
                read(in, into);
                return;
            } catch (IOException e) {
                System.err.println("watch attempt " + attempt + " failed: " + e);
            }
        }
        throw new IllegalStateException("the watch could not be opened in 10 attempts");
    }

    private static void read(InputStream in, ConcurrentLinkedQueue<long[]> into) {
        try {
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    return;
                }
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    return;
                }
                byte[] chunk = in.readNBytes(n);
                line(in); // the CRLF after the chunk
                long now = micros();
                int start = 0;
                for (int i = 0; i < chunk.length; i++) {
                    if (chunk[i] == '\n') {
                        pending.write(chunk, start, i - start);
                        Matcher m = VERSION.matcher(pending.toString(StandardCharsets.UTF_8));
                        if (m.find()) {
                            into.add(new long[] {Long.parseLong(m.group(1)), now});
                        }
                        pending.reset();
                        start = i + 1;
                    }
                }
                pending.write(chunk, start, chunk.length - start);
            }
        } catch (IOException e) {
            // closed at the end
        }
    }

    /** @return the epoch time in microseconds (the parent stamps commits with the same clock) */
    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                int len = b.length();
                return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static SSLContext trusting(Path caFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}

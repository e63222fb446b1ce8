package io.pod4j.bench;

import io.pod4j.api.model.Pod;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The floor under {@link ProbeCostBenchmark}: what the same probe traffic costs this machine when
 * nothing but a bare loop in a JVM does it (one thread: a TCP connect and an HTTP GET to a pod IP,
 * as many per second as the 50-pod benchmark's readiness and liveness probes), with no scheduling,
 * no status, no engine. Separates the machine's price of a connection (syscalls, the TCP handshake
 * on the bridge) from pod4j's own overhead.
 *
 * <p>Run: {@code java -cp ... io.pod4j.bench.ProbeFloorBenchmark [attempts/s] [seconds]}.
 */
public final class ProbeFloorBenchmark {

    private ProbeFloorBenchmark() {
    }

    /**
     * @param args attempts per second (default 100) and window seconds (default 30)
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (PodEngine engine = PodEngine.builder().build();
                PodHandle h = engine.create(Pod.named("probe-floor")
                        .container("web", c -> c.image("pod4j-test/busybox:1").command("httpd", "-f", "-p", "8080", "-h", "/etc")
                                .port(8080))
                        .build())) {
            h.awaitReady(Duration.ofMinutes(1));
            InetSocketAddress target = new InetSocketAddress(h.podIP(), 8080);
            long gap = 1_000_000_000L / rate;
            // Warm up the JIT first: the steady state is what is compared.
            loop(target, gap, rate * 20);
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            loop(target, gap, rate * seconds);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            Figure.info("5", "floor: a bare JVM loop doing the same " + rate + " connections/s, % of one core",
                    String.format(java.util.Locale.ROOT, "%.1f %%", 100 * cpu / wall)).record();
            out.printf("bare JVM loop, %d connections/s to a pod IP (half TCP connect, half HTTP GET): %.1f%% of one core"
                    + " over %.0f s (%.0f us per connection, engine idle beside it)%n", rate, 100 * cpu / wall, wall,
                    cpu / (rate * (double) seconds) * 1e6);
        }
    }

    private static void loop(InetSocketAddress target, long gapNanos, int attempts) throws Exception {
        byte[] request = "GET /hostname HTTP/1.1\r\nHost: probe\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] buffer = new byte[4096];
        long next = System.nanoTime();
        for (int i = 0; i < attempts; i++) {
            try (Socket s = new Socket()) {
                s.connect(target, 1000);
                if (i % 2 == 1) {
                    OutputStream o = s.getOutputStream();
                    o.write(request);
                    InputStream in = s.getInputStream();
                    while (in.read(buffer) >= 0) {
                        // Read to the end, as a probe reads the response.
                    }
                }
            }
            next += gapNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }
}

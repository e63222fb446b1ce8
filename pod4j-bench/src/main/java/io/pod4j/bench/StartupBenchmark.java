package io.pod4j.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.PodListener;
import io.pod4j.engine.docker.PauseImage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Side-by-side timing of the reference pod (infra + busybox httpd on 8080 with a tcp readiness
 * probe + a sleeping sidecar) in one JVM, interleaved: pod4j against the same pod done naively
 * with docker-java (same client, images and machine). Prints medians with min and max.
 *
 * <p>Run: {@code scripts/bench}. Not a test: it asserts nothing, it prints numbers.
 */
public final class StartupBenchmark {

    private static final String IMAGE = "pod4j-test/busybox:1";
    private static final int RUNS = 9;
    private static final int WARMUP = 2;

    private StartupBenchmark() {
    }

    /**
     * @param args unused
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        List<Long> podStart = new ArrayList<>();
        List<Long> podStop = new ArrayList<>();
        List<Long> naiveStart = new ArrayList<>();
        List<Long> naiveStop = new ArrayList<>();
        List<Long> readyLatency = new ArrayList<>();
        try (PodEngine engine = PodEngine.builder().build()) {
            DockerClient docker = engine.docker().client();
            String pause = PauseImage.ensure(docker);
            for (int i = 0; i < RUNS + WARMUP; i++) {
                long[] p = pod4j(engine, "bench-" + i, false);
                long[] n = naive(docker, pause, "bench-naive-" + i);
                if (i >= WARMUP) {
                    podStart.add(p[0]);
                    podStop.add(p[1]);
                    naiveStart.add(n[0]);
                    naiveStop.add(n[1]);
                }
            }
            for (int i = 0; i < RUNS; i++) {
                readyLatency.add(pod4j(engine, "bench-latency-" + i, true)[2]);
            }
        }
        out.printf("reference pod, %d interleaved runs after %d warm-up runs (median [min..max], ms)%n", RUNS, WARMUP);
        out.printf("  start -> Ready    pod4j %s   naive docker-java %s   ratio %.2f%n", stats(podStart), stats(naiveStart),
                ratio(podStart, naiveStart));
        out.printf("  teardown          pod4j %s   naive docker-java %s   ratio %.2f%n", stats(podStop), stats(naiveStop),
                ratio(podStop, naiveStop));
        out.printf("  container \"web\" ready after its port answered HTTP: %s%n", stats(readyLatency));
    }

    private static Pod referencePod(String name) {
        return Pod.named(name)
                .container("web", c -> c.image(IMAGE).command("httpd", "-f", "-p", "8080").port(8080)
                        .readinessProbe(Probe.tcpSocket(8080)))
                .container("sidecar", c -> c.image(IMAGE).command("sleep", "3600"))
                .build();
    }

    /**
     * One run of the reference pod.
     *
     * @param timeLatency whether to poll the published port meanwhile, to time Ready against the moment
     *     it answers; the polling costs CPU the daemon needs, so such runs time nothing else
     * @return {start→Ready ms, teardown ms, Ready latency after the port answered ms, or -1}
     */
    static long[] pod4j(PodEngine engine, String name, boolean timeLatency) throws Exception {
        AtomicLong readyAt = new AtomicLong();
        AtomicLong answeredAt = new AtomicLong();
        try (AutoCloseable l = engine.addListener(new PodListener() {
            @Override
            public void podChanged(Pod pod) {
                if (pod.metadata().name().equals(name) && readyAt.get() == 0 && pod.status() != null
                        && pod.status().containerStatuses().stream()
                                .anyMatch(c -> c.name().equals("web") && Boolean.TRUE.equals(c.ready()))) {
                    readyAt.set(System.nanoTime());
                }
            }
        })) {
            long t0 = System.nanoTime();
            PodHandle h = engine.create(referencePod(name));
            Thread poller = !timeLatency ? null : new Thread(() -> {
                // Notes the first moment the published port answers, to the millisecond. It sleeps between
                // attempts as the naive sequence does: spinning would take a core from the daemon on two.
                while (answeredAt.get() == 0 && !Thread.currentThread().isInterrupted()) {
                    try {
                        if (answers(h.endpoint("web", 8080))) {
                            answeredAt.set(System.nanoTime());
                        }
                    } catch (RuntimeException notYet) {
                        // Not published yet.
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            if (poller != null) {
                poller.start();
            }
            h.awaitReady(Duration.ofSeconds(60));
            long t1 = System.nanoTime();
            if (poller != null) {
                poller.join(5000);
                poller.interrupt();
            }
            h.close();
            long t2 = System.nanoTime();
            long latency = answeredAt.get() == 0 ? -1 : Math.max(0, readyAt.get() - answeredAt.get());
            return new long[] {ms(t1 - t0), ms(t2 - t1), latency / 1_000_000};
        }
    }

    /** The same pod, step by step with docker-java: infra, then each container, then poll the port. */
    static long[] naive(DockerClient docker, String pause, String name) throws Exception {
        long t0 = System.nanoTime();
        List<String> ids = naiveStart(docker, pause, name + "-" + BenchRun.id()); // names are unique on the daemon
        long t1 = System.nanoTime();
        for (String id : ids) {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        long t2 = System.nanoTime();
        return new long[] {ms(t1 - t0), ms(t2 - t1)};
    }

    /**
     * Starts the reference pod the naive way and returns once its port answers HTTP.
     *
     * @return the container ids, in the order to remove them (sidecar, web, infra)
     */
    static List<String> naiveStart(DockerClient docker, String pause, String name) throws Exception {
        ExposedPort http = ExposedPort.tcp(8080);
        Ports ports = new Ports();
        ports.bind(http, Ports.Binding.bindIp("127.0.0.1"));
        Map<String, String> labels = Map.of("io.pod4j.managed", "true", BenchRun.LABEL, BenchRun.id());
        String infra = docker.createContainerCmd(pause).withName(name + "-infra").withExposedPorts(http).withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(ports).withNetworkMode("bridge")).exec().getId();
        docker.startContainerCmd(infra).exec();
        String web = docker.createContainerCmd(IMAGE).withName(name + "-web").withCmd("httpd", "-f", "-p", "8080").withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + infra)).exec().getId();
        docker.startContainerCmd(web).exec();
        String side = docker.createContainerCmd(IMAGE).withName(name + "-sidecar").withCmd("sleep", "3600").withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + infra)).exec().getId();
        docker.startContainerCmd(side).exec();
        var binding = docker.inspectContainerCmd(infra).exec().getNetworkSettings().getPorts().getBindings().get(http)[0];
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(binding.getHostPortSpec()));
        while (!answers(address)) {
            Thread.sleep(1);
        }
        return List.of(side, web, infra);
    }

    /**
     * @return true when an HTTP request gets a status line back. A bare connect is not enough:
     *     Docker's port proxy accepts connections before the app listens.
     */
    public static boolean answers(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 200);
            s.setSoTimeout(500);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] head = s.getInputStream().readNBytes(12);
            return head.length == 12 && new String(head, java.nio.charset.StandardCharsets.US_ASCII).startsWith("HTTP/");
        } catch (IOException | RuntimeException notYet) {
            return false;
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static String stats(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("%4d [%d..%d]", v[v.length / 2], v[0], v[v.length - 1]);
    }

    static double ratio(List<Long> a, List<Long> b) {
        double[] r = new double[a.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (double) a.get(i) / Math.max(1, b.get(i));
        }
        Arrays.sort(r);
        return r[r.length / 2];
    }
}

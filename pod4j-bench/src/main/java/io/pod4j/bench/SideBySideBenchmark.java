package io.pod4j.bench;

import com.github.dockerjava.api.DockerClient;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.docker.PauseImage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The reference pod (infra + busybox httpd on 8080 + a sleeping sidecar, local images) started and
 * torn down by every tool there is here, interleaved run by run so that each sees the same machine:
 * pod4j (until Ready by its tcp readiness probe), the naive docker-java sequence, Testcontainers
 * GenericContainers sharing the infra's network namespace, {@code podman kube play}/{@code kube down}
 * of the same YAML and docker-compose with {@code network_mode: service:} (each when installed).
 * The others are timed until the port answers HTTP, since none of them waits for readiness. Prints
 * medians with min and max, and each tool's time against pod4j's. pod4j's Ready latency (Ready
 * against the moment its port first answers) comes from separate runs afterwards, since the polling
 * it needs takes CPU from the daemon and would slow the timed starts.
 *
 * <p>Run: {@code scripts/bench} (which sets what Testcontainers needs here). Asserts nothing.
 */
public final class SideBySideBenchmark {

    private static final String IMAGE = "pod4j-test/busybox:1";
    /** Host ports of the podman and compose pods: free ones, since other runs may be under way. */
    private static final int PODMAN_PORT = freePort();
    private static final int COMPOSE_PORT = freePort();

    private SideBySideBenchmark() {
    }

    /** One way of running the reference pod: returns {start ms, teardown ms}. */
    private interface Tool {
        long[] run(int i) throws Exception;
    }

    /**
     * @param args runs (default 7) and warm-up runs (default 2)
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        PrintStream out = System.out;
        Path work = Files.createTempDirectory("pod4j-bench");
        try (PodEngine engine = PodEngine.builder().build()) {
            DockerClient docker = engine.docker().client();
            String pause = PauseImage.ensure(docker);
            Map<String, Tool> tools = new LinkedHashMap<>();
            tools.put("pod4j", i -> StartupBenchmark.pod4j(engine, "sbs-" + i, false));
            tools.put("naive docker-java", i -> StartupBenchmark.naive(docker, pause, "sbs-naive-" + i));
            tools.put("Testcontainers", i -> testcontainers(pause));
            if (installed("podman") && podmanReady(work)) {
                tools.put("podman kube play", i -> podman(work));
            }
            if (installed("docker-compose")) {
                tools.put("docker-compose", i -> compose(work, pause, i));
            }
            Map<String, List<long[]>> results = new LinkedHashMap<>();
            tools.keySet().forEach(k -> results.put(k, new ArrayList<>()));
            for (int i = 0; i < runs + warmup; i++) {
                for (var t : tools.entrySet()) {
                    long[] r = t.getValue().run(i);
                    if (i >= warmup) {
                        results.get(t.getKey()).add(r);
                    }
                }
            }
            out.printf("reference pod, %d interleaved runs after %d warm-up runs; median [min..max] ms; ratio = pod4j / tool%n",
                    runs, warmup);
            List<long[]> mine = results.get("pod4j");
            List<Long> myStart = column(mine, 0);
            List<Long> myStop = column(mine, 1);
            Figure.info("1", "start → Ready, pod4j (ms)", Figure.stats(myStart, "")).record();
            Figure.info("1", "teardown, pod4j (ms)", Figure.stats(myStop, "")).record();
            Map<String, String> startTargets = Map.of("naive docker-java", "≤ 0.9×", "podman kube play", "≤ 0.75×");
            Map<String, String> stopTargets = Map.of("Testcontainers", "≤ 0.75×");
            for (var e : results.entrySet()) {
                if (e.getKey().equals("pod4j")) {
                    continue;
                }
                List<Long> start = column(e.getValue(), 0);
                List<Long> stop = column(e.getValue(), 1);
                row("start → Ready, " + e.getKey() + " (ms)", start, Figure.ratio(myStart, start), startTargets.get(e.getKey()));
                row("teardown, " + e.getKey() + " (ms)", stop, Figure.ratio(myStop, stop), stopTargets.get(e.getKey()));
            }
            if (!tools.containsKey("podman kube play")) {
                Figure.info("1", "podman kube play", "not installed").record();
            }
            if (!tools.containsKey("docker-compose")) {
                Figure.info("1", "docker-compose", "not installed").record();
            }
            List<Long> latency = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                latency.add(StartupBenchmark.pod4j(engine, "sbs-latency-" + i, true)[2]);
            }
            latency = latency.stream().filter(l -> l >= 0).toList();
            Figure.atMost("2", "Ready latency: port answering HTTP → pod4j reports Ready (ms)", Figure.stats(latency, ""),
                    Figure.median(latency), "%.0f ms", 50, "≤ 50 ms").record();
        } finally {
            if (installed("podman")) {
                exec(work, podmanEnv(work), 60, "podman", "kube", "down", work.resolve("pod.yaml").toString());
            }
        }
    }

    private static List<Long> column(List<long[]> runs, int index) {
        return runs.stream().map(r -> r[index]).toList();
    }

    /** A tool's row: its figure, and pod4j's time against it (with a target when there is one). */
    private static void row(String what, List<Long> values, double ratio, String target) {
        String measured = Figure.stats(values, "");
        if (target == null) {
            new Figure("1", what, measured, String.format(java.util.Locale.ROOT, "pod4j %.2f×", ratio), "—", "—").record();
        } else {
            double limit = Double.parseDouble(target.replaceAll("[^0-9.]", ""));
            Figure f = Figure.atMost("1", what, measured, ratio, "pod4j %.2f×", limit, "pod4j " + target);
            f.record();
        }
    }

    // ---------------------------------------------------------------- Testcontainers

    /** No wait at all: the infra container's port answers only once the app container runs. */
    private static final class NoWait extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
        }
    }

    /** Nothing can be pulled here: the images are local, and a pull attempt would only fail. */
    static final org.testcontainers.images.ImagePullPolicy NEVER_PULL = imageName -> false;

    private static long[] testcontainers(String pause) throws Exception {
        long t0 = System.nanoTime();
        GenericContainer<?> infra = new GenericContainer<>(DockerImageName.parse(pause)).withExposedPorts(8080)
                .withImagePullPolicy(NEVER_PULL).waitingFor(new NoWait()); // Docker's default bridge, as pod4j's pods
        infra.start();
        GenericContainer<?> web = new GenericContainer<>(DockerImageName.parse(IMAGE)).withCommand("httpd", "-f", "-p", "8080")
                .withNetworkMode("container:" + infra.getContainerId()).withImagePullPolicy(NEVER_PULL).waitingFor(new NoWait());
        web.start();
        GenericContainer<?> sidecar = new GenericContainer<>(DockerImageName.parse(IMAGE)).withCommand("sleep", "3600")
                .withNetworkMode("container:" + infra.getContainerId()).withImagePullPolicy(NEVER_PULL).waitingFor(new NoWait());
        sidecar.start();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", infra.getMappedPort(8080));
        while (!StartupBenchmark.answers(address)) {
            Thread.sleep(1);
        }
        long t1 = System.nanoTime();
        sidecar.stop();
        web.stop();
        infra.stop();
        long t2 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000};
    }

    // ---------------------------------------------------------------- podman

    private static Map<String, String> podmanEnv(Path work) {
        // podman's defaults raise rlimits and use crun, neither of which works here (see machine notes).
        return Map.of("CONTAINERS_CONF", work.resolve("containers.conf").toString());
    }

    private static boolean podmanReady(Path work) throws Exception {
        Files.writeString(work.resolve("containers.conf"), "[containers]\ndefault_ulimits=[\"nofile=4096:4096\", \"nproc=4096:4096\"]\n"
                + "[engine]\nruntime=\"runc\"\n");
        Path archive = work.resolve("busybox.tar");
        if (exec(work, Map.of(), 120, "docker", "save", "-o", archive.toString(), IMAGE) != 0) {
            return false;
        }
        if (exec(work, podmanEnv(work), 120, "podman", "load", "-i", archive.toString()) != 0) {
            return false;
        }
        Files.writeString(work.resolve("pod.yaml"), """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: sbs-podman-%s
                spec:
                  containers:
                  - name: web
                    image: %s
                    command: ["httpd", "-f", "-p", "8080"]
                    ports:
                    - containerPort: 8080
                      hostPort: %d
                      hostIP: 127.0.0.1
                    readinessProbe:
                      tcpSocket:
                        port: 8080
                  - name: sidecar
                    image: %s
                    command: ["sleep", "3600"]
                """.formatted(BenchRun.id(), IMAGE, PODMAN_PORT, IMAGE));
        try {
            long[] probe = podman(work);
            return probe[0] > 0;
        } catch (IllegalStateException e) {
            System.err.println("podman kube play does not work here: " + e.getMessage());
            return false;
        }
    }

    private static long[] podman(Path work) throws Exception {
        String yaml = work.resolve("pod.yaml").toString();
        long t0 = System.nanoTime();
        if (exec(work, podmanEnv(work), 120, "podman", "kube", "play", yaml) != 0) {
            throw new IllegalStateException("podman kube play failed: " + Files.readString(work.resolve("last.log")));
        }
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", PODMAN_PORT);
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!StartupBenchmark.answers(address)) {
            if (System.nanoTime() > limit) {
                throw new IllegalStateException("the podman pod never answered");
            }
            Thread.sleep(1);
        }
        long t1 = System.nanoTime();
        exec(work, podmanEnv(work), 120, "podman", "kube", "down", yaml);
        long t2 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000};
    }

    // ---------------------------------------------------------------- docker-compose

    private static long[] compose(Path work, String pause, int i) throws Exception {
        Path file = work.resolve("compose.yaml");
        Files.writeString(file, """
                version: "2.4"
                services:
                  infra:
                    image: %s
                    ports: ["127.0.0.1:%d:8080"]
                  web:
                    image: %s
                    command: ["httpd", "-f", "-p", "8080"]
                    network_mode: "service:infra"
                    depends_on: [infra]
                  sidecar:
                    image: %s
                    command: ["sleep", "3600"]
                    network_mode: "service:infra"
                    depends_on: [infra]
                """.formatted(pause, COMPOSE_PORT, IMAGE, IMAGE));
        String project = "pod4jbench" + BenchRun.id() + "x" + i; // unique: other runs may be under way
        long t0 = System.nanoTime();
        if (exec(work, Map.of(), 120, "docker-compose", "-p", project, "-f", file.toString(), "up", "-d") != 0) {
            throw new IllegalStateException("docker-compose up failed: " + Files.readString(work.resolve("last.log")));
        }
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", COMPOSE_PORT);
        while (!StartupBenchmark.answers(address)) {
            Thread.sleep(1);
        }
        long t1 = System.nanoTime();
        exec(work, Map.of(), 120, "docker-compose", "-p", project, "-f", file.toString(), "down", "-t", "0");
        long t2 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000};
    }

    // ---------------------------------------------------------------- processes

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static boolean installed(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static int exec(Path work, Map<String, String> env, int seconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("last.log").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}

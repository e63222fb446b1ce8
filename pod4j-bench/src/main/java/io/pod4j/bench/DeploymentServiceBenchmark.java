package io.pod4j.bench;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.PodEngine;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 19's side by side: a 3-replica Deployment of busybox httpd (the same manifest for each
 * tool) from nothing to answering, interleaved run by run so that each tool sees the same machine:
 *
 * <ul>
 * <li>pod4j: {@code apply} of the Deployment + a Service → the Service's EndpointSlice lists the 3
 *     pods Ready (readiness probe, 1 s period) and an HTTP GET through the Service (its 127.0.0.1
 *     address, netd's proxy) answers;
 * <li>{@code podman kube play} of the same Deployment (podman makes 3 pods; it has no Service and
 *     ignores readiness) → each pod's IP answers HTTP;
 * <li>docker-compose with one service scaled to 3 (one DNS name for the 3 on the project network)
 *     → each replica's IP answers HTTP.
 * </ul>
 *
 * A tool that is not installed (or does not work here) is skipped with a line saying so. Teardown
 * (to nothing left) is timed too. Asserts nothing; prints and records medians with min and max.
 *
 * <p>Run: {@code scripts/bench 8}, or {@code java -cp ... io.pod4j.bench.DeploymentServiceBenchmark [runs] [warm-up]}.
 */
public final class DeploymentServiceBenchmark {

    private static final String IMAGE = "pod4j-test/busybox:1";
    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(300);
    /** docker-compose gives up on a Docker request after 60 s by default: too short on a loaded machine. */
    private static final Map<String, String> COMPOSE_ENV = Map.of("COMPOSE_HTTP_TIMEOUT", "300");

    private DeploymentServiceBenchmark() {
    }

    /** One tool: returns {ms until answering, teardown ms}. */
    private interface Tool {
        long[] run(int i) throws Exception;
    }

    /**
     * @param args runs (default 5) and warm-up runs (default 1)
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        PrintStream out = System.out;
        Path work = Files.createTempDirectory("pod4j-bench-deploy");
        try (PodEngine engine = PodEngine.builder().build()) {
            Map<String, Tool> tools = new LinkedHashMap<>();
            tools.put("pod4j", i -> pod4j(engine, i));
            Map<String, String> skipped = new LinkedHashMap<>();
            String podman = podmanProblem(work);
            if (podman == null) {
                tools.put("podman kube play", i -> podman(work, i));
            } else {
                skipped.put("podman kube play", podman);
            }
            if (Processes.installed("docker-compose")) {
                tools.put("docker-compose", i -> compose(work, engine.docker().client(), i));
            } else {
                skipped.put("docker-compose", "not installed (apt-get install docker-compose): skipped");
            }
            skipped.forEach((tool, why) -> out.println(tool + ": " + why));
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
            out.printf("3-replica Deployment to answering, %d interleaved runs after %d warm-up; median [min..max] ms%n", runs,
                    warmup);
            List<Long> mine = column(results.get("pod4j"), 0);
            record("apply Deployment (3) + Service → 3 endpoints Ready, Service answering: pod4j (ms)", mine, null, null);
            record("teardown: pod4j (ms)", column(results.get("pod4j"), 1), null, null);
            Map<String, Double> targets = Map.of("podman kube play", 0.75, "docker-compose", 0.5);
            Map<String, String> what = Map.of("podman kube play", "podman kube play of the Deployment → 3 pods answering",
                    "docker-compose", "docker-compose up, one service × 3 → 3 replicas answering");
            for (String tool : List.of("podman kube play", "docker-compose")) {
                if (!results.containsKey(tool)) {
                    Figure.info("8", tool, skipped.get(tool)).record();
                    continue;
                }
                List<Long> theirs = column(results.get(tool), 0);
                record(what.get(tool) + " (ms)", theirs, Figure.ratio(mine, theirs), targets.get(tool));
                record("teardown: " + tool + " (ms)", column(results.get(tool), 1), null, null);
            }
        } finally {
            if (Processes.installed("podman") && Files.exists(work.resolve("deployment.yaml"))) {
                Processes.run(work, podmanEnv(work), 120, "podman", "kube", "down", work.resolve("deployment.yaml").toString());
            }
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static List<Long> column(List<long[]> runs, int index) {
        return runs.stream().map(r -> r[index]).toList();
    }

    private static void record(String what, List<Long> values, Double ratio, Double limit) {
        String measured = Figure.stats(values, "");
        Figure f = ratio == null ? Figure.info("8", what, measured)
                : Figure.atMost("8", what, measured, ratio, "pod4j %.2f×", limit, String.format(Locale.ROOT, "pod4j ≤ %.2f×", limit));
        f.record(); // prints it too
    }

    /**
     * The Deployment every tool runs: busybox httpd on 8080, ready when its port accepts. No
     * {@code ports}: podman 4 publishes a containerPort on the host, which three replicas cannot share.
     */
    static String deployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      terminationGracePeriodSeconds: 0
                      containers:
                      - name: web
                        image: %2$s
                        command: [httpd, -f, -p, "8080", -h, /etc]
                        readinessProbe:
                          tcpSocket: {port: 8080}
                          periodSeconds: 1
                """.formatted(name, IMAGE);
    }

    // ---------------------------------------------------------------- pod4j

    private static long[] pod4j(PodEngine engine, int i) throws Exception {
        String name = "bench-deploy-" + BenchRun.id() + "-" + i;
        String service = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                spec:
                  selector: {app: %1$s}
                  ports: [{port: 80, targetPort: 8080}]
                """.formatted(name);
        long t0 = System.nanoTime();
        engine.apply(Manifests.load(deployment(name) + "---\n" + service));
        while (readyEndpoints(engine, name) < 3) {
            check(t0, "pod4j's Service " + name + " never listed 3 ready endpoints");
            Thread.sleep(5);
        }
        InetSocketAddress address = engine.service("default", name).endpoint(80);
        while (!StartupBenchmark.answers(address)) {
            check(t0, "pod4j's Service " + name + " never answered");
            Thread.sleep(1);
        }
        long t1 = System.nanoTime();
        engine.store().delete(ResourceTypes.DEPLOYMENTS, "default", name, new DeleteOptionsBuilder().withPropagationPolicy("Foreground")
                .build());
        engine.store().delete(ResourceTypes.SERVICES, "default", name, null);
        while (!engine.list("default", LabelSelector.parse("app=" + name), null).isEmpty()) {
            check(t1, "pod4j's pods of " + name + " were never gone");
            Thread.sleep(5);
        }
        long t2 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000};
    }

    private static long readyEndpoints(PodEngine engine, String service) {
        List<EndpointSlice> slices = engine.store().list(ResourceTypes.ENDPOINT_SLICES,
                new ListOptions("default", "kubernetes.io/service-name=" + service, null, null)).items();
        return slices.stream().flatMap(s -> s.getEndpoints() == null ? java.util.stream.Stream.empty() : s.getEndpoints().stream())
                .filter(e -> e.getConditions() != null && Boolean.TRUE.equals(e.getConditions().getReady())).count();
    }

    private static void check(long since, String failure) {
        if (System.nanoTime() - since > LIMIT_NANOS) {
            throw new IllegalStateException(failure + " within " + TimeUnit.NANOSECONDS.toSeconds(LIMIT_NANOS) + " s");
        }
    }

    /** Waits until every address answers HTTP on 8080. */
    private static void awaitAnswering(long since, List<String> ips, String tool) throws InterruptedException {
        for (String ip : ips) {
            InetSocketAddress address = new InetSocketAddress(ip, 8080);
            while (!StartupBenchmark.answers(address)) {
                check(since, tool + "'s replica " + ip + " never answered");
                Thread.sleep(1);
            }
        }
    }

    // ---------------------------------------------------------------- podman

    private static Map<String, String> podmanEnv(Path work) {
        // podman's defaults raise rlimits and use crun, neither of which works here (see machine notes).
        return Map.of("CONTAINERS_CONF", work.resolve("containers.conf").toString());
    }

    /** @return why podman cannot run here, or null when it can (the image loaded into it) */
    private static String podmanProblem(Path work) throws Exception {
        if (!Processes.installed("podman")) {
            return "not installed (apt-get install podman catatonit): skipped";
        }
        Files.writeString(work.resolve("containers.conf"), "[containers]\ndefault_ulimits=[\"nofile=4096:4096\", \"nproc=4096:4096\"]\n"
                + "[engine]\nruntime=\"runc\"\n");
        Path archive = work.resolve("busybox.tar");
        if (Processes.run(work, Map.of(), 120, "docker", "save", "-o", archive.toString(), IMAGE) != 0
                || Processes.run(work, podmanEnv(work), 120, "podman", "load", "-i", archive.toString()) != 0) {
            return "cannot load " + IMAGE + " into podman (" + Files.readString(work.resolve("last.log")).strip() + "): skipped";
        }
        return null;
    }

    private static long[] podman(Path work, int i) throws Exception {
        String name = "bench-podman-" + BenchRun.id() + "-" + i;
        Path yaml = work.resolve("deployment.yaml");
        Files.writeString(yaml, deployment(name));
        long t0 = System.nanoTime();
        if (Processes.run(work, podmanEnv(work), 600, "podman", "kube", "play", yaml.toString()) != 0) {
            throw new IllegalStateException("podman kube play failed: " + Files.readString(work.resolve("last.log")));
        }
        List<String> containers = List.of(name + "-pod-0-web", name + "-pod-1-web", name + "-pod-2-web");
        List<String> command = new ArrayList<>(List.of("podman", "inspect", "--format",
                "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}"));
        command.addAll(containers);
        if (Processes.run(work, podmanEnv(work), 60, command.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("podman inspect failed: " + Files.readString(work.resolve("last.log")));
        }
        List<String> ips = Files.readAllLines(work.resolve("last.log")).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        awaitAnswering(t0, ips, "podman");
        long t1 = System.nanoTime();
        Processes.run(work, podmanEnv(work), 600, "podman", "kube", "down", yaml.toString());
        long t2 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000};
    }

    // ---------------------------------------------------------------- docker-compose

    private static long[] compose(Path work, DockerClient docker, int i) throws Exception {
        Path file = work.resolve("compose.yaml");
        Files.writeString(file, """
                version: "2.4"
                services:
                  web:
                    image: %s
                    command: [httpd, -f, -p, "8080", -h, /etc]
                    scale: 3
                """.formatted(IMAGE));
        String project = "pod4jbench" + BenchRun.id() + "x" + i; // unique, and what scripts/bench cleans up
        long t0 = System.nanoTime();
        if (Processes.run(work, COMPOSE_ENV, 600, "docker-compose", "-p", project, "-f", file.toString(), "up", "-d") != 0) {
            throw new IllegalStateException("docker-compose up failed: " + Files.readString(work.resolve("last.log")));
        }
        List<String> ips = new ArrayList<>();
        docker.listContainersCmd().withLabelFilter(Map.of("com.docker.compose.project", project)).exec().forEach(c ->
                c.getNetworkSettings().getNetworks().values().forEach(n -> ips.add(n.getIpAddress())));
        if (ips.size() != 3) {
            throw new IllegalStateException("docker-compose started " + ips.size() + " replicas, not 3");
        }
        awaitAnswering(t0, ips, "docker-compose");
        long t1 = System.nanoTime();
        Processes.run(work, COMPOSE_ENV, 600, "docker-compose", "-p", project, "-f", file.toString(), "down", "-t", "0");
        long t2 = System.nanoTime();
        return new long[] {(t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000};
    }

    /** The processes the competitors are driven by. */
    private static final class Processes {

        static boolean installed(String command) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, command))) {
                    return true;
                }
            }
            return false;
        }

        /** Runs the command, its output in WORK/last.log; returns its exit code, -1 when it did not end in time. */
        static int run(Path work, Map<String, String> env, int seconds, String... command) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("last.log").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        }
    }
}

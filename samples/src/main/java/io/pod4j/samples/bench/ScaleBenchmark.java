package io.pod4j.samples.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.docker.PauseImage;
import io.pod4j.engine.reaper.Owner;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Many reference pods created at once: time until all are Ready with pod4j, against the same number
 * of naive docker-java sequences (infra, web, sidecar, then the port answers) spread over as many
 * threads as the machine has cores; the engine's heap and threads per pod; and whether anything
 * is left once they are deleted.
 *
 * <p>Run: {@code scripts/bench} (or this class with {@code [pods...]}, default 10 50).
 */
public final class ScaleBenchmark {

    private static final String IMAGE = "pod4j-test/busybox:1";

    private ScaleBenchmark() {
    }

    /**
     * @param args how many pods per measurement (default 10 and 50)
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int cores = Runtime.getRuntime().availableProcessors();
        List<Integer> sizes = args.length == 0 ? List.of(10, 50) : java.util.Arrays.stream(args).map(Integer::valueOf).toList();
        for (int n : sizes) {
            long naive = naive(n, cores);
            try (PodEngine engine = PodEngine.builder().build()) {
                System.gc();
                long heap0 = used(); // the engine's own share is not the pods'
                int threads0 = Thread.activeCount();
                long t0 = System.nanoTime();
                List<PodHandle> pods = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    pods.add(engine.create(Pod.named("scale-" + i)
                            .container("web", c -> c.image(IMAGE).command("httpd", "-f", "-p", "8080").port(8080)
                                    .readinessProbe(Probe.tcpSocket(8080)))
                            .container("sidecar", c -> c.image(IMAGE).command("sleep", "3600"))
                            .build()));
                }
                for (PodHandle h : pods) {
                    h.awaitReady(Duration.ofMinutes(5));
                }
                long ready = (System.nanoTime() - t0) / 1_000_000;
                System.gc();
                long heap = used() - heap0;
                int threads = Thread.activeCount() - threads0;
                pods.parallelStream().forEach(PodHandle::close);
                int left = engine.docker().client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(Labels.OWNER, Owner.current().id())).exec().size();
                out.printf("%2d pods at once: pod4j all Ready %6d ms; %d naive sequences on %d threads %6d ms; ratio %.2f "
                        + "(target <= 1.5); engine heap %.0f KiB/pod (target <= 1024), %.2f threads/pod; containers left %d%n",
                        n, ready, n, cores, naive, (double) ready / naive, heap / 1024.0 / n, (double) threads / n, left);
            }
        }
    }

    private static long used() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** @return ms until every naive pod answered HTTP; the pods are removed afterwards */
    private static long naive(int n, int threads) throws Exception {
        try (PodEngine engine = PodEngine.builder().build()) {
            DockerClient docker = engine.docker().client();
            String pause = PauseImage.ensure(docker);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                long t0 = System.nanoTime();
                List<Future<List<String>>> started = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String name = "scale-naive-" + i;
                    started.add(pool.submit(() -> sequence(docker, pause, name)));
                }
                List<String> ids = new ArrayList<>();
                for (Future<List<String>> f : started) {
                    ids.addAll(f.get());
                }
                long ms = (System.nanoTime() - t0) / 1_000_000;
                List<Future<?>> removed = new ArrayList<>();
                for (String id : ids) {
                    removed.add(pool.submit(() -> docker.removeContainerCmd(id).withForce(true).exec()));
                }
                for (Future<?> f : removed) {
                    f.get();
                }
                return ms;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<String> sequence(DockerClient docker, String pause, String name) throws Exception {
        ExposedPort http = ExposedPort.tcp(8080);
        Ports ports = new Ports();
        ports.bind(http, Ports.Binding.bindIp("127.0.0.1"));
        Map<String, String> labels = Map.of("io.pod4j.managed", "true", "io.pod4j.bench", "naive");
        String infra = docker.createContainerCmd(pause).withName(name + "-infra").withExposedPorts(http).withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(ports).withNetworkMode("pod4j")).exec().getId();
        docker.startContainerCmd(infra).exec();
        String web = docker.createContainerCmd(IMAGE).withName(name + "-web").withCmd("httpd", "-f", "-p", "8080").withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + infra)).exec().getId();
        docker.startContainerCmd(web).exec();
        String side = docker.createContainerCmd(IMAGE).withName(name + "-sidecar").withCmd("sleep", "3600").withLabels(labels)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode("container:" + infra)).exec().getId();
        docker.startContainerCmd(side).exec();
        var binding = docker.inspectContainerCmd(infra).exec().getNetworkSettings().getPorts().getBindings().get(http)[0];
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(binding.getHostPortSpec()));
        while (!StartupBenchmark.answers(address)) {
            Thread.sleep(10);
        }
        return List.of(side, web, infra);
    }
}

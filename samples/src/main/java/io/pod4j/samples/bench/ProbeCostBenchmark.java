package io.pod4j.samples.bench;

import com.sun.management.OperatingSystemMXBean;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU the engine's process spends supervising many probed pods: N pods (default 50), each with a
 * tcpSocket readiness probe, an httpGet liveness probe and a tcpSocket startup probe, all at a 1 s
 * period; once all are Ready, the process's CPU time is measured over a window and printed as a
 * share of one core. Run: {@code scripts/bench} (or this class with {@code [pods] [seconds]}).
 */
public final class ProbeCostBenchmark {

    private ProbeCostBenchmark() {
    }

    /**
     * @param args pods (default 50) and window seconds (default 30)
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (PodEngine engine = PodEngine.builder().build()) {
            List<PodHandle> handles = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < pods; i++) {
                Probe period = Probe.tcpSocket(8080).toBuilder().periodSeconds(1).build();
                handles.add(engine.create(Pod.named("probed-" + i)
                        .container("web", c -> c.image("pod4j-test/busybox:1").command("httpd", "-f", "-p", "8080", "-h", "/etc")
                                .port(8080)
                                .startupProbe(period)
                                .readinessProbe(period)
                                .livenessProbe(Probe.httpGet("/hostname", 8080).toBuilder().periodSeconds(1).build()))
                        .build()));
            }
            for (PodHandle h : handles) {
                h.awaitReady(Duration.ofMinutes(5));
            }
            long ready = System.nanoTime();
            Thread.sleep(45_000); // let the JIT finish: the steady state is what a long test run pays
            System.gc();
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            double wall = (System.nanoTime() - wall0) / 1e9;
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            out.printf("%d pods Ready in %.1f s (created at once); then %d probe attempts/s%n", pods, (ready - t0) / 1e9, pods * 2);
            out.printf("engine process CPU while supervising: %.1f%% of one core over %.0f s (target <= 5%%)%n", 100 * cpu / wall, wall);
            out.printf("heap in use after GC and the window: %.1f MiB (%.0f KiB per pod); live threads %d%n",
                    heap / 1048576.0, heap / 1024.0 / pods, Thread.activeCount());
        }
    }
}

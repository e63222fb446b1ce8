package io.pod4j.bench;

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
 * share of one core, median of several windows. Run: {@code scripts/bench} (or this class with {@code [pods] [windows] [seconds] [warm-up seconds]}).
 */
public final class ProbeCostBenchmark {

    private ProbeCostBenchmark() {
    }

    /**
     * @param args pods (default 50), windows (default 7), seconds per window (default 5), warm-up seconds (default 45)
     * @throws Exception when Docker fails
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        int pods = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int windows = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 45;
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
            Thread.sleep(warmSeconds * 1000L); // let the JIT finish: the steady state is what a long test run pays
            List<Double> percent = new ArrayList<>();
            for (int w = 0; w < windows; w++) {
                System.gc();
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                percent.add(100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0));
            }
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            out.printf("%d pods Ready in %.1f s (created at once); then %d probe attempts/s (the startup probes stop once started); heap in use %.1f MiB, live threads %d%n",
                    pods, (ready - t0) / 1e9, pods * 2, heap / 1048576.0, Thread.activeCount());
            Figure.atMost("5", pods + " pods × 3 probes at a 1 s period: engine process CPU, % of one core (" + windows + " windows of "
                    + seconds + " s)", Figure.stats(percent, " %"), Figure.median(percent), "%.1f %%", 5, "≤ 5 %").record();
        }
    }
}

package io.pod4j.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pod4j.apiserver.ApiServer;
import io.pod4j.apiserver.ApiServerOptions;
import io.pod4j.engine.PodEngine;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Section 9: the same JUnit class ({@link BackendCase}: one three-container pod, one HTTP
 * request) run by the JUnit extension on the local backend and on the Kubernetes backend against
 * pod4j's own API server (over the same local engine), interleaved in one JVM after a warm-up of
 * each. Wall time of the JUnit run, and the JVM's CPU time (user+sys) over it: on the Kubernetes
 * backend that includes the API server and the engine behind it, as the local run includes its
 * engine, so the ratio is the cost of going through the Kubernetes API and fabric8's client.
 */
public final class BackendBenchmark {

    private BackendBenchmark() {
    }

    /**
     * @param args the number of runs of each backend
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path state = Files.createTempDirectory("pod4j-bench-backend");
        try (PodEngine cluster = PodEngine.builder().stateDir(state).build();
                ApiServer api = ApiServer.start(cluster, ApiServerOptions.defaults().stateDir(state))) {
            Map<String, String> local = Map.of("pod4j.backend", "local");
            Map<String, String> kubernetes = Map.of("pod4j.backend", "kubernetes", "pod4j.kubeconfig", api.kubeconfig().toString());
            run(local);
            run(kubernetes);
            List<Long> wallLocal = new ArrayList<>();
            List<Long> wallKubernetes = new ArrayList<>();
            List<Long> cpuLocal = new ArrayList<>();
            List<Long> cpuKubernetes = new ArrayList<>();
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            for (int i = 0; i < runs; i++) {
                boolean localFirst = i % 2 == 0; // A B, B A, ...: neither always runs on a warmer machine
                for (int k = 0; k < 2; k++) {
                    boolean isLocal = (k == 0) == localFirst;
                    long[] m = run(isLocal ? local : kubernetes);
                    (isLocal ? wallLocal : wallKubernetes).add(m[0]);
                    (isLocal ? cpuLocal : cpuKubernetes).add(m[1]);
                }
            }
            load = (load + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) / 2;
            String machine = String.format(Locale.ROOT, " (load average %.1f)", load);
            report("JUnit run of one pod class, local backend: wall", wallLocal);
            report("same class, Kubernetes backend via pod4j's API server: wall", wallKubernetes);
            report("JUnit run of one pod class, local backend: JVM CPU", cpuLocal);
            report("same class, Kubernetes backend: JVM CPU (client + API server + engine)", cpuKubernetes);
            ratio("Kubernetes / local backend, wall (medians)" + machine, wallKubernetes, wallLocal);
            ratio("Kubernetes / local backend, JVM CPU (medians)" + machine, cpuKubernetes, cpuLocal);
        }
    }

    /** @return wall and CPU milliseconds of one JUnit run of the reference class */
    private static long[] run(Map<String, String> configuration) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(BackendCase.class))
                .configurationParameters(configuration).build(), summary);
        long wall = (System.nanoTime() - start) / 1_000_000;
        long cpuMs = (os.getProcessCpuTime() - cpu) / 1_000_000;
        if (summary.getSummary().getTotalFailureCount() > 0 || summary.getSummary().getTestsSucceededCount() != 1) {
            throw new IllegalStateException("the reference class failed on " + configuration.get("pod4j.backend") + ": "
                    + summary.getSummary().getFailures().stream().map(f -> String.valueOf(f.getException())).toList());
        }
        return new long[] {wall, cpuMs};
    }

    private static void report(String what, List<Long> values) {
        Figure.info("8", what, Figure.stats(values, "ms")).record(); // record() prints it too
    }

    private static void ratio(String what, List<Long> a, List<Long> b) {
        String r = String.format(Locale.ROOT, "%.2f×", Figure.median(a) / Figure.median(b));
        Figure.info("8", what, r).record();
    }
}

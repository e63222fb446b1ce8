package io.pod4j.bench.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The installed kubectl with pod4j's kubeconfig and a cache directory of the run's own (discovery
 * is cached there after the first call, as in a user's {@code ~/.kube/cache}).
 *
 * @param kubeconfig the API server's kubeconfig
 * @param cacheDir kubectl's {@code --cache-dir}
 */
record Kubectl(Path kubeconfig, Path cacheDir) {

    /** @return the whole process's wall time (ms); fails unless it exits 0 */
    long time(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", cacheDir.toString()));
        command.addAll(List.of(args));
        return time(Map.of(), command.toArray(String[]::new));
    }

    /** @return the whole process's wall time (ms) of any command; fails unless it exits 0 */
    static long time(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pod4j-bench-cli", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end in 120 s");
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(out));
            }
            return ms;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}

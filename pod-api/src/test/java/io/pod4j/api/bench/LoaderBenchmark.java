package io.pod4j.api.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.api.validation.PodValidator;
import io.pod4j.api.yaml.Manifests;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Times loading and validating manifests (not a test: it prints numbers).
 *
 * <ul>
 *   <li>{@code many}: a generated file of 1 000 Pods, loaded repeatedly in one JVM; prints min,
 *       median and max of the later runs (the first few warm the JIT up).
 *   <li>{@code one FILE}: loads one file once, for timing a whole fresh JVM from outside.
 * </ul>
 * Run with {@code scripts/bench-loader}.
 */
public final class LoaderBenchmark {

    private LoaderBenchmark() {
    }

    /**
     * @param args {@code many} or {@code one FILE}
     * @throws Exception when a file cannot be read
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length == 2 && args[0].equals("one")) {
            List<HasMetadata> objects = Manifests.load(Path.of(args[1]));
            out.println("loaded " + objects.size() + " object(s)");
            return;
        }
        StringBuilder yaml = new StringBuilder();
        String pod = Files.readString(Path.of("pod-api/src/test/resources/manifests/web-with-probes.yaml"));
        for (int i = 0; i < 1000; i++) {
            yaml.append(pod.replace("name: web\n", "name: web-" + i + "\n")).append("---\n");
        }
        String text = yaml.toString();
        int runs = 15;
        long[] millis = new long[runs];
        for (int r = 0; r < runs + 5; r++) {
            long t0 = System.nanoTime();
            int n = 0;
            for (HasMetadata o : Manifests.load(text)) {
                n += PodValidator.validate(PodDefaults.apply((Pod) o)).isEmpty() ? 1 : 0;
            }
            long t = (System.nanoTime() - t0) / 1_000_000;
            if (n != 1000) {
                throw new IllegalStateException("expected 1000 valid pods, got " + n);
            }
            if (r >= 5) {
                millis[r - 5] = t;
            }
        }
        Arrays.sort(millis);
        out.printf("1000-pod file (%d KiB): load+default+validate min %d ms, median %d ms, max %d ms over %d runs%n",
                text.length() / 1024, millis[0], millis[runs / 2], millis[runs - 1], runs);
    }
}

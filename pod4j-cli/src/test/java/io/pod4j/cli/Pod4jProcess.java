package io.pod4j.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code ./pod4j} launcher as a process, with a state directory of its own (so
 * tests get their own supervisor and never touch a user's pods), and cleans up after a class.
 */
final class Pod4jProcess {

    /** What one command did. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path root;
    private final Path stateDir;

    Pod4jProcess(String name) {
        this.root = Path.of("..").toAbsolutePath().normalize();
        this.stateDir = Path.of("target", "cli-state-" + name).toAbsolutePath();
        ensureImage();
    }

    Path stateDir() {
        return stateDir;
    }

    /** Runs a command to completion (at most 2 minutes). */
    Result run(String... args) {
        return runWithInput(null, args);
    }

    /** Runs a command with the given text on its standard input. */
    Result runWithInput(String stdin, String... args) {
        return run(java.util.Map.of(), stdin, args);
    }

    /** Runs a command with extra environment variables (such as {@code KUBE_EDITOR}) and optional input. */
    Result run(java.util.Map<String, String> env, String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("pod4j").toString());
        cmd.addAll(List.of(args));
        return run(cmd, env, stdin);
    }

    private Result run(List<String> cmd, java.util.Map<String, String> env, String stdin) {
        String[] args = cmd.toArray(String[]::new);
        try {
            Process p = start(cmd, env);
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            Thread o = new Thread(() -> copy(p.getInputStream(), out));
            Thread e = new Thread(() -> copy(p.getErrorStream(), err));
            o.start();
            e.start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", args) + " did not finish in 2 minutes");
            }
            o.join();
            e.join();
            return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command in a terminal of its own, as a user at a shell would: script(1) gives it a pty. */
    Result inTerminal(String... args) {
        StringBuilder line = new StringBuilder("'" + root.resolve("pod4j") + "'");
        for (String a : args) {
            line.append(" '").append(a.replace("'", "'\\''")).append("'");
        }
        return run(List.of("script", "-qec", line.toString(), "/dev/null"), java.util.Map.of(), null);
    }

    /** Runs the installed kubectl itself, not through {@code ./pod4j}, as another shell would. */
    Result kubectl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("kubectl"));
        cmd.addAll(List.of(args));
        return run(cmd, java.util.Map.of(), null);
    }

    /** Starts a long-running command (port-forward, kubelet, get -w); the caller stops it. */
    Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("pod4j").toString());
        cmd.addAll(List.of(args));
        return start(cmd, java.util.Map.of());
    }

    private Process start(List<String> cmd, java.util.Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile());
        pb.environment().put("POD4J_STATE_DIR", stateDir.toString());
        pb.environment().put("POD4J_IDLE_SECONDS", "2");
        pb.environment().put("POD4J_NO_BUILD", "1");
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Deletes every pod, then waits until the supervisor has exited and left no container behind. */
    void cleanUp() throws IOException, InterruptedException {
        if (!Files.exists(stateDir.resolve("supervisor.pid"))) {
            return;
        }
        String pid = Files.readString(stateDir.resolve("supervisor.pid")).strip();
        run("delete", "pods", "--all", "-A", "--grace-period=0", "--force");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ProcessHandle.of(Long.parseLong(pid)).map(h -> !h.isAlive()).orElse(true));
        Process ps = new ProcessBuilder("docker", "ps", "-a", "--filter", "label=io.pod4j.managed=true",
                "--format", "{{.Names}} {{.Label \"io.pod4j.owner\"}}").start();
        String leftovers = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ps.waitFor();
        List<String> mine = leftovers.lines().filter(l -> l.contains("/" + pid + "/")).toList();
        if (!mine.isEmpty()) {
            throw new AssertionError("containers left behind by supervisor " + pid + ": " + mine);
        }
        // The supervisor's store keeps ConfigMaps and Secrets across restarts, as a cluster does:
        // the next run of this class starts from an empty one.
        deleteTree(stateDir.resolve("store"));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private void ensureImage() {
        try {
            Process p = new ProcessBuilder(root.resolve("scripts/ensure-test-images").toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new AssertionError("scripts/ensure-test-images failed");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void copy(java.io.InputStream in, java.io.OutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException ignored) {
            // Process ended.
        }
    }
}

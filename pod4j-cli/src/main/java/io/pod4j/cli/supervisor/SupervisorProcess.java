package io.pod4j.cli.supervisor;

import io.pod4j.cli.CliError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the running supervisor of the state directory, or starts one (detached, in its own
 * session) and waits until its API answers.
 */
public final class SupervisorProcess {

    private static final long START_TIMEOUT_MS = 90_000;

    private SupervisorProcess() {
    }

    /**
     * @return the kubeconfig of the running supervisor, started first when none runs
     * @throws CliError when it cannot start (no container engine, say), with its reason in one line
     */
    public static Path kubeconfig() {
        if (running()) {
            return StateDir.kubeconfig();
        }
        try {
            Files.createDirectories(StateDir.path());
            Files.deleteIfExists(StateDir.error());
            Process supervisor = start();
            long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline) {
                if (running()) {
                    return StateDir.kubeconfig();
                }
                if (!supervisor.isAlive()) {
                    if (Files.exists(StateDir.error())) {
                        // It could not start and said why in one line (naming the endpoint and what to do).
                        throw new CliError(Files.readString(StateDir.error()).strip());
                    }
                    // It found another one holding the lock that has not answered yet, or is leaving: try again.
                    supervisor = start();
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted while starting the pod4j supervisor");
        }
        throw new CliError("the pod4j supervisor did not start within " + START_TIMEOUT_MS / 1000 + "s; its log "
                + StateDir.log() + " ends with: " + tail(StateDir.log(), 15));
    }

    /** @return the running supervisor's process, if one serves the state directory's API (none is started) */
    public static Optional<ProcessHandle> find() {
        try {
            long pid = Long.parseLong(Files.readString(StateDir.pid()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(SupervisorProcess::isSupervisor);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** @return true when a supervisor serves the state directory's API */
    static boolean running() {
        return find().isPresent() && Files.exists(StateDir.kubeconfig());
    }

    /** A recycled pid is not mistaken for the supervisor: its command line names the class (where the OS tells). */
    private static boolean isSupervisor(ProcessHandle p) {
        return p.info().arguments().map(args -> List.of(args).contains(Supervisor.class.getName())).orElse(true);
    }

    /**
     * Starts the supervisor as a separate process in its own session (so Ctrl-C in this terminal
     * does not reach it), with the same Java and class path as this CLI, logging to the state dir.
     */
    private static Process start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                cmd.add(setsid);
                break;
            }
        }
        cmd.add(java);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xss512k");
        cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        cmd.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSX");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Supervisor.class.getName());
        return new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(StateDir.log().toFile()))
                .redirectErrorStream(true)
                .start();
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

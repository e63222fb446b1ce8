package io.pod4j.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The installed kubectl: {@code $POD4J_KUBECTL}, else {@code kubectl} on the PATH. It runs with
 * this process's standard streams, so terminals, pipes and exit codes are kubectl's own.
 */
final class Kubectl {

    /** Where kubectl comes from, for the one line that says it is missing. */
    static final String INSTALL = "https://kubernetes.io/docs/tasks/tools/";

    private Kubectl() {
    }

    /**
     * @param env the environment
     * @return the kubectl to run
     * @throws CliError when there is none, saying how to install it
     */
    static Path find(Map<String, String> env) {
        String chosen = env.get("POD4J_KUBECTL");
        if (chosen != null && !chosen.isBlank()) {
            Path p = Path.of(chosen);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new CliError("POD4J_KUBECTL=" + chosen + " is not an executable file; ./pod4j runs the real kubectl:"
                    + " point POD4J_KUBECTL at one, or install kubectl (" + INSTALL + ")");
        }
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "kubectl");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        throw new CliError("kubectl not found on the PATH; ./pod4j runs the real kubectl against pod4j: install it ("
                + INSTALL + ") or set POD4J_KUBECTL to its path");
    }

    /**
     * Runs kubectl to its end, ending it too when this process is stopped (a port-forward in the
     * background, say).
     *
     * @param kubectl the binary
     * @param kubeconfig the kubeconfig, or null to pass none
     * @param args the user's arguments, unchanged
     * @return kubectl's exit code
     */
    static int run(Path kubectl, Path kubeconfig, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(kubectl.toString());
        if (kubeconfig != null) {
            cmd.add("--kubeconfig");
            cmd.add(kubeconfig.toString());
        }
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).inheritIO().start();
        } catch (java.io.IOException e) {
            throw new CliError("cannot run " + kubectl + ": " + e.getMessage() + "; install kubectl (" + INSTALL + ")");
        }
        Thread stop = new Thread(p::destroy, "pod4j-stop-kubectl");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            return 130;
        }
    }
}

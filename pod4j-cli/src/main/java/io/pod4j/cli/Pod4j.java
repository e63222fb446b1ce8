package io.pod4j.cli;

import io.pod4j.cli.kubelet.KubeletCommand;
import io.pod4j.cli.supervisor.StateDir;
import io.pod4j.cli.supervisor.SupervisorProcess;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code ./pod4j}: the real kubectl against pod4j. Every kubectl verb runs the installed kubectl
 * with the kubeconfig of a background supervisor that serves pod4j's Kubernetes API (started on
 * demand, so pods outlive the command that created them and every shell sees the same pods);
 * {@code kubeconfig} prints that kubeconfig's path; {@code kubelet --pod-manifest-path DIR} runs
 * static pods. The launcher script runs kubectl itself when the supervisor already runs; this
 * class is the rest.
 */
public final class Pod4j {

    private static final String USAGE = """
            pod4j runs Kubernetes Pods on the local Docker engine and serves them to the real kubectl.

            Usage:
              ./pod4j VERB [ARGS...]                    kubectl VERB ARGS against pod4j (./pod4j --help: this; ./pod4j help: kubectl's)
              ./pod4j kubeconfig                        the kubeconfig's path: kubectl --kubeconfig "$(./pod4j kubeconfig)" get pods
              ./pod4j kubelet --pod-manifest-path DIR   static pods from DIR, in the foreground (Ctrl-C stops them)
              ./pod4j version [--client]                pod4j's version, then kubectl's

            kubectl is $POD4J_KUBECTL, else kubectl on the PATH (%s).
            State (store, kubeconfig, supervisor.log): $POD4J_STATE_DIR, else ~/.pod4j.
            """.formatted(Kubectl.INSTALL);

    private Pod4j() {
    }

    /**
     * Runs one command and exits with its exit code (kubectl's, for kubectl's verbs).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * @param args the command line
     * @return the exit code
     */
    public static int run(String... args) {
        List<String> all = Arrays.asList(args);
        String verb = args.length == 0 ? "" : args[0];
        try {
            return switch (verb) {
                case "", "-h", "--help" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                case "kubeconfig" -> {
                    System.out.println(SupervisorProcess.kubeconfig());
                    yield 0;
                }
                case "kubelet" -> new CommandLine(new KubeletCommand()).setExecutionExceptionHandler((ex, line, parsed) -> {
                    if (ex instanceof CliError e) {
                        System.err.println("error: " + e.getMessage());
                        return 1;
                    }
                    throw ex;
                }).execute(all.subList(1, all.size()).toArray(String[]::new));
                case "version" -> version(all);
                default -> {
                    Path kubectl = Kubectl.find(System.getenv());
                    yield Kubectl.run(kubectl, SupervisorProcess.kubeconfig(), all);
                }
            };
        } catch (CliError e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (UncheckedIOException e) {
            System.err.println("error: " + e.getCause().getMessage());
            return 1;
        }
    }

    /** pod4j's version, then kubectl's: client only with {@code --client}, else also the server's (started if needed). */
    private static int version(List<String> args) {
        String v = Pod4j.class.getPackage().getImplementationVersion();
        System.out.println("pod4j Version: " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (state " + StateDir.path() + ")");
        Path kubectl = Kubectl.find(System.getenv());
        boolean clientOnly = args.stream().anyMatch(a -> a.equals("--client") || a.equals("--client=true"));
        return Kubectl.run(kubectl, clientOnly ? null : SupervisorProcess.kubeconfig(), args);
    }
}

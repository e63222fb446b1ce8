package io.pod4j.cli.verbs;

import io.pod4j.api.model.Container;
import io.pod4j.api.model.Pod;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import io.pod4j.engine.docker.DockerConnection;
import java.io.InputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attach POD [-c C] [-i] [-t]}: this terminal on a running container's main process, as
 * kubectl attaches it (and as {@code run -i} does after creating its pod).
 */
@Command(name = "attach", mixinStandardHelpOptions = true, description = "Attach to a process that is already running inside a container.")
public class AttachCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "NAME or pod/NAME")
    String pod;

    @Option(names = {"-c", "--container"}, description = "the container")
    String container;

    @Option(names = {"-i", "--stdin"}, description = "pass stdin to the container")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "stdin is a TTY")
    boolean tty;

    @Option(names = {"-q", "--quiet"}, description = "only print output from the remote session")
    boolean quiet;

    @Mixin
    Scope scope;

    @Override
    public Integer call() throws Exception {
        String name = PodRef.name(pod);
        Pod p = PodRef.get(scope.namespace(), name);
        String phase = p.status() == null ? null : p.status().phase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            throw new ApiError(null, "cannot attach a container in a completed pod; current phase is " + phase);
        }
        String c = PodRef.container(p, container);
        session(scope.namespace(), p, c, stdin, tty, quiet);
        return 0;
    }

    /**
     * Attaches until the process ends (or, with stdin, until it ends after our input closes), then
     * prints kubectl's reattach hint when a terminal was attached.
     */
    static void session(String namespace, Pod p, String c, boolean stdin, boolean tty, boolean quiet) throws Exception {
        String name = p.metadata().name();
        Container spec = p.spec().containers().stream().filter(x -> x.name().equals(c)).findFirst()
                .orElseThrow(() -> new ApiError(null, "cannot attach to the container: container " + c + " not found"));
        boolean containerTty = Boolean.TRUE.equals(spec.tty());
        if (tty && !containerTty) {
            tty = false;
            if (!quiet) {
                System.err.println("error: Unable to use a TTY - container " + c + " did not allocate one");
            }
        } else if (!tty && containerTty) {
            // The container has a TTY, so its output is not multiplexed: read it as a TTY's.
            tty = true;
        }
        boolean raw = tty && stdin && System.console() != null;
        String id = SupervisorClient.call(SupervisorClient.request("containerId").put("namespace", namespace)
                .put("name", name).put("container", c).put("previous", false)).path("id").asText();
        if (!quiet) {
            System.err.println("If you don't see a command prompt, try pressing enter.");
        }
        String saved = raw ? ExecCommand.stty("-g").strip() : null;
        try (DockerConnection docker = DockerConnection.open(null)) {
            if (raw) {
                ExecCommand.stty("raw", "-echo");
            }
            InputStream in = stdin ? System.in : InputStream.nullInputStream();
            ExecStream.attach(docker.endpoint(), id, tty, in, System.out, System.err);
        } finally {
            if (saved != null) {
                ExecCommand.stty(saved);
            }
        }
        if (raw && !quiet) {
            System.out.println("Session ended, resume using 'pod4j attach " + name + " -c " + c + " -i -t' command when the pod is running");
        }
    }
}

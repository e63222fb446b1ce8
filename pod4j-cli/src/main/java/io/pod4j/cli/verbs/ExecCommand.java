package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.pod4j.api.model.Pod;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import io.pod4j.engine.docker.DockerConnection;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code exec [-i] [-t] NAME [-c C] -- CMD...}. Without {@code -i} the supervisor runs the command
 * and returns its output; with {@code -i}/{@code -t} the CLI attaches this terminal to the exec
 * directly through Docker (raw mode with {@code stty} for {@code -t}), as kubectl streams it; the end
 * of our input closes the process's input.
 */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Execute a command in a container.")
public class ExecCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "NAME or pod/NAME")
    String pod;

    @Parameters(index = "1..*", description = "the command, after --")
    List<String> command = new ArrayList<>();

    @Option(names = {"-c", "--container"}, description = "the container")
    String container;

    @Option(names = {"-i", "--stdin"}, description = "pass stdin to the container")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "stdin is a TTY")
    boolean tty;

    @Mixin
    Scope scope;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!command.isEmpty() && !spec.commandLine().getParseResult().originalArgs().contains("--")) {
            // kubectl 1.x dropped "exec POD CMD" (without --) and refuses it before looking at the pod.
            throw new ApiError(null, "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"
                    + "See 'pod4j exec -h' for help and examples");
        }
        if (command.isEmpty()) {
            throw new ApiError(null, "you must specify at least one command for the container");
        }
        String name = PodRef.name(pod);
        Pod p = PodRef.get(scope.namespace(), name);
        var ended = ContainerAccess.completed(p);
        if (ended.isPresent()) {
            throw ended.get();
        }
        String c = PodRef.container(p, container);
        var refused = ContainerAccess.exec(p, c);
        if (refused.isPresent()) {
            throw refused.get();
        }
        if (stdin || tty) {
            int code = interactive(name, c);
            if (code != 0) {
                System.err.println("command terminated with exit code " + code);
            }
            return code;
        }
        ObjectNode req = SupervisorClient.request("exec").put("namespace", scope.namespace()).put("name", name).put("container", c);
        command.forEach(req.withArray("command")::add);
        JsonNode r = SupervisorClient.call(req);
        System.out.print(r.path("stdout").asText());
        System.out.flush();
        System.err.print(r.path("stderr").asText());
        int code = r.path("exitCode").asInt();
        if (code != 0) {
            System.err.println("command terminated with exit code " + code);
        }
        return code;
    }

    private int interactive(String name, String c) throws Exception {
        String id = SupervisorClient.call(SupervisorClient.request("containerId").put("namespace", scope.namespace())
                .put("name", name).put("container", c).put("previous", false)).path("id").asText();
        boolean raw = tty && System.console() != null;
        if (tty && !raw) {
            System.err.println("Unable to use a TTY - input is not a terminal or the right kind of file");
        }
        try (DockerConnection docker = DockerConnection.open(null)) {
            DockerClient client = docker.streams();
            String exec = client.execCreateCmd(id).withCmd(command.toArray(String[]::new)).withAttachStdin(stdin)
                    .withAttachStdout(true).withAttachStderr(true).withTty(raw).exec().getId();
            String saved = raw ? stty("-g").strip() : null;
            try {
                if (raw) {
                    stty("raw", "-echo");
                }
                if (stdin && ExecStream.supports(docker.endpoint())) {
                    ExecStream.run(docker.endpoint(), exec, raw, System.in, System.out, System.err);
                    Long code = client.inspectExecCmd(exec).exec().getExitCodeLong();
                    return code == null ? 0 : code.intValue();
                }
                var start = client.execStartCmd(exec).withTty(raw);
                if (stdin) {
                    start.withStdIn(System.in);
                }
                start.exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame f) {
                        if (f.getStreamType() == StreamType.STDERR) {
                            System.err.write(f.getPayload(), 0, f.getPayload().length);
                            System.err.flush();
                        } else {
                            System.out.write(f.getPayload(), 0, f.getPayload().length);
                            System.out.flush();
                        }
                    }
                }).awaitCompletion();
            } finally {
                if (saved != null) {
                    stty(saved);
                }
            }
            Long code = client.inspectExecCmd(exec).exec().getExitCodeLong();
            return code == null ? 0 : code.intValue();
        }
    }

    static String stty(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("stty"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/tty")).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}

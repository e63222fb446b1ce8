package io.pod4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.docker.DockerConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code ./pod4j} command: kubectl's verbs. Most commands are carried out by the per-user
 * {@link Supervisor} (started on demand), so that pods outlive the command and every shell sees the
 * same pods; streams (logs -f, interactive exec, port-forward) run here, against Docker directly.
 */
public final class Main {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Main() {
    }

    /**
     * @param args kubectl-style arguments
     */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            out.print(Help.MAIN);
            return 0;
        }
        String verb = args.get(0);
        List<String> rest = args.subList(1, args.size());
        try {
            if (rest.contains("--help") || rest.contains("-h")) {
                out.print(Help.of(verb));
                return 0;
            }
            switch (verb) {
                case "port-forward":
                    return portForward(rest);
                case "run":
                    if (rest.stream().anyMatch(a -> a.startsWith("--dry-run") && !a.equals("--dry-run=none"))) {
                        return new Commands(null, Path.of("."), "", out, err).run(args);
                    }
                    break;
                case "logs":
                    if (rest.contains("-f") || rest.contains("--follow")) {
                        return follow(rest);
                    }
                    break;
                case "exec":
                    if (rest.contains("-it") || rest.contains("-ti") || (rest.contains("-t") && rest.contains("-i"))) {
                        return interactive(rest);
                    }
                    break;
                default:
                    break;
            }
            String stdin = "";
            if (args.contains("-") || args.contains("--filename=-") || args.contains("-f=-")) {
                stdin = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, Object> response = call(args, stdin);
            out.print(response.get("out"));
            err.print(response.get("err"));
            return ((Number) response.get("exit")).intValue();
        } catch (CliException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Sends a command line to the supervisor, starting it first when none runs. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> call(List<String> args, String stdin) throws IOException {
        Path state = PodEngine.defaultStateDir();
        Path socket = Supervisor.socket(state);
        SocketChannel channel = connect(socket);
        if (channel == null) {
            startSupervisor(state);
            long deadline = System.currentTimeMillis() + 60_000;
            while (channel == null && System.currentTimeMillis() < deadline) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                channel = connect(socket);
            }
            if (channel == null) {
                throw new CliException("the pod4j supervisor did not start; see " + state.resolve("supervisor.log"));
            }
        }
        try (SocketChannel open = channel) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("args", args);
            request.put("cwd", Path.of("").toAbsolutePath().toString());
            request.put("stdin", stdin);
            OutputStream o = Channels.newOutputStream(open);
            o.write(JSON.writeValueAsBytes(request));
            o.write('\n');
            o.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(open), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null) {
                throw new CliException("the pod4j supervisor closed the connection; see " + state.resolve("supervisor.log"));
            }
            return JSON.readValue(line, Map.class);
        }
    }

    private static SocketChannel connect(Path socket) {
        if (!Files.exists(socket)) {
            return null;
        }
        try {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            c.connect(UnixDomainSocketAddress.of(socket));
            return c;
        } catch (IOException stale) {
            return null;
        }
    }

    private static void startSupervisor(Path state) throws IOException {
        Files.createDirectories(state);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            cmd.add("/usr/bin/setsid"); // its own session: Ctrl-C in the starting shell does not reach it
        }
        cmd.addAll(List.of(java, "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "-cp", System.getProperty("java.class.path"),
                Supervisor.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("POD4J_STATE_DIR", state.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("supervisor.log").toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.start();
    }

    private static String resolve(List<String> args) throws IOException {
        Map<String, Object> r = call(args, "");
        if (((Number) r.get("exit")).intValue() != 0) {
            throw new CliException(String.valueOf(r.get("err")).replaceFirst("^error: ", "").strip());
        }
        return String.valueOf(r.get("out")).strip();
    }

    private static List<String> targetArgs(Flags f, String internal) {
        List<String> a = new ArrayList<>(List.of(internal, f.positional.get(0)));
        if (f.get("-n", "--namespace") != null) {
            a.addAll(List.of("-n", f.get("-n", "--namespace")));
        }
        if (f.get("-c", "--container") != null) {
            a.addAll(List.of("-c", f.get("-c", "--container")));
        }
        return a;
    }

    /** {@code logs -f}: streams from Docker until the container ends or the user presses Ctrl-C. */
    private static int follow(List<String> rest) throws IOException {
        Flags f = Flags.parse(rest, Set.of("-n", "--namespace", "-c", "--container", "--tail", "--since"),
                Set.of("-f", "--follow", "-p", "--previous", "--timestamps"), "logs");
        if (f.positional.isEmpty()) {
            throw new CliException("POD or TYPE/NAME is a required argument for the logs command");
        }
        List<String> a = targetArgs(f, "__container");
        if (f.has("-p", "--previous")) {
            a.add("-p");
        }
        String id = resolve(a);
        try (DockerConnection docker = DockerConnection.open(null)) {
            var cmd = docker.streams().logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .withTimestamps(f.has("--timestamps"));
            if (f.get("--tail") != null && !f.get("--tail").equals("-1")) {
                cmd.withTail(Integer.parseInt(f.get("--tail")));
            }
            cmd.exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame frame) {
                    System.out.write(frame.getPayload(), 0, frame.getPayload().length);
                    System.out.flush();
                }
            }).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code exec -it}: a real terminal, through the docker client when it is installed. */
    private static int interactive(List<String> rest) throws IOException {
        Flags f = Flags.parse(rest, Set.of("-n", "--namespace", "-c", "--container"),
                Set.of("-i", "-t", "--stdin", "--tty"), "exec");
        if (f.positional.isEmpty() || f.afterDash.isEmpty()) {
            throw new CliException("usage: pod4j exec -it POD [-c CONTAINER] -- COMMAND [ARGS...]");
        }
        String id = resolve(targetArgs(f, "__container"));
        List<String> cmd = new ArrayList<>(List.of("docker", "exec", "-it", id));
        cmd.addAll(f.afterDash);
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new CliException("an interactive exec needs the docker client on the PATH: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /**
     * {@code port-forward pod/NAME [ADDR:]LOCAL:REMOTE}: listens locally and relays each connection to
     * the port published on 127.0.0.1 (or to the pod IP), so it works where pod IPs are unreachable.
     */
    private static int portForward(List<String> rest) throws IOException {
        Flags f = Flags.parse(rest, Set.of("-n", "--namespace", "--address"), Set.of(), "port-forward");
        if (f.positional.size() < 2) {
            throw new CliException("TYPE/NAME and list of ports are required for port-forward");
        }
        String pod = f.positional.get(0);
        String[] spec = f.positional.get(1).split(":");
        int local = Integer.parseInt(spec[spec.length == 3 ? 1 : 0]);
        int remote = Integer.parseInt(spec[spec.length - 1]);
        String address = spec.length == 3 ? spec[0] : f.get("--address") == null ? "127.0.0.1" : f.get("--address");
        List<String> a = new ArrayList<>(List.of("__endpoint", pod, Integer.toString(remote)));
        if (f.get("-n", "--namespace") != null) {
            a.addAll(List.of("-n", f.get("-n", "--namespace")));
        }
        String[] target = resolve(a).split(":");
        InetSocketAddress to = new InetSocketAddress(target[0], Integer.parseInt(target[1]));
        try (ServerSocket server = new ServerSocket(local, 50, InetAddress.getByName(address))) {
            System.out.println("Forwarding from " + address + ":" + server.getLocalPort() + " -> " + remote);
            System.out.flush();
            while (true) {
                Socket in = server.accept();
                System.out.println("Handling connection for " + server.getLocalPort());
                System.out.flush();
                Thread t = new Thread(() -> relay(in, to));
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void relay(Socket in, InetSocketAddress to) {
        try (in; Socket outSocket = new Socket()) {
            outSocket.connect(to, 5000);
            Thread back = new Thread(() -> pipe(outSocket, in));
            back.setDaemon(true);
            back.start();
            pipe(in, outSocket);
            back.join(5000);
        } catch (IOException | InterruptedException e) {
            // The connection ended; port-forward keeps listening.
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream i = from.getInputStream();
            OutputStream o = to.getOutputStream();
            i.transferTo(o);
            to.shutdownOutput();
        } catch (IOException ignored) {
            // One side closed.
        }
    }
}

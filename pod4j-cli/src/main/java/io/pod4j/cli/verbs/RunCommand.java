package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import io.pod4j.api.model.Container;
import io.pod4j.api.model.ContainerPort;
import io.pod4j.api.model.EnvVar;
import io.pod4j.api.model.ObjectMeta;
import io.pod4j.api.model.Pod;
import io.pod4j.api.model.PodSpec;
import io.pod4j.api.yaml.Manifests;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.print.GoJson;
import io.pod4j.cli.print.OutputFormat;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run NAME --image=IMG [--port=P] [--labels=...] [--restart=...] [--env=K=V] [--dry-run=client -o yaml] [-- CMD...]}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Create and run a pod with one container.")
public class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the pod's name")
    String name;

    @Parameters(index = "1..*", description = "arguments (or, with --command, the command)")
    List<String> args = new ArrayList<>();

    @Option(names = "--image", required = true, description = "the image")
    String image;

    @Option(names = "--port", description = "the port the container exposes")
    Integer port;

    @Option(names = {"-l", "--labels"}, description = "labels, k=v,k2=v2 (default run=NAME)")
    String labels;

    @Option(names = "--restart", defaultValue = "Always", description = "Always, OnFailure or Never")
    String restart;

    @Option(names = "--env", description = "environment variables K=V")
    List<String> env = new ArrayList<>();

    @Option(names = "--command", description = "the arguments are the command, not args")
    boolean command;

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "client", description = "none, client or server")
    String dryRun = "none";

    @Option(names = {"-o", "--output"}, description = "yaml, json or name")
    String output;

    @Option(names = {"-i", "--stdin"}, description = "keep stdin open on the container and attach to it")
    boolean stdin;

    @Option(names = {"-t", "--tty"}, description = "allocate a TTY for the container")
    boolean tty;

    @Option(names = "--rm", description = "delete the pod after the attached session ends")
    boolean remove;

    @Option(names = "--pod-running-timeout", defaultValue = "1m", description = "how long to wait for the container to run")
    String podRunningTimeout;

    @Mixin
    Scope scope;

    @Override
    public Integer call() throws Exception {
        if (!List.of("Always", "OnFailure", "Never").contains(restart)) {
            throw new ApiError(null, "invalid restart policy: " + restart);
        }
        Map<String, String> l = new LinkedHashMap<>();
        if (labels == null) {
            l.put("run", name);
        } else {
            for (String kv : labels.split(",")) {
                String[] p = kv.split("=", 2);
                l.put(p[0], p.length > 1 ? p[1] : "");
            }
        }
        Container.Builder c = Container.builder().name(name).image(image);
        if (command) {
            c.command(args);
        } else if (!args.isEmpty()) {
            c.args(args);
        }
        if (port != null) {
            c.ports(List.of(ContainerPort.builder().containerPort(port).build()));
        }
        List<EnvVar> envs = new ArrayList<>();
        for (String e : env) {
            String[] p = e.split("=", 2);
            envs.add(EnvVar.builder().name(p[0]).value(p.length > 1 ? p[1] : "").build());
        }
        c.env(envs);
        if (stdin) {
            // As kubectl run -i: the container's stdin stays open for one attach and closes when it ends.
            c.stdin(true).stdinOnce(true).tty(tty);
        }
        Pod pod = Pod.builder().apiVersion("v1").kind("Pod")
                .metadata(ObjectMeta.builder().name(name).labels(l).build())
                .spec(PodSpec.builder().containers(List.of(c.build())).restartPolicy(restart).build())
                .build();
        // kubectl prints the object it would send, without the API server's defaults.
        Pod shown = new Pod("v1", "Pod", ObjectMeta.builder().name(name).labels(l).build(),
                PodSpec.builder().containers(List.of(c.build())).restartPolicy(restart).build(), null);
        if ("client".equals(dryRun) || "server".equals(dryRun)) {
            print(shown, " (dry run)");
            return 0;
        }
        JsonNode r = SupervisorClient.call(SupervisorClient.request("apply").put("mode", "create").put("source", "run")
                .put("namespace", scope.namespace()).put("text", Manifests.toYaml(pod)));
        if (r.get(0).has("error")) {
            throw new ApiError(r.get(0).path("error").path("reason").asText(),
                    "pods \"" + name + "\" already exists");
        }
        if (stdin) {
            return attached();
        }
        if (output == null) {
            System.out.println("pod/" + name + " created");
        } else {
            print(pod, "");
        }
        return 0;
    }

    /**
     * {@code run -i [-t] [--rm]}: attaches this terminal to the container's process once it runs, then,
     * as kubectl does, says how to reattach (with a TTY), deletes the pod ({@code --rm}) and, for
     * {@code --restart=Never|OnFailure}, exits with the container's exit code.
     */
    private int attached() throws Exception {
        long deadline = System.nanoTime() + LogsCommand.parseDuration(podRunningTimeout).toNanos();
        Pod p = PodRef.get(scope.namespace(), name);
        while (!started(p) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            p = PodRef.get(scope.namespace(), name);
        }
        if (!started(p)) {
            throw new ApiError(null, "timed out waiting for the condition");
        }
        if (running(p)) {
            AttachCommand.session(scope.namespace(), p, name, true, tty, false);
        } else {
            // Ended before we could attach: kubectl falls back to the logs.
            System.err.println("warning: couldn't attach to pod/" + name + ", falling back to streaming logs: "
                    + "unable to upgrade connection: container " + name + " not found in pod " + name + "_" + scope.namespace());
            SupervisorClient.stream(SupervisorClient.request("logs").put("namespace", scope.namespace()).put("name", name)
                    .put("container", name).put("previous", false).put("follow", false).put("timestamps", false), r -> {
                        if (r.has("data")) {
                            System.out.print(r.get("data").asText());
                        }
                    });
            System.out.flush();
        }
        int code = 0;
        if (!"Always".equals(restart)) {
            p = PodRef.get(scope.namespace(), name);
            while (!terminal(p) && System.nanoTime() < deadline + java.time.Duration.ofMinutes(1).toNanos()) {
                Thread.sleep(100);
                p = PodRef.get(scope.namespace(), name);
            }
            code = exitCode(p);
        }
        if (remove) {
            ObjectNode del = SupervisorClient.request("delete").put("namespace", scope.namespace()).put("wait", true);
            del.withArray("names").add(name);
            SupervisorClient.call(del);
            System.out.println("pod \"" + name + "\" deleted");
        }
        if (code != 0) {
            var t = p.status().containerStatuses().get(0).state().terminated();
            System.err.println("pod " + scope.namespace() + "/" + name + " terminated (" + t.reason() + ")");
            System.err.println(t.message() == null ? "" : t.message());
        }
        return code;
    }

    private static boolean started(Pod p) {
        return running(p) || terminal(p) || p.status() != null && !p.status().containerStatuses().isEmpty()
                && p.status().containerStatuses().get(0).state() != null && p.status().containerStatuses().get(0).state().terminated() != null;
    }

    private static boolean running(Pod p) {
        return p.status() != null && !p.status().containerStatuses().isEmpty() && p.status().containerStatuses().get(0).state() != null
                && p.status().containerStatuses().get(0).state().running() != null;
    }

    private static boolean terminal(Pod p) {
        return p.status() != null && ("Succeeded".equals(p.status().phase()) || "Failed".equals(p.status().phase()));
    }

    private static int exitCode(Pod p) {
        if (p.status() == null || !"Failed".equals(p.status().phase()) || p.status().containerStatuses().isEmpty()) {
            return 0;
        }
        var t = p.status().containerStatuses().get(0).state() == null ? null : p.status().containerStatuses().get(0).state().terminated();
        return t == null || t.exitCode() == null ? 1 : t.exitCode();
    }

    private void print(Pod pod, String suffix) {
        if ("yaml".equals(output)) {
            System.out.print(Manifests.toYaml(asKubectlSends(pod)));
        } else if ("json".equals(output)) {
            System.out.println(GoJson.indented(asKubectlSends(pod)));
        } else {
            System.out.println("pod/" + name + " created" + suffix);
        }
    }

    /**
     * The pod as kubectl's run generator builds it: {@code dnsPolicy: ClusterFirst} set, and the empty
     * {@code resources: {}} and {@code status: {}} that Go's encoder writes for empty structs.
     */
    static ObjectNode asKubectlSends(Pod pod) {
        ObjectNode tree = (ObjectNode) OutputFormat.tree(pod);
        ObjectNode spec = (ObjectNode) tree.get("spec");
        for (JsonNode c : spec.withArray("containers")) {
            if (!c.has("resources")) {
                ((ObjectNode) c).putObject("resources");
            }
        }
        if (!spec.has("dnsPolicy")) {
            spec.put("dnsPolicy", "ClusterFirst");
        }
        if (!tree.has("status")) {
            tree.putObject("status");
        }
        return tree;
    }
}

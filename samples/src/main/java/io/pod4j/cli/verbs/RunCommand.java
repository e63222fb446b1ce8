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

    @Mixin
    Scope scope;

    @Override
    public Integer call() {
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
        if (output == null) {
            System.out.println("pod/" + name + " created");
        } else {
            print(pod, "");
        }
        return 0;
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

package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.model.Pod;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.print.Describe;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code describe pod NAME}: kubectl's detailed text with the pod's events. */
@Command(name = "describe", mixinStandardHelpOptions = true, description = "Show details of a pod.")
public class DescribeCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "pod, pods or pod/NAME")
    String resource;

    @Parameters(index = "1..*", description = "names")
    List<String> names = new ArrayList<>();

    @Mixin
    Scope scope;

    @Option(names = {"-l", "--selector"}, description = "label selector")
    String selector;

    @Override
    public Integer call() {
        String type = resource;
        if (type.contains("/")) {
            names.add(0, type.substring(type.indexOf('/') + 1));
            type = type.substring(0, type.indexOf('/'));
        }
        if (!List.of("pod", "pods", "po").contains(type)) {
            throw new ApiError(null, "the server doesn't have a resource type \"" + type + "\"");
        }
        ObjectNode req = scope.into(SupervisorClient.request("list")).put("withEvents", true);
        names.forEach(req.withArray("names")::add);
        if (selector != null) {
            req.put("labelSelector", selector);
        }
        JsonNode res = SupervisorClient.call(req);
        Instant now = Instant.now();
        boolean first = true;
        for (JsonNode n : res.get("items")) {
            Pod p = Pods.pod(n);
            if (!first) {
                // kubectl writes "\n\n" between two descriptions, each ending in a newline.
                System.out.print("\n\n");
            }
            first = false;
            System.out.print(Describe.pod(p, Pods.events(res.path("events").path(p.metadata().name())), now));
        }
        int code = 0;
        if (res.get("items").isEmpty() && res.get("missing").isEmpty()) {
            System.err.println(scope.allNamespaces ? "No resources found" : "No resources found in " + scope.namespace() + " namespace.");
        }
        for (JsonNode m : res.get("missing")) {
            System.err.println("Error from server (NotFound): pods \"" + m.asText() + "\" not found");
            code = 1;
        }
        return code;
    }
}

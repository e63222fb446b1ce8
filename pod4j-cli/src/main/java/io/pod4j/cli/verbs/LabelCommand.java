package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.validation.NameRules;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code label pods NAME... k=v... [k-] [--overwrite] [-l SEL] [--all]}, and {@code label nodes NAME k=v}. */
@Command(name = "label", mixinStandardHelpOptions = true, description = "Update the labels on a pod or node.")
public class LabelCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "pods, nodes, pod/NAME or node/NAME")
    String resource;

    @Parameters(index = "1..*", description = "names, then KEY=VALUE or KEY-")
    List<String> rest = new ArrayList<>();

    @Option(names = "--overwrite", description = "allow changing existing values")
    boolean overwrite;

    @Option(names = {"-l", "--selector"}, description = "label selector")
    String selector;

    @Option(names = "--all", description = "every pod in the namespace")
    boolean all;

    @Mixin
    Scope scope;

    /** @return labels or annotations */
    String field() {
        return "labels";
    }

    /**
     * Reads {@code KEY=VALUE} as kubectl does before asking the server: a label has exactly one
     * {@code =} and a valid value (the server checks keys); an annotation needs a key.
     */
    String[] pair(String arg) {
        if ("labels".equals(field())) {
            String[] parts = arg.split("=", -1);
            if (parts.length != 2) {
                throw new ApiError(null, "invalid label spec: " + arg);
            }
            List<String> errors = NameRules.labelValue(parts[1]);
            if (!errors.isEmpty()) {
                throw new ApiError(null, "invalid label value: \"" + arg + "\": " + String.join(";", errors));
            }
            return parts;
        }
        String[] parts = arg.split("=", 2);
        if (parts[0].isEmpty()) {
            throw new ApiError(null, "invalid annotation spec: " + arg);
        }
        return parts;
    }

    @Override
    public Integer call() {
        String type = resource;
        List<String> names = new ArrayList<>();
        if (type.contains("/")) {
            names.add(type.substring(type.indexOf('/') + 1));
            type = type.substring(0, type.indexOf('/'));
        }
        ObjectNode req = SupervisorClient.request(List.of("nodes", "node", "no").contains(type) ? "labelNode" : "meta");
        if (!List.of("nodes", "node", "no", "pods", "pod", "po").contains(type)) {
            throw new ApiError(null, "the server doesn't have a resource type \"" + type + "\"");
        }
        ObjectNode set = req.putObject("set");
        var remove = req.putArray("remove");
        for (String a : rest) {
            if (a.contains("=")) {
                String[] kv = pair(a);
                set.put(kv[0], kv[1]);
            } else if (a.endsWith("-")) {
                remove.add(a.substring(0, a.length() - 1));
            } else {
                names.add(a);
            }
        }
        if (set.isEmpty() && remove.isEmpty()) {
            throw new ApiError(null, "at least one " + ("labels".equals(field()) ? "label" : "annotation") + " update is required");
        }
        if (names.isEmpty() && selector == null && !all) {
            throw new ApiError(null, "resource(s) were provided, but no name was specified");
        }
        scope.into(req).put("field", field()).put("overwrite", overwrite).put("all", all);
        if (selector != null) {
            req.put("labelSelector", selector);
        }
        names.forEach(req.withArray("names")::add);
        JsonNode results = SupervisorClient.call(req);
        for (JsonNode r : results) {
            r.path("notFound").forEach(k -> System.out.println(("labels".equals(field()) ? "label" : "annotation") + " \"" + k.asText() + "\" not found."));
        }
        return Pods.report(results, "%s/%s %s");
    }
}

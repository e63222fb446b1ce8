package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apply -f FILE|DIR|-}: creates pods, or updates the labels and annotations of existing ones. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Apply a configuration to a resource by file name or stdin.")
public class ApplyCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, description = "file, directory or - for stdin")
    List<String> files = new java.util.ArrayList<>();

    @Mixin
    Scope scope;

    /** @return apply or create */
    String mode() {
        return "apply";
    }

    @Override
    public Integer call() {
        if (files.isEmpty()) {
            throw new io.pod4j.cli.ApiError(null, "must specify one of -f and -k");
        }
        int code = 0;
        for (Map.Entry<String, String> f : ManifestFiles.read(files)) {
            ObjectNode req = SupervisorClient.request("apply").put("mode", mode()).put("source", f.getKey()).put("text", f.getValue());
            req.put("namespace", scope.namespace());
            req.put("explicitNamespace", scope.namespace != null);
            JsonNode results = SupervisorClient.call(req);
            code = Math.max(code, Pods.report(results, "%s/%s %s"));
        }
        return code;
    }
}

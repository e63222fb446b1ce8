package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wait --for=condition=Ready|--for=delete|--for=jsonpath={.status.phase}=P pod/NAME [--timeout=30s]}. */
@Command(name = "wait", mixinStandardHelpOptions = true, description = "Wait for a condition on pods.")
public class WaitCommand implements Callable<Integer> {

    @Parameters(index = "0..*", arity = "1..*", description = "pod/NAME..., or pods NAME..., or pods with -l/--all")
    List<String> pods;

    @Option(names = {"-l", "--selector"}, description = "wait for the pods this label selector matches")
    String selector;

    @Option(names = "--all", description = "wait for every pod in the namespace")
    boolean all;

    @Option(names = "--for", required = true, description = "condition=Ready, delete, or jsonpath={.status.phase}=Running")
    String forWhat;

    @Option(names = "--timeout", defaultValue = "30s", description = "how long to wait")
    String timeout;

    @Mixin
    Scope scope;

    @Override
    public Integer call() {
        long millis = LogsCommand.parseDuration(timeout).toMillis();
        List<String> names = new java.util.ArrayList<>();
        for (String p : pods) {
            if (!p.equals("pod") && !p.equals("pods") && !p.equals("po")) {
                names.add(PodRef.name(p));
            }
        }
        if (selector != null || all) {
            ObjectNode list = scope.into(SupervisorClient.request("list"));
            if (selector != null) {
                list.put("labelSelector", selector);
            }
            SupervisorClient.call(list).path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
            if (names.isEmpty()) {
                throw new io.pod4j.cli.ApiError(null, "no matching resources found");
            }
        }
        for (String name : names) {
            if ("delete".equals(forWhat)) {
                ObjectNode list = SupervisorClient.request("list").put("namespace", scope.namespace());
                list.withArray("names").add(name);
                if (SupervisorClient.call(list).path("items").isEmpty()) {
                    // kubectl ignores a pod that is already gone when waiting for its deletion: nothing to print.
                    continue;
                }
            }
            ObjectNode req = SupervisorClient.request("wait").put("namespace", scope.namespace()).put("name", name)
                    .put("for", forWhat.replace("'", "")).put("timeoutMillis", millis);
            SupervisorClient.call(req);
            System.out.println("pod/" + name + " condition met");
        }
        return 0;
    }
}

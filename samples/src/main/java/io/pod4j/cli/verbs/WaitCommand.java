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

    @Parameters(index = "0..*", arity = "1..*", description = "pod/NAME...")
    List<String> pods;

    @Option(names = "--for", required = true, description = "condition=Ready, delete, or jsonpath={.status.phase}=Running")
    String forWhat;

    @Option(names = "--timeout", defaultValue = "30s", description = "how long to wait")
    String timeout;

    @Mixin
    Scope scope;

    @Override
    public Integer call() {
        long millis = LogsCommand.parseDuration(timeout).toMillis();
        for (String p : pods) {
            if (p.equals("pod") || p.equals("pods")) {
                continue;
            }
            String name = PodRef.name(p);
            ObjectNode req = SupervisorClient.request("wait").put("namespace", scope.namespace()).put("name", name)
                    .put("for", forWhat.replace("'", "")).put("timeoutMillis", millis);
            SupervisorClient.call(req);
            System.out.println("pod/" + name + " condition met");
        }
        return 0;
    }
}

package io.pod4j.cli.verbs;

import io.pod4j.cli.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code top pod|node}: pod4j has no metrics pipeline, so it answers as kubectl does against a
 * cluster without metrics-server (the default of kind and minikube).
 */
@Command(name = "top", mixinStandardHelpOptions = true, description = "Display resource usage (needs a metrics API; pod4j has none).")
public class TopCommand implements Callable<Integer> {

    @Parameters(index = "0..*", description = "pod or node, then names")
    List<String> args = new ArrayList<>();

    @Mixin
    Scope scope;

    @Override
    public Integer call() {
        throw new ApiError(null, "Metrics API not available");
    }
}

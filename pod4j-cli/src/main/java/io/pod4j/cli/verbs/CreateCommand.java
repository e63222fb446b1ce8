package io.pod4j.cli.verbs;

import io.pod4j.cli.ApiError;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code create -f FILE|DIR|-}: creates pods; an existing one is an AlreadyExists error. Also
 * {@code create namespace NAME}, which a cluster needs before pods can go in a namespace: pod4j has
 * no namespace objects (any name works), so it only answers as kubectl does.
 */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a resource from a file or from stdin.")
public class CreateCommand extends ApplyCommand {

    @Parameters(index = "0..*", description = "namespace NAME")
    List<String> args = new ArrayList<>();

    @Override
    String mode() {
        return "create";
    }

    @Override
    public Integer call() {
        if (args.isEmpty()) {
            return super.call();
        }
        if (!List.of("namespace", "ns").contains(args.get(0))) {
            throw new ApiError(null, "unknown command \"" + args.get(0) + "\" for \"pod4j create\"");
        }
        if (args.size() != 2) {
            throw new ApiError(null, "exactly one NAME is required, got " + (args.size() - 1));
        }
        System.out.println("namespace/" + args.get(1) + " created");
        return 0;
    }
}

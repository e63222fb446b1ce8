package io.pod4j.cli.verbs;

import picocli.CommandLine.Command;

/** {@code create -f FILE|DIR|-}: creates pods; an existing one is an AlreadyExists error. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a resource from a file or from stdin.")
public class CreateCommand extends ApplyCommand {

    @Override
    String mode() {
        return "create";
    }
}

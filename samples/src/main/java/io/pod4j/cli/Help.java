package io.pod4j.cli;

/** Usage texts, in kubectl's manner. */
final class Help {

    static final String MAIN = """
            pod4j runs Kubernetes Pods on the local Docker engine, and speaks kubectl's verbs.

            Basic Commands:
              create        Create objects from a file or from stdin
              apply         Create or update objects from a file, a directory or stdin
              run           Run a particular image in a pod
              get           Display one or many pods or the node
              delete        Delete pods by file names, names or label selectors
              label         Update the labels on a pod or the node
              annotate      Update the annotations on a pod

            Troubleshooting and Debugging Commands:
              describe      Show details of a pod or the node
              logs          Print the logs for a container in a pod
              exec          Execute a command in a container
              port-forward  Forward one or more local ports to a pod
              wait          Wait for a condition on one or many pods

            Other Commands:
              version       Print the client and server version information

            Usage:
              pod4j [flags] [options]

            Use "pod4j <command> --help" for more information about a given command.
            """;

    private Help() {
    }

    static String of(String verb) {
        return switch (verb) {
            case "apply" -> "Apply a configuration by file name or stdin.\n\nUsage:\n  pod4j apply -f FILENAME [-n NAMESPACE]\n";
            case "create" -> "Create objects from a file or from stdin.\n\nUsage:\n  pod4j create -f FILENAME\n";
            case "get" -> "Display one or many resources.\n\nUsage:\n  pod4j get pods [NAME...] [-n NS | -A] [-l SELECTOR]"
                    + " [--field-selector SELECTOR] [-o wide|yaml|json|name] [--show-labels] [-L KEY,...] [-w]\n"
                    + "  pod4j get nodes [--show-labels] [-o wide|yaml|json]\n";
            case "describe" -> "Show details of a resource.\n\nUsage:\n  pod4j describe pod NAME [-n NS]\n  pod4j describe node\n";
            case "delete" -> "Delete resources.\n\nUsage:\n  pod4j delete pod NAME... | -l SELECTOR | --all [-n NS]"
                    + " [--grace-period N] [--force] [--wait=false]\n  pod4j delete -f FILENAME\n";
            case "label" -> "Update the labels on a resource.\n\nUsage:\n  pod4j label pods NAME KEY=VALUE... [KEY-] [--overwrite]\n"
                    + "  pod4j label pods -l SELECTOR KEY=VALUE...\n  pod4j label nodes NAME KEY=VALUE...\n";
            case "annotate" -> "Update the annotations on a resource.\n\nUsage:\n  pod4j annotate pods NAME KEY=VALUE... [KEY-] [--overwrite]\n";
            case "logs" -> "Print the logs for a container in a pod.\n\nUsage:\n  pod4j logs POD [-c CONTAINER] [-f] [-p] [--tail N]"
                    + " [--since DURATION] [--timestamps] [--all-containers]\n";
            case "exec" -> "Execute a command in a container.\n\nUsage:\n  pod4j exec [-i] [-t] POD [-c CONTAINER] -- COMMAND [ARGS...]\n";
            case "port-forward" -> "Forward one or more local ports to a pod.\n\nUsage:\n  pod4j port-forward pod/NAME [ADDRESS:]LOCAL:REMOTE\n";
            case "wait" -> "Wait for a specific condition on one or many resources.\n\nUsage:\n  pod4j wait --for=condition=Ready"
                    + " pod/NAME [--timeout=30s]\n  pod4j wait --for=delete pod/NAME [--timeout=30s]\n";
            case "run" -> "Create and run a particular image in a pod.\n\nUsage:\n  pod4j run NAME --image=IMAGE [--port=PORT]"
                    + " [--labels=K=V,...] [--restart=Always|OnFailure|Never] [--env=K=V] [--dry-run=client -o yaml] [-- COMMAND ARGS...]\n";
            case "version" -> "Print the client and server version information.\n\nUsage:\n  pod4j version\n";
            default -> MAIN;
        };
    }
}

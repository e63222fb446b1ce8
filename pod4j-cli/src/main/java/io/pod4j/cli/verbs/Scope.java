package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/** The namespace options every verb takes: {@code -n NAMESPACE} and, where it makes sense, {@code -A}. */
public final class Scope {

    @Option(names = {"-n", "--namespace"}, description = "the namespace (default: default)")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "every namespace")
    boolean allNamespaces;

    /** @return the namespace asked for, or {@code default} */
    public String namespace() {
        return namespace == null ? "default" : namespace;
    }

    /**
     * @param request a request to put the namespace options into
     * @return the request
     */
    public ObjectNode into(ObjectNode request) {
        request.put("namespace", namespace());
        request.put("allNamespaces", allNamespaces);
        return request;
    }
}

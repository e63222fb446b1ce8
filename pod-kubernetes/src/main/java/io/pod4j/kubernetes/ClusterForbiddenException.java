package io.pod4j.kubernetes;

import io.pod4j.api.error.PodException;

/**
 * The cluster refused a request (403 Forbidden): the message names the verb, the resource and the
 * namespace the credentials lack, with the API server's own words, and how to check the grant.
 */
public class ClusterForbiddenException extends PodException {

    private static final long serialVersionUID = 1L;

    private final String verb;
    private final String resource;

    /**
     * @param verb the API verb refused (create, list, watch...)
     * @param resource the resource (pods, pods/exec, namespaces...)
     * @param message what was refused, the server's reason, and what to do
     * @param cause the client's failure
     */
    public ClusterForbiddenException(String verb, String resource, String message, Throwable cause) {
        super(message, cause);
        this.verb = verb;
        this.resource = resource;
    }

    /** @return the API verb refused */
    public String verb() {
        return verb;
    }

    /** @return the resource the verb was refused on */
    public String resource() {
        return resource;
    }
}

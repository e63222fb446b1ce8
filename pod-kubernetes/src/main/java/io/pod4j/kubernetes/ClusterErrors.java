package io.pod4j.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestValidationException;
import io.pod4j.api.error.NotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cluster's refusals in the exceptions the Java API promises, as the local backend's store
 * errors are: NotFound, AlreadyExists and Invalid keep the API server's messages; 403 and an
 * unreachable server say what to do; anything else stays fabric8's exception, with its Status.
 */
final class ClusterErrors {

    private final String server;

    /** @param server the API server and context, for messages ("https://10.0.0.1:6443 (context ci)") */
    ClusterErrors(String server) {
        this.server = server;
    }

    /**
     * @param verb the API verb of the request (create, get, list, watch, patch, delete...)
     * @param resource the resource it is made on (pods, events, namespaces...)
     * @param namespace the namespace on the cluster, or null for a cluster-wide one
     * @param name the object's name, or null
     * @param request the request
     * @return its result
     */
    <T> T call(String verb, String resource, String namespace, String name, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw translate(e, verb, resource, namespace, name);
        }
    }

    RuntimeException translate(KubernetesClientException e, String verb, String resource, String namespace, String name) {
        Status status = e.getStatus();
        String reason = status == null ? null : status.getReason();
        String where = namespace == null ? "" : " in namespace " + namespace;
        if (e.getCode() == 403) {
            return new ClusterForbiddenException(verb, resource, "the cluster at " + server + " refused to " + verb + " " + resource
                    + where + " (403 Forbidden): " + serverMessage(e) + ". The credentials used lack that permission: ask for a Role "
                    + "granting \"" + verb + "\" on \"" + resource + "\"" + where + ", and check with: kubectl auth can-i " + verb + " "
                    + resource + (namespace == null ? "" : " -n " + namespace), e);
        }
        if (e.getCode() == 404 && name != null) {
            return new NotFoundException(resource, name);
        }
        if (e.getCode() == 409 && "AlreadyExists".equals(reason) && name != null) {
            return new AlreadyExistsException(resource, name);
        }
        if (e.getCode() == 422) {
            List<StatusCause> causes = status == null || status.getDetails() == null || status.getDetails().getCauses() == null
                    ? List.of() : status.getDetails().getCauses();
            if (!causes.isEmpty()) {
                String source = resource + " " + (name == null ? "" : name);
                return new ManifestValidationException(causes.stream()
                        .map(c -> new ManifestProblem(source.strip(), 0, 0, c.getField(), c.getMessage(), null)).toList());
            }
        }
        if (e.getCode() <= 0 && status == null && unreachable(e)) {
            return unavailable(e);
        }
        return e;
    }

    ClusterUnavailableException unavailable(Throwable e) {
        return new ClusterUnavailableException("cannot reach the Kubernetes API at " + server + ": " + why(e)
                + ". Check that the cluster runs and that the kubeconfig names it (kubectl cluster-info), "
                + "or set pod4j's backend to local", e);
    }

    /** The connection's own failure (refused, unknown host, timeout, TLS), not the client's wrappers. */
    private static String why(Throwable e) {
        Throwable io = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.SocketTimeoutException || t instanceof javax.net.ssl.SSLException) {
                io = t;
                break;
            }
            if (io == null && t instanceof IOException) {
                io = t;
            }
        }
        Throwable shown = io == null ? e : io;
        String name = shown instanceof java.net.ConnectException ? "connection refused" : shown.getClass().getName();
        return shown.getMessage() == null ? name : name + " (" + shown.getMessage() + ")";
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String serverMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }
}

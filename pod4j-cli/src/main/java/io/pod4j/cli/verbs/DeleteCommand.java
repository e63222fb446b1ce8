package io.pod4j.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.yaml.UnsupportedObject;
import io.pod4j.cli.ApiError;
import io.pod4j.cli.supervisor.SupervisorClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code delete pod NAME... | -l SEL | --all | -f FILE [--grace-period N] [--force] [--wait]}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete pods by name, selector, file or all.")
public class DeleteCommand implements Callable<Integer> {

    @Parameters(index = "0..*", description = "pods NAME..., or pod/NAME...")
    List<String> args = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, description = "file, directory or - with the objects to delete")
    List<String> files = new ArrayList<>();

    @Option(names = {"-l", "--selector"}, description = "label selector")
    String selector;

    @Option(names = "--all", description = "every pod in the namespace")
    boolean all;

    @Option(names = "--grace-period", defaultValue = "-1", description = "seconds given to the pod to terminate (-1: the pod's own)")
    int gracePeriod;

    @Option(names = "--force", description = "delete at once (with --grace-period=0)")
    boolean force;

    @Option(names = "--now", description = "same as --grace-period=1")
    boolean now;

    @Option(names = "--wait", defaultValue = "true", fallbackValue = "true", arity = "0..1", description = "wait until the pods are gone")
    boolean waitForDeletion;

    @Option(names = "--ignore-not-found", description = "no error for pods that do not exist")
    boolean ignoreNotFound;

    @Mixin
    Scope scope;

    /** kubectl's delete waits up to a week when no --timeout is given. */
    private static final java.time.Duration WAIT_FOREVER = java.time.Duration.ofDays(7);

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>();
        List<String[]> objects = new ArrayList<>(); // kind, namespace, name, file
        // kubectl names the file in a delete -f error: error when deleting "pod.yaml": pods "x" not found
        Map<String, String> sources = new java.util.HashMap<>();
        List<UnsupportedObject> unsupported = new ArrayList<>();
        if (!files.isEmpty()) {
            for (Map.Entry<String, String> f : ManifestFiles.read(files)) {
                // As kubectl: only kind, namespace and name are read; the rest of each object is not checked.
                for (ManifestFiles.Reference o : ManifestFiles.references(f.getKey(), f.getValue())) {
                    if (o.kind().equals("Pod")) {
                        if (o.name() == null || o.name().isEmpty()) {
                            throw new ApiError(null, "resource name may not be empty");
                        }
                        // A manifest without a namespace goes to -n's; one that names another is refused.
                        String ns = o.namespace();
                        if (ns == null || ns.isEmpty()) {
                            ns = scope.namespace();
                        } else if (scope.namespace != null && !ns.equals(scope.namespace)) {
                            throw ApiError.namespaceMismatch(ns, scope.namespace);
                        }
                        names.add(ns + "/" + o.name());
                        sources.put(o.name(), f.getKey());
                    } else if (o.kind().equals("ConfigMap") || o.kind().equals("Secret")) {
                        String ns = o.namespace();
                        if (ns == null || ns.isEmpty()) {
                            ns = scope.namespace();
                        } else if (scope.namespace != null && !ns.equals(scope.namespace)) {
                            throw ApiError.namespaceMismatch(ns, scope.namespace);
                        }
                        objects.add(new String[] {o.kind(), ns, o.name(), f.getKey()});
                    } else {
                        unsupported.add(o.unsupported());
                    }
                }
            }
        } else {
            if (args.isEmpty()) {
                throw new ApiError(null, "You must provide one or more resources by argument or filename.");
            }
            String type = args.get(0);
            List<String> rest = args.subList(1, args.size());
            if (type.contains("/")) {
                for (String a : args) {
                    names.add(PodRef.name(a));
                }
            } else if (List.of("pod", "pods", "po").contains(type)) {
                names.addAll(rest);
            } else if (List.of("namespace", "namespaces", "ns").contains(type)) {
                return deleteNamespaces(rest);
            } else {
                throw new ApiError(null, "the server doesn't have a resource type \"" + type + "\"");
            }
            if (names.isEmpty() && selector == null && !all) {
                throw new ApiError(null, "resource(s) were provided, but no name was specified");
            }
        }
        // kubectl prints each "deleted" line as the API server accepts the delete, then waits for the
        // pods to be gone; so the supervisor is asked not to wait, and the waiting follows the printing.
        ObjectNode req = scope.into(SupervisorClient.request("delete")).put("all", all).put("wait", false);
        if (selector != null) {
            req.put("labelSelector", selector);
        }
        names.forEach(req.withArray("names")::add);
        int grace = now ? 1 : gracePeriod;
        if (grace == 0 && !force) {
            // kubectl turns --grace-period=0 into 1 unless --force is given, against accidental data loss.
            grace = 1;
        }
        if (force && grace < 0) {
            grace = 0;
        }
        if (grace >= 0) {
            req.put("gracePeriodSeconds", grace);
        }
        if (force && grace == 0) {
            System.err.println("Warning: Immediate deletion does not wait for confirmation that the running resource has been"
                    + " terminated. The resource may continue to run on the cluster indefinitely.");
        }
        JsonNode results = SupervisorClient.call(req);
        int code = 0;
        for (JsonNode r : results) {
            if (r.has("error")) {
                if (!ignoreNotFound) {
                    String source = sources.get(r.path("name").asText());
                    String message = r.path("error").path("message").asText();
                    System.err.println(ApiError.kubectlText(r.path("error").path("reason").asText(),
                            source == null ? message : "error when deleting \"" + source + "\": " + message));
                    code = 1;
                }
            } else {
                System.out.println("pod \"" + r.path("name").asText() + "\" " + (force && grace == 0 ? "force deleted" : "deleted"));
                System.out.flush();
            }
        }
        if (waitForDeletion) {
            awaitGone(results, scope.namespace());
        }
        for (String[] o : objects) {
            try {
                SupervisorClient.call(SupervisorClient.request("deleteObject").put("kind", o[0]).put("namespace", o[1]).put("name", o[2]));
                System.out.println(o[0].toLowerCase(java.util.Locale.ROOT) + " \"" + o[2] + "\" deleted");
            } catch (ApiError e) {
                if (!(ignoreNotFound && "NotFound".equals(e.reason()))) {
                    System.err.println(ApiError.kubectlText(e.reason(), "error when deleting \"" + o[3] + "\": " + e.getMessage()));
                    code = 1;
                }
            }
        }
        for (UnsupportedObject u : unsupported) {
            System.err.println("error: " + ManifestFiles.leftOut(u));
            code = 1;
        }
        if (results.isEmpty() && (all || selector != null)) {
            System.out.println("No resources found");
        }
        return code;
    }

    /**
     * {@code delete namespace NAME}: pod4j has no namespace objects, so a namespace is the set of pods
     * in it; deleting it deletes them (and waits, as the namespace controller empties a namespace
     * before it is gone). {@code default} cannot be deleted, as on a cluster.
     */
    private int deleteNamespaces(List<String> namespaces) {
        if (namespaces.isEmpty()) {
            throw new ApiError(null, "resource(s) were provided, but no name was specified");
        }
        int code = 0;
        for (String ns : namespaces) {
            if (ns.equals("default")) {
                System.err.println(ApiError.kubectlText("Forbidden", "namespaces \"default\" is forbidden: this namespace may not be deleted"));
                code = 1;
                continue;
            }
            ObjectNode list = SupervisorClient.request("list").put("namespace", ns);
            if (SupervisorClient.call(list).path("items").isEmpty()) {
                System.err.println(ApiError.kubectlText("NotFound", "namespaces \"" + ns + "\" not found"));
                code = 1;
                continue;
            }
            ObjectNode req = SupervisorClient.request("delete").put("namespace", ns).put("all", true).put("wait", false);
            JsonNode results = SupervisorClient.call(req);
            System.out.println("namespace \"" + ns + "\" deleted");
            System.out.flush();
            if (waitForDeletion) {
                awaitGone(results, ns);
            }
        }
        return code;
    }

    /** Waits for each pod the supervisor accepted to delete, except mirrors, which stay (their static pod runs on). */
    private static void awaitGone(JsonNode results, String defaultNamespace) {
        for (JsonNode r : results) {
            if (!r.has("error") && !r.path("mirror").asBoolean()) {
                awaitGone(r.path("namespace").asText(defaultNamespace), r.path("name").asText());
            }
        }
    }

    private static void awaitGone(String namespace, String name) {
        try {
            SupervisorClient.call(SupervisorClient.request("wait").put("namespace", namespace).put("name", name)
                    .put("for", "delete").put("timeoutMillis", WAIT_FOREVER.toMillis()));
        } catch (ApiError gone) {
            // Already gone (NotFound), or still there after a week: kubectl's wait ends there too.
        }
    }
}

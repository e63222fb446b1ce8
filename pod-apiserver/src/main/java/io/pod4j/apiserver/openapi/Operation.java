package io.pod4j.apiserver.openapi;

import io.pod4j.apiserver.discovery.ServedResource;
import io.pod4j.store.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One REST operation the server serves, as Kubernetes' OpenAPI documents describe it: its path
 * and method, its {@code operationId} and {@code x-kubernetes-action}, its query parameters, what
 * its body and answer are.
 *
 * @param path e.g. {@code /api/v1/namespaces/{namespace}/pods/{name}}
 * @param method {@code get}, {@code post}, {@code put}, {@code patch} or {@code delete}
 * @param operationId e.g. {@code readCoreV1NamespacedPod}
 * @param action e.g. {@code get}, {@code list}, {@code post}, {@code deletecollection}
 * @param type the kind it reads or writes
 * @param body {@code kind}, {@code patch}, {@code delete} or null for none
 * @param answer {@code kind}, {@code list} or {@code status}
 * @param query the query parameters it takes
 */
record Operation(String path, String method, String operationId, String action, ResourceType<?> type, String body,
        String answer, List<String> query) {

    private static final List<String> LIST_QUERY = List.of("allowWatchBookmarks", "continue", "fieldSelector",
            "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds",
            "watch");
    private static final List<String> WRITE_QUERY = List.of("dryRun", "fieldManager", "fieldValidation");
    private static final List<String> PATCH_QUERY = List.of("dryRun", "fieldManager", "fieldValidation", "force");
    private static final List<String> DELETE_QUERY = List.of("dryRun", "gracePeriodSeconds", "orphanDependents",
            "propagationPolicy");

    /** The patch types the server takes, as a PATCH operation's request body lists them. */
    static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml", "application/json-patch+json",
            "application/merge-patch+json", "application/strategic-merge-patch+json");

    /** @return the operations of a served resource, for its verbs and its status subresource */
    static List<Operation> of(ServedResource resource) {
        ResourceType<?> t = resource.type();
        String prefix = t.group().isEmpty() ? "/api/" + t.version() : "/apis/" + t.group() + "/" + t.version();
        String scope = t.namespaced() ? "Namespaced" : "";
        String collection = prefix + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
        String named = collection + "/{name}";
        String id = groupVersion(t) + scope + t.kind();
        List<String> verbs = resource.verbs();
        List<Operation> ops = new ArrayList<>();
        if (verbs.contains("list")) {
            ops.add(new Operation(collection, "get", "list" + id, "list", t, null, "list", LIST_QUERY));
            if (t.namespaced()) {
                ops.add(new Operation(prefix + "/" + t.plural(), "get",
                        "list" + groupVersion(t) + t.kind() + "ForAllNamespaces", "list", t, null, "list", LIST_QUERY));
            }
        }
        if (verbs.contains("create")) {
            ops.add(new Operation(collection, "post", "create" + id, "post", t, "kind", "kind", WRITE_QUERY));
        }
        if (verbs.contains("deletecollection")) {
            ops.add(new Operation(collection, "delete", "delete" + groupVersion(t) + "Collection" + scope + t.kind(),
                    "deletecollection", t, "delete", "status", DELETE_QUERY));
        }
        if (verbs.contains("get")) {
            ops.add(new Operation(named, "get", "read" + id, "get", t, null, "kind", List.of()));
        }
        if (verbs.contains("update")) {
            ops.add(new Operation(named, "put", "replace" + id, "put", t, "kind", "kind", WRITE_QUERY));
        }
        if (verbs.contains("patch")) {
            ops.add(new Operation(named, "patch", "patch" + id, "patch", t, "patch", "kind", PATCH_QUERY));
        }
        if (verbs.contains("delete")) {
            ops.add(new Operation(named, "delete", "delete" + id, "delete", t, "delete", "kind", DELETE_QUERY));
        }
        if (resource.hasSubresource("status")) {
            String status = named + "/status";
            ops.add(new Operation(status, "get", "read" + id + "Status", "get", t, null, "kind", List.of()));
            ops.add(new Operation(status, "put", "replace" + id + "Status", "put", t, "kind", "kind", WRITE_QUERY));
            ops.add(new Operation(status, "patch", "patch" + id + "Status", "patch", t, "patch", "kind", PATCH_QUERY));
        }
        return ops;
    }

    /** @return {@code CoreV1}, {@code EventsV1}, {@code RbacAuthorizationV1}: the group and version in an operationId */
    static String groupVersion(ResourceType<?> t) {
        String group = t.group().isEmpty() ? "core" : t.group().replace(".k8s.io", "");
        StringBuilder b = new StringBuilder();
        for (String part : group.split("[.-]")) {
            if (!part.isEmpty()) {
                b.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return b + t.version().substring(0, 1).toUpperCase(Locale.ROOT) + t.version().substring(1);
    }

    /** @return the path parameters of this operation's path, in order */
    List<String> pathParameters() {
        List<String> params = new ArrayList<>();
        if (path.contains("{name}")) {
            params.add("name");
        }
        if (path.contains("{namespace}")) {
            params.add("namespace");
        }
        return params;
    }

    /** @return a query parameter's description, in a few words */
    static String describe(String parameter) {
        return switch (parameter) {
            case "fieldValidation" -> "How the server treats fields it does not know and duplicate fields in the"
                    + " object: Ignore, Warn (the default), or Strict (the request fails).";
            case "fieldManager" -> "The name of the actor making these changes, recorded in managedFields.";
            case "dryRun" -> "When present (All), the request is validated but nothing is stored.";
            case "force" -> "For apply requests: take over fields other managers own.";
            case "pretty" -> "If 'true', the output is pretty printed.";
            case "name" -> "The name of the object.";
            case "namespace" -> "The object's namespace.";
            default -> "The " + parameter + " parameter of the API server's " + parameter + " option.";
        };
    }

    /** @return a query parameter's JSON type */
    static String parameterType(String parameter) {
        return switch (parameter) {
            case "allowWatchBookmarks", "sendInitialEvents", "watch", "force", "orphanDependents" -> "boolean";
            case "limit", "timeoutSeconds", "gracePeriodSeconds" -> "integer";
            default -> "string";
        };
    }
}

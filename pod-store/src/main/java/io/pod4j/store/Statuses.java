package io.pod4j.store;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The API server's error answers ({@code k8s.io/apimachinery/pkg/api/errors}), as
 * {@code metav1.Status} objects with its reasons, codes, details and messages.
 */
public final class Statuses {

    private Statuses() {
    }

    /** @return 404, e.g. {@code pods "web" not found} */
    public static Status notFound(ResourceType<?> type, String name) {
        return failure(404, "NotFound", type.groupResource() + " \"" + name + "\" not found", details(type, name));
    }

    /** @return 404 for a subresource the kind does not have, e.g. {@code configmaps/status} */
    public static Status noSuchResource() {
        return failure(404, "NotFound", "the server could not find the requested resource", null);
    }

    /** @return 409, e.g. {@code pods "web" already exists} */
    public static Status alreadyExists(ResourceType<?> type, String name) {
        return failure(409, "AlreadyExists", type.groupResource() + " \"" + name + "\" already exists",
                details(type, name));
    }

    /**
     * @param resource as the API server names it, e.g. {@code pods} (updates) or {@code Pod} (delete preconditions)
     * @return 409, e.g. {@code Operation cannot be fulfilled on pods "web": the object has been modified; ...}
     */
    public static Status conflict(ResourceType<?> type, String resource, String name, String why) {
        StatusDetails d = new StatusDetailsBuilder().withName(name).withGroup(type.group()).withKind(resource).build();
        String on = type.group().isEmpty() ? resource : resource + "." + type.group();
        return failure(409, "Conflict", "Operation cannot be fulfilled on " + on + " \"" + name + "\": " + why, d);
    }

    /** The conflict of an update or patch with a stale resourceVersion. */
    public static Status modified(ResourceType<?> type, String name) {
        return conflict(type, type.plural(), name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    /**
     * @param errors the validation problems, at least one
     * @return 422, e.g. {@code Pod "web" is invalid: spec: Forbidden: pod updates may not change ...}
     */
    public static Status invalid(ResourceType<?> type, String name, List<FieldError> errors) {
        List<StatusCause> causes = errors.stream()
                .map(e -> new StatusCause(e.field(), e.body(), e.type().causeType())).toList();
        StatusDetails d = new StatusDetailsBuilder().withName(name).withGroup(type.group()).withKind(type.kind())
                .withCauses(causes).build();
        // As Kubernetes' aggregate error: one message alone, several in brackets, duplicates once.
        List<String> messages = List.copyOf(new LinkedHashSet<>(errors.stream().map(FieldError::toString).toList()));
        String all = messages.size() == 1 ? messages.get(0) : "[" + String.join(", ", messages) + "]";
        return failure(422, "Invalid", type.groupKind() + " \"" + name + "\" is invalid: " + all, d);
    }

    /**
     * @param why the admission plugin's reason
     * @return 403, e.g. {@code pods "web" is forbidden: no PriorityClass with name high was found}
     */
    public static Status forbidden(ResourceType<?> type, String name, String why) {
        String subject = name.isEmpty() ? type.groupResource() : type.groupResource() + " \"" + name + "\"";
        return failure(403, "Forbidden", subject + " is forbidden: " + why, details(type, name));
    }

    /** @return 410 with reason Expired, e.g. {@code too old resource version: 5 (12)} */
    public static Status expired(String message) {
        return failure(410, "Expired", message, null);
    }

    /** @return 400 */
    public static Status badRequest(String message) {
        return failure(400, "BadRequest", message, null);
    }

    /** @return 422 for a patch that cannot be applied, as the API server answers it */
    public static Status unprocessable(String message) {
        return failure(422, "Invalid", message, null);
    }

    /** @return 500 without a reason: what the API server answers for an error it has no status for */
    public static Status internal(String message) {
        return failure(500, null, message, null);
    }

    /**
     * @param conflicts per manager (as the API server describes it, e.g. {@code "kubectl" using v1}), the fields
     * @return 409 Conflict of a server-side apply, e.g. {@code Apply failed with 1 conflict: conflict with
     *     "kubectl-client-side-apply" using v1: .spec.containers[name="app"].image}, one cause per field
     */
    static Status applyConflict(List<java.util.Map.Entry<String, FieldSet>> conflicts) {
        List<StatusCause> causes = new java.util.ArrayList<>();
        List<String> lines = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, FieldSet> c : conflicts) {
            lines.add("conflicts with " + c.getKey() + ":");
            c.getValue().forEach(path -> {
                causes.add(new StatusCause(FieldSet.display(path), "conflict with " + c.getKey(), "FieldManagerConflict"));
                lines.add("- " + FieldSet.display(path));
            });
        }
        String message = causes.size() == 1
                ? "Apply failed with 1 conflict: " + causes.get(0).getMessage() + ": " + causes.get(0).getField()
                : "Apply failed with " + causes.size() + " conflicts: " + String.join("\n", lines);
        return failure(409, "Conflict", message, new StatusDetailsBuilder().withCauses(causes).build());
    }

    /**
     * @param error what is wrong with the options, e.g. {@code fieldManager: Required value: is required for apply patch}
     * @return 422, e.g. {@code PatchOptions.meta.k8s.io "" is invalid: ...}
     */
    static Status invalidOptions(String kind, FieldError error) {
        StatusDetails d = new StatusDetailsBuilder().withGroup("meta.k8s.io").withKind(kind)
                .withCauses(new StatusCause(error.field(), error.body(), error.type().causeType())).build();
        return failure(422, "Invalid", kind + ".meta.k8s.io \"\" is invalid: " + error, d);
    }

    private static StatusDetails details(ResourceType<?> type, String name) {
        return new StatusDetailsBuilder().withName(name).withGroup(type.group()).withKind(type.plural()).build();
    }

    private static Status failure(int code, String reason, String message, StatusDetails details) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withDetails(details).withNewMetadata().endMetadata().build();
    }
}

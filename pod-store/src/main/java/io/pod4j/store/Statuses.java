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

    private static StatusDetails details(ResourceType<?> type, String name) {
        return new StatusDetailsBuilder().withName(name).withGroup(type.group()).withKind(type.plural()).build();
    }

    private static Status failure(int code, String reason, String message, StatusDetails details) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withDetails(details).withNewMetadata().endMetadata().build();
    }
}

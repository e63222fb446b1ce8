package io.pod4j.apiserver.http;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;

/**
 * The API server's answers for requests refused before the store (authentication, size, media
 * type, method, path), as {@code k8s.io/apimachinery/pkg/api/errors} words them. The store's own
 * refusals come as {@code StoreException}s with their Status.
 */
public final class HttpStatuses {

    private HttpStatuses() {
    }

    /** @return 401 {@code Unauthorized} */
    public static Status unauthorized() {
        return failure(401, "Unauthorized", "Unauthorized");
    }

    /** @return 413 {@code RequestEntityTooLarge} */
    public static Status tooLarge(int limit) {
        return failure(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limit);
    }

    /** @return 415 {@code UnsupportedMediaType} */
    public static Status unsupportedMediaType(String accepted) {
        return failure(415, "UnsupportedMediaType",
                "the body of the request was in an unknown format - accepted media types include: " + accepted);
    }

    /** @return 405 {@code MethodNotAllowed} */
    public static Status methodNotAllowed() {
        return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
    }

    /** @return 404 for a path nothing is served at */
    public static Status notFound() {
        return failure(404, "NotFound", "the server could not find the requested resource");
    }

    /** @return 400 {@code BadRequest} */
    public static Status badRequest(String message) {
        return failure(400, "BadRequest", message);
    }

    /** @return 422 {@code Invalid}, without field causes */
    public static Status invalid(String message) {
        return failure(422, "Invalid", message);
    }

    /** @return 403 {@code Forbidden} */
    public static Status forbidden(String message) {
        return failure(403, "Forbidden", message);
    }

    /** @return 500 {@code InternalError}: the message only, never a stack trace */
    public static Status internalError(String message) {
        return failure(500, "InternalError", "Internal error occurred: " + message);
    }

    /** @return 200 {@code Success}, as a delete of a kind that does not return the object answers */
    public static Status success(String name, String group, String kind, String uid) {
        return new StatusBuilder().withStatus("Success").withNewMetadata().endMetadata()
                .withNewDetails().withName(name).withGroup(group).withKind(kind).withUid(uid).endDetails().build();
    }

    private static Status failure(int code, String reason, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withNewMetadata().endMetadata().build();
    }
}

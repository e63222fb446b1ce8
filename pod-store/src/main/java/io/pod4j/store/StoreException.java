package io.pod4j.store;

import io.fabric8.kubernetes.api.model.Status;
import io.pod4j.api.build.Copies;
import java.util.Objects;

/**
 * A request the store refused, carrying the API server's answer as a {@code metav1.Status}
 * (reason, message in its words, details, HTTP code), ready for an API server to send as is.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Status status;

    public StoreException(Status status) {
        super(Objects.requireNonNull(status, "status").getMessage());
        this.status = status;
    }

    /** @return the Status (a copy; fabric8 objects are mutable) */
    public Status status() {
        return Copies.of(status);
    }

    /** @return e.g. {@code NotFound}, {@code Conflict}, {@code Invalid}, {@code Expired} */
    public String reason() {
        return status.getReason();
    }

    /** @return the HTTP status code, e.g. 404, 409, 410, 422 */
    public int code() {
        return status.getCode();
    }
}

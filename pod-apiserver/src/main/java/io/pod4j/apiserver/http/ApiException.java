package io.pod4j.apiserver.http;

import io.fabric8.kubernetes.api.model.Status;
import java.util.Objects;

/** A request the server refuses before the store sees it, with the {@code metav1.Status} to answer. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Status status;

    public ApiException(Status status) {
        super(Objects.requireNonNull(status, "status").getMessage());
        this.status = status;
    }

    /** @return the Status to send, with its HTTP code */
    public Status status() {
        return status;
    }
}

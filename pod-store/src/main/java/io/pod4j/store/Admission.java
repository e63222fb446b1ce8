package io.pod4j.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * The admission step of one kind, run once per create, update and patch (after the patch is
 * applied): first {@link #mutate defaults}, then {@link #validate validation} including what may
 * not change on an update. The store turns the problems into the API server's Invalid answer,
 * {@code Pod "web" is invalid: ...}.
 *
 * @param <T> the kind's class
 */
public interface Admission<T extends HasMetadata> {

    /** What the request does. */
    enum Operation { CREATE, UPDATE }

    /**
     * Fills in defaults, as the API server's defaulting and mutating admission do.
     *
     * @param operation create or update
     * @param object the incoming object, a private copy the plugin may change
     * @param old the stored object on update (a copy), null on create
     * @return the object to validate and store
     */
    default T mutate(Operation operation, T object, T old) {
        return object;
    }

    /**
     * Validates the object, and on update what changed.
     *
     * @param operation create or update
     * @param object the defaulted object
     * @param old the stored object on update, null on create
     * @return the problems in the API server's words; empty when admitted
     */
    List<FieldError> validate(Operation operation, T object, T old);
}

package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.pod4j.api.error.AlreadyExistsException;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestValidationException;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.store.StoreException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The store's refusals in the engine's exception types, which callers of the Java API already
 * catch: NotFound, AlreadyExists and Invalid keep the API server's messages; anything else (a
 * conflict, a bad patch) stays a {@link StoreException}, with its {@code Status}.
 */
final class StoreErrors {

    private StoreErrors() {
    }

    static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (StoreException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(StoreException e) {
        StatusDetails d = e.status().getDetails();
        String name = d == null || d.getName() == null ? "" : d.getName();
        String resource = d == null || d.getKind() == null ? "" : d.getKind();
        return switch (e.reason()) {
            case "NotFound" -> new NotFoundException(resource, name);
            case "AlreadyExists" -> new AlreadyExistsException(resource, name);
            case "Invalid" -> invalid(e, d, name);
            default -> e;
        };
    }

    private static RuntimeException invalid(StoreException e, StatusDetails d, String name) {
        List<StatusCause> causes = d == null || d.getCauses() == null ? List.of() : d.getCauses();
        if (causes.isEmpty()) {
            return e; // a patch that could not be applied: no field to point at
        }
        String source = (d.getKind() == null ? "" : d.getKind() + " ") + name;
        return new ManifestValidationException(causes.stream()
                .map(c -> new ManifestProblem(source, 0, 0, c.getField(), c.getMessage(), null))
                .toList());
    }
}

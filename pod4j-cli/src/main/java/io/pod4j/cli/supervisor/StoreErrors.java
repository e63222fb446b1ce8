package io.pod4j.cli.supervisor;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.pod4j.cli.ApiError;
import io.pod4j.store.StoreException;
import java.util.List;

/** The store's refusals as kubectl prints the API server's Status. */
final class StoreErrors {

    private StoreErrors() {
    }

    /**
     * @param e a refusal of the store
     * @return the error kubectl would print: an Invalid status from its causes
     *     ({@code The Pod "web" is invalid: field: message}), anything else with its reason and message
     */
    static ApiError of(StoreException e) {
        StatusDetails d = e.status().getDetails();
        if ("Invalid".equals(e.reason()) && d != null && d.getCauses() != null && !d.getCauses().isEmpty()) {
            List<String> causes = d.getCauses().stream()
                    .map(c -> c.getField() == null || c.getField().isEmpty() ? c.getMessage() : c.getField() + ": " + c.getMessage())
                    .toList();
            return ApiError.invalid(d.getKind(), d.getName(), causes);
        }
        return new ApiError(e.reason(), e.getMessage());
    }
}

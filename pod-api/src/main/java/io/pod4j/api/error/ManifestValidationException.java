package io.pod4j.api.error;

import java.util.List;

/** A manifest that was read but breaks the API server's validation rules; holds every violation. */
public class ManifestValidationException extends ManifestException {

    private static final long serialVersionUID = 1L;

    /**
     * @param problems every violation found
     */
    public ManifestValidationException(List<ManifestProblem> problems) {
        super(problems);
    }
}

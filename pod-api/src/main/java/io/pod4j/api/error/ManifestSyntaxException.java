package io.pod4j.api.error;

import java.util.List;

/** A manifest that is not well-formed YAML or JSON, or does not fit the object's shape. */
public class ManifestSyntaxException extends ManifestException {

    private static final long serialVersionUID = 1L;

    /**
     * @param problems what is wrong
     * @param cause the parser's exception, or null
     */
    public ManifestSyntaxException(List<ManifestProblem> problems, Throwable cause) {
        super(problems, cause);
    }
}

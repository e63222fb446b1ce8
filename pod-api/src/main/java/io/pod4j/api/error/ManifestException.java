package io.pod4j.api.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A manifest that cannot be used: it could not be read ({@link ManifestSyntaxException}) or it was
 * read but is invalid ({@link ManifestValidationException}). Carries every problem found, each
 * with file, line, column, field path and, where one helps, a hint.
 */
public class ManifestException extends PodException {

    private static final long serialVersionUID = 1L;

    private final transient List<ManifestProblem> problems;

    /**
     * @param problems what is wrong; at least one
     */
    public ManifestException(List<ManifestProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * @param problems what is wrong; at least one
     * @param cause the parser's exception
     */
    public ManifestException(List<ManifestProblem> problems, Throwable cause) {
        super(describe(problems), cause);
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in document order */
    public List<ManifestProblem> problems() {
        return problems;
    }

    private static String describe(List<ManifestProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ManifestException needs at least one problem");
        }
        return problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n"));
    }
}

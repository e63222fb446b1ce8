package io.pod4j.cli.supervisor;

import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.cli.ApiError;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Unknown fields as the API server refuses them under kubectl's default {@code --validate=strict}
 * ({@code Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field
 * "metadata.annotation"}), followed by where each one is and pod4j's hint, which kubectl does not give.
 */
final class StrictDecoding {

    private static final Pattern UNKNOWN = Pattern.compile("^unknown field \"[^\"]*\"");
    private static final Pattern KIND = Pattern.compile("(?m)^kind:\\s*[\"']?(\\w+)");

    private StrictDecoding() {
    }

    /**
     * @param source the file name
     * @param e what the loader found
     * @return kubectl's {@code error parsing FILE: ...} for YAML it cannot read (with Go's words for a
     *     tab, the classic fault), followed by pod4j's location and hint; empty for other problems
     */
    static Optional<ApiError> yamlSyntax(String source, ManifestException e) {
        if (!(e instanceof io.pod4j.api.error.ManifestSyntaxException) || e.problems().isEmpty()) {
            return Optional.empty();
        }
        ManifestProblem first = e.problems().get(0);
        String detail = "\n" + first.toString().indent(2).stripTrailing();
        if (first.message().equals("tab character in indentation")) {
            return Optional.of(new ApiError(null, "error parsing " + source + ": error converting YAML to JSON: yaml: line "
                    + first.line() + ": found character that cannot start any token" + detail));
        }
        if (first.message().startsWith("expected \"key: value\"") || first.message().startsWith("mapping values are not allowed")) {
            return Optional.of(new ApiError(null, "error parsing " + source + ": error converting YAML to JSON: " + first.message() + detail));
        }
        return Optional.empty();
    }

    /**
     * @param source the file name, as kubectl names it in {@code error when creating "..."}
     * @param text the manifest
     * @param e what the loader found
     * @return the API server's BadRequest, when every problem is an unknown field of one document
     */
    static Optional<ApiError> of(String source, String text, ManifestException e) {
        List<ManifestProblem> problems = e.problems();
        if (problems.isEmpty() || !problems.stream().allMatch(p -> UNKNOWN.matcher(p.message()).find())) {
            return Optional.empty();
        }
        Matcher kinds = KIND.matcher(text);
        if (!kinds.find()) {
            return Optional.empty();
        }
        String kind = kinds.group(1);
        if (kinds.find()) {
            // Several documents: which object each field belongs to is not known here.
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("error when creating \"").append(source).append("\": ").append(kind)
                .append(" in version \"v1\" cannot be handled as a ").append(kind).append(": strict decoding error: ");
        for (int i = 0; i < problems.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("unknown field \"").append(problems.get(i).path()).append('"');
        }
        for (ManifestProblem p : problems) {
            sb.append("\n  at ").append(p.source());
            if (p.line() > 0) {
                sb.append(':').append(p.line()).append(':').append(p.column());
            }
            if (p.hint() != null) {
                sb.append("; hint: ").append(p.hint());
            }
        }
        return Optional.of(new ApiError("BadRequest", sb.toString()));
    }
}

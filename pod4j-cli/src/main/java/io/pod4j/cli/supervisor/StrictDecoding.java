package io.pod4j.cli.supervisor;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.api.error.ManifestException;
import io.pod4j.api.error.ManifestProblem;
import io.pod4j.api.error.ManifestSyntaxException;
import io.pod4j.api.error.StrictDecodingException;
import io.pod4j.cli.ApiError;
import java.util.Objects;
import java.util.Optional;

/**
 * Unknown fields as the API server refuses them under kubectl's default {@code --validate=strict}
 * ({@code Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field
 * "metadata.annotation"}), followed by where each one is and pod4j's hint, which kubectl does not
 * give; and YAML kubectl cannot read, in kubectl's words.
 */
final class StrictDecoding {

    private StrictDecoding() {
    }

    /**
     * @param source the file name
     * @param e what the loader found
     * @return kubectl's {@code error parsing FILE: ...} for YAML it cannot read (with Go's words for a
     *     tab, the classic fault), followed by pod4j's location and hint; empty for other problems
     */
    static Optional<ApiError> yamlSyntax(String source, ManifestException e) {
        if (!(e instanceof ManifestSyntaxException) || e instanceof StrictDecodingException || e.problems().isEmpty()) {
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
     * @param rejected an object with fields Kubernetes does not have
     * @return the API server's BadRequest message for it, as kubectl prints it after
     *     {@code Error from server (BadRequest): }, then where each field is and a hint
     */
    static String refusal(StrictDecodingException.Rejected rejected) {
        StringBuilder sb = new StringBuilder("error when creating \"").append(rejected.source()).append("\": ")
                .append(rejected.apiServerMessage());
        for (ManifestProblem p : rejected.problems()) {
            sb.append("\n  at ").append(p.source());
            if (p.line() > 0) {
                sb.append(':').append(p.line()).append(':').append(p.column());
            }
            if (p.hint() != null) {
                sb.append("; hint: ").append(p.hint());
            }
        }
        return sb.toString();
    }

    /**
     * @param rejected an object refused for its unknown fields
     * @param o an object read from the same source without the strict check
     * @return true when {@code o} is that object (the same kind, namespace and name)
     */
    static boolean refers(StrictDecodingException.Rejected rejected, HasMetadata o) {
        String ns = o.getMetadata() == null || o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace();
        String name = o.getMetadata() == null || o.getMetadata().getName() == null ? "" : o.getMetadata().getName();
        return Objects.equals(rejected.kind(), o.getKind()) && rejected.namespace().equals(ns) && rejected.name().equals(name);
    }
}

package io.pod4j.api.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Manifests with fields Kubernetes does not have, refused as the API server refuses them under
 * kubectl's default {@code --validate=strict}. Each refused object is one {@link Rejected}, which
 * words the refusal as the API server does:
 * {@code Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].resizePolicyx"}.
 * {@link #problems()} hold the same fields with file, line, column and a hint.
 */
public class StrictDecodingException extends ManifestSyntaxException {

    private static final long serialVersionUID = 1L;

    private final transient List<Rejected> rejected;

    /**
     * @param rejected every refused object, in document order; at least one
     */
    public StrictDecodingException(List<Rejected> rejected) {
        super(rejected.stream().flatMap(r -> r.problems().stream()).toList(), null);
        this.rejected = List.copyOf(rejected);
    }

    /** @return every refused object, in document order */
    public List<Rejected> rejected() {
        return rejected;
    }

    /**
     * One object with unknown fields.
     *
     * @param source the file, resource or {@code <string>} it came from
     * @param apiVersion its {@code apiVersion}, such as {@code v1}
     * @param kind its {@code kind}
     * @param namespace its {@code metadata.namespace}, or "" when not set
     * @param name its {@code metadata.name}, or "" when not set
     * @param fields the unknown fields' paths inside the object, such as {@code spec.schedulingGates[0].foo}
     * @param problems the same fields located in the source, with hints
     */
    public record Rejected(String source, String apiVersion, String kind, String namespace, String name,
            List<String> fields, List<ManifestProblem> problems) {

        /** Copies the lists. */
        public Rejected {
            fields = List.copyOf(fields);
            problems = List.copyOf(problems);
        }

        /**
         * @return the API server's words, as kubectl prints them after {@code Error from server (BadRequest): error when creating "FILE": }
         */
        public String apiServerMessage() {
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            return kind + " in version \"" + version + "\" cannot be handled as a " + kind + ": strict decoding error: "
                    + fields.stream().map(f -> "unknown field \"" + f + "\"").collect(Collectors.joining(", "));
        }
    }
}

package io.pod4j.api.error;

/**
 * One thing wrong with a manifest, with where it is.
 *
 * @param source the file, resource or {@code <string>} the manifest came from
 * @param line 1-based line, or 0 when unknown (a Pod built in Java has no lines)
 * @param column 1-based column, or 0 when unknown
 * @param path the field path, such as {@code spec.containers[1].livenessProbe.periodSeconds};
 *     empty for the document root
 * @param message what is wrong, in the API server's words where it has them
 * @param hint what to do about it, or null
 */
public record ManifestProblem(String source, int line, int column, String path, String message, String hint) {

    /** Normalizes a null path to the root. */
    public ManifestProblem {
        path = path == null ? "" : path;
    }

    /**
     * @return the problem as {@code source:line:column: message}, then {@code at:} the field path
     *     and {@code hint:} lines, indented
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ").append(message);
        sb.append("\n  at: ").append(path.isEmpty() ? "(root)" : path);
        if (hint != null) {
            sb.append("\n  hint: ").append(hint);
        }
        return sb.toString();
    }
}

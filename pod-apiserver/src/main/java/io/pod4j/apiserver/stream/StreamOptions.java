package io.pod4j.apiserver.stream;

import java.util.List;
import java.util.Map;

/**
 * What an exec or attach request asks for, from its query parameters ({@code command} repeated,
 * {@code container}, {@code stdin}, {@code stdout}, {@code stderr}, {@code tty}), as the API
 * server's PodExecOptions and PodAttachOptions.
 *
 * @param container the container name, or null when the request names none
 * @param command the command and its arguments (empty for attach)
 * @param stdin whether the client sends standard input
 * @param stdout whether the client wants standard output
 * @param stderr whether the client wants standard error (always false with a tty)
 * @param tty whether to allocate a terminal
 */
public record StreamOptions(String container, List<String> command, boolean stdin, boolean stdout, boolean stderr,
        boolean tty) {

    public StreamOptions {
        command = List.copyOf(command);
        // A terminal merges stderr into stdout, as the kubelet does.
        stderr = stderr && !tty;
    }

    /**
     * @param params the decoded query parameters
     * @return the options; stdout and stderr default to true for exec clients that omit them, as
     *     the API server's defaulting does
     * @throws IllegalArgumentException with the API server's message when a flag is not a boolean
     */
    public static StreamOptions of(Map<String, List<String>> params) {
        return new StreamOptions(first(params, "container"), params.getOrDefault("command", List.of()),
                flag(params, "stdin", false), flag(params, "stdout", true), flag(params, "stderr", true),
                flag(params, "tty", false));
    }

    /** @return true when at least one stream is asked for, which the API server requires */
    public boolean anyStream() {
        return stdin || stdout || stderr;
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static boolean flag(Map<String, List<String>> params, String name, boolean absent) {
        String value = first(params, name);
        if (value == null) {
            return absent;
        }
        switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "1", "t", "true":
                return true;
            case "0", "f", "false":
                return false;
            default:
                throw new IllegalArgumentException("strconv.ParseBool: parsing \"" + value + "\": invalid syntax (query parameter "
                        + name + ")");
        }
    }
}

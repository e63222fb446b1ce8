package io.pod4j.api.yaml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the quotes of written YAML the way Go's YAML encoder (behind {@code kubectl get -o yaml})
 * chooses them: a string that would read back as another type ({@code "True"}, {@code "8080"}, a
 * timestamp) keeps double quotes, while a string that is quoted only because of its characters
 * ({@code a: b}, {@code [app]}, a leading {@code *}) gets single quotes, as in
 * {@code message: 'containers with unready status: [app]'}. Jackson writes double quotes for both.
 */
final class GoYamlQuotes {

    /** A value after "key: " or "- " that is one double-quoted scalar with no escapes in it. */
    private static final Pattern QUOTED = Pattern.compile("^(\\s*(?:- )*(?:[^\\s\"'#][^\"]*?: |- ))\"([^\"\\\\]*)\"$");
    /** A line that opens a literal or folded block ({@code key: |}, {@code - |-}), matched without its indentation. */
    private static final Pattern BLOCK_START = Pattern.compile("(?:.*: |(?:- )+)[|>][-+]?");
    /** What YAML 1.1 (Go's yaml.v2) reads as a bool, null, number or timestamp rather than a string. */
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "|~|null|Null|NULL"
            + "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
            + "|[-+]?(0|[1-9][0-9_]*)|[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?0x[0-9a-fA-F_]+"
            + "|[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)"
            + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
            + "|\\d{4}-\\d{1,2}-\\d{1,2}([Tt ]\\d{1,2}:\\d{2}:\\d{2}(\\.\\d*)?\\s*(Z|[+-]\\d{1,2}(:\\d{2})?)?)?");

    private GoYamlQuotes() {
    }

    /**
     * @param yaml YAML as Jackson wrote it
     * @return the same YAML with Go's choice of quotes
     */
    static String apply(String yaml) {
        StringBuilder out = new StringBuilder(yaml.length());
        int blockIndent = -1;
        for (String line : yaml.split("\n", -1)) {
            int indent = line.length() - line.stripLeading().length();
            if (blockIndent >= 0 && (line.isBlank() || indent > blockIndent)) {
                // Inside a literal block: text, not YAML.
                out.append(line).append('\n');
                continue;
            }
            blockIndent = -1;
            Matcher m = QUOTED.matcher(line);
            if (m.matches() && !NOT_A_STRING.matcher(m.group(2)).matches()) {
                line = m.group(1) + "'" + m.group(2).replace("'", "''") + "'";
            } else if (BLOCK_START.matcher(line.strip()).matches()) {
                blockIndent = indent;
            }
            out.append(line).append('\n');
        }
        // split(-1) gave one empty piece after the final newline.
        return out.substring(0, out.length() - 1);
    }
}

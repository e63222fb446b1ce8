package io.pod4j.api.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Which string values get quotes in written YAML: Jackson's minimal rules, plus strings that a YAML
 * 1.1 reader would take for a timestamp. kubectl's YAML (Go's yaml encoder) quotes those
 * ({@code creationTimestamp: "2026-11-24T09:52:36Z"}), so that the value stays a string for every
 * reader; we write the same.
 */
final class YamlQuoting extends StringQuotingChecker.Default {

    private static final long serialVersionUID = 1L;

    /** The YAML 1.1 timestamp forms: a date, optionally followed by a time and a zone. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{1,2}-\\d{1,2}([Tt ]\\d{1,2}:\\d{2}:\\d{2}(\\.\\d*)?\\s*(Z|[+-]\\d{1,2}(:\\d{2})?)?)?");

    @Override
    public boolean needToQuoteValue(String value) {
        return super.needToQuoteValue(value) || TIMESTAMP.matcher(value).matches();
    }
}

package io.pod4j.apiserver.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.api.build.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How one kind is printed: its columns and, for an object, the cells of its row (in column order,
 * wide columns included; kubectl drops those of priority 1 unless asked for {@code -o wide}).
 */
interface Printer {

    /** A row: its cells and its conditions (a finished Pod's {@code Completed}), as {@code TableRow}. */
    record Row(List<Object> cells, List<Map<String, String>> conditions) {

        static Row of(Object... cells) {
            return new Row(List.of(cells), List.of());
        }
    }

    List<Column> columns();

    Row row(HasMetadata object, Instant now);

    /** @return the time since {@code timestamp} as the printers write it, {@code <unknown>} when it is unset */
    static String since(String timestamp, Instant now) {
        Instant t = Timestamps.parse(timestamp);
        return since(t, now);
    }

    /** @return the time since {@code t} as the printers write it, {@code <unknown>} when it is null */
    static String since(Instant t, Instant now) {
        return t == null ? "<unknown>" : HumanDuration.format(Duration.between(t, now));
    }

    /** @return {@code <none>} for an empty text, as the printers write a missing value */
    static String orNone(String text) {
        return text == null || text.isEmpty() ? "<none>" : text;
    }
}

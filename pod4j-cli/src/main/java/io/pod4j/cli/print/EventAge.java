package io.pod4j.cli.print;

import io.fabric8.kubernetes.api.model.Event;
import io.pod4j.api.build.Timestamps;
import io.pod4j.apiserver.table.HumanDuration;
import java.time.Duration;
import java.time.Instant;

/** How kubectl shows an event's age: {@code 5s}, or {@code 5s (x3 over 2m)} for a repeated one. */
public final class EventAge {

    private EventAge() {
    }

    /**
     * @param e the event
     * @param now the present
     * @return the age since the event last happened, with its count and first time when it repeated
     */
    public static String of(Event e, Instant now) {
        Instant first = first(e);
        Instant last = e.getLastTimestamp() != null ? Timestamps.parse(e.getLastTimestamp()) : first;
        return e.getCount() != null && e.getCount() > 1
                ? since(last, now) + " (x" + e.getCount() + " over " + since(first, now) + ")"
                : since(first, now);
    }

    /**
     * @param e the event
     * @param now the present
     * @return the LAST SEEN column of {@code kubectl get events}: the age of the last occurrence only
     *     (the API server's event table has no count in it; {@code describe} and {@code kubectl events}
     *     show {@code (xN over T)})
     */
    public static String lastSeen(Event e, Instant now) {
        return since(e.getLastTimestamp() != null ? Timestamps.parse(e.getLastTimestamp()) : first(e), now);
    }

    /**
     * @param e the event
     * @param now the present
     * @return the FIRST SEEN column of {@code kubectl get events -o wide}
     */
    public static String firstSeen(Event e, Instant now) {
        return since(first(e), now);
    }

    private static Instant first(Event e) {
        return Timestamps.parse(e.getFirstTimestamp() != null ? e.getFirstTimestamp() : e.getLastTimestamp());
    }

    private static String since(Instant t, Instant now) {
        return t == null ? "<unknown>" : HumanDuration.format(Duration.between(t, now));
    }
}

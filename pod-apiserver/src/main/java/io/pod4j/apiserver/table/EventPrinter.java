package io.pod4j.apiserver.table;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The core/v1 Event row a cluster prints: LAST SEEN (the series' last observation, else
 * lastTimestamp, else the first time), TYPE, REASON, OBJECT as {@code kind/name}, MESSAGE, and
 * with {@code -o wide} SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME.
 */
final class EventPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(
            Column.string("Last Seen", "Time since the event was last seen."),
            Column.string("Type", "Type of this event (Normal, Warning)."),
            Column.string("Reason", "Why the action was taken, short and machine understandable."),
            Column.string("Object", "The object this event is about, as kind/name."),
            Column.wide("Subobject", "The part of the object this event is about (involvedObject.fieldPath)."),
            Column.wide("Source", "The component reporting this event."),
            Column.string("Message", "A human-readable description of the event."),
            Column.wide("First Seen", "Time since the event was first seen."),
            Column.wide("Count", "The number of times this event has occurred."),
            new Column("Name", "string", "name", 1, "Name must be unique within a namespace."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public Row row(HasMetadata object, Instant now) {
        Event e = (Event) object;
        String first = e.getFirstTimestamp() == null || e.getFirstTimestamp().isEmpty()
                ? Printer.since(e.getEventTime() == null ? null : e.getEventTime().getTime(), now)
                : Printer.since(e.getFirstTimestamp(), now);
        String last = e.getLastTimestamp() == null || e.getLastTimestamp().isEmpty() ? first
                : Printer.since(e.getLastTimestamp(), now);
        long count = e.getCount() == null ? 0 : e.getCount();
        if (e.getSeries() != null) {
            last = Printer.since(e.getSeries().getLastObservedTime() == null ? null
                    : e.getSeries().getLastObservedTime().getTime(), now);
            count = e.getSeries().getCount() == null ? 0 : e.getSeries().getCount();
        } else if (count == 0) {
            count = 1; // a singleton event of the new API has no count
        }
        ObjectReference involved = e.getInvolvedObject() == null ? new ObjectReference() : e.getInvolvedObject();
        String kind = involved.getKind() == null ? "" : involved.getKind().toLowerCase(Locale.ROOT);
        String target = involved.getName() == null || involved.getName().isEmpty() ? kind
                : kind + "/" + involved.getName();
        return Row.of(last, text(e.getType()), text(e.getReason()), target, text(involved.getFieldPath()),
                source(e), text(e.getMessage()).strip(), first, count, e.getMetadata().getName());
    }

    private static String source(Event e) {
        EventSource s = e.getSource() == null ? new EventSource() : e.getSource();
        String component = firstNonEmpty(s.getComponent(), e.getReportingComponent());
        String instance = firstNonEmpty(s.getHost(), e.getReportingInstance());
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : text(b);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}

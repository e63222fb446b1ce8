package io.pod4j.cli.verbs;

import io.pod4j.api.model.Event;
import io.pod4j.cli.ApiError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code get events --field-selector involvedObject.name=web,type!=Normal}: the fields the API
 * server lets events be selected by, with {@code =}, {@code ==} and {@code !=}, and its error for
 * any other field.
 */
final class EventFields {

    private record Term(String field, boolean equal, String value) {
    }

    private final List<Term> terms;

    private EventFields(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /**
     * @param selector the {@code --field-selector} value, or null for every event
     * @return the selector
     * @throws ApiError with the API server's words for a field events cannot be selected by
     */
    static EventFields parse(String selector) {
        List<Term> terms = new ArrayList<>();
        if (selector != null) {
            for (String part : selector.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int ne = part.indexOf("!=");
                int eq = part.indexOf('=');
                if (eq < 0) {
                    throw new ApiError("BadRequest", "invalid selector: '" + selector + "'; can't understand '" + part + "'");
                }
                String field = (ne >= 0 ? part.substring(0, ne) : part.substring(0, eq)).strip();
                String value = ne >= 0 ? part.substring(ne + 2) : part.substring(eq + (part.startsWith("==", eq) ? 2 : 1));
                if (!fields(Event.builder().build()).containsKey(field)) {
                    throw new ApiError("BadRequest", "Unable to find \"/v1, Resource=events\" that match label selector \"\", field"
                            + " selector \"" + selector + "\": field label not supported: " + field);
                }
                terms.add(new Term(field, ne < 0, value.strip()));
            }
        }
        return new EventFields(terms);
    }

    /**
     * @param e an event
     * @return true when every term holds
     */
    boolean matches(Event e) {
        Map<String, String> f = fields(e);
        return terms.stream().allMatch(t -> Objects.equals(f.get(t.field()), t.value()) == t.equal());
    }

    /** The selectable fields of an event, as the API server's event strategy lists them. */
    private static Map<String, String> fields(Event e) {
        Map<String, String> f = new LinkedHashMap<>();
        var o = e.involvedObject();
        f.put("involvedObject.kind", o == null ? "" : nz(o.kind()));
        f.put("involvedObject.namespace", o == null ? "" : nz(o.namespace()));
        f.put("involvedObject.name", o == null ? "" : nz(o.name()));
        f.put("involvedObject.uid", o == null ? "" : nz(o.uid()));
        f.put("involvedObject.apiVersion", o == null ? "" : nz(o.apiVersion()));
        f.put("involvedObject.resourceVersion", "");
        f.put("involvedObject.fieldPath", o == null ? "" : nz(o.fieldPath()));
        f.put("reason", nz(e.reason()));
        f.put("reportingComponent", "");
        f.put("source", e.source() == null ? "" : nz(e.source().component()));
        f.put("type", nz(e.type()));
        f.put("metadata.name", e.metadata() == null ? "" : nz(e.metadata().name()));
        f.put("metadata.namespace", e.metadata() == null ? "" : nz(e.metadata().namespace()));
        return f;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

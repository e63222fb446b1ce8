package io.pod4j.api.selector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A field selector, as kubectl's {@code --field-selector}: comma-separated terms
 * {@code field=value}, {@code field==value} or {@code field!=value}, all of which must hold, e.g.
 * {@code metadata.name=web,status.phase!=Running}. Parsing, escaping ({@code \,} {@code \=}
 * {@code \\}) and messages follow Kubernetes' {@code fields.ParseSelector}; the fields are those the
 * API server lets you select that kind by ({@link SelectableFields}), and any other is refused with its words:
 * {@code field label not supported: spec.containers}.
 */
public final class FieldSelector {

    /** The fields the API server accepts in a Pod field selector (see {@link SelectableFields}). */
    public static final Set<String> POD_FIELDS = SelectableFields.POD;

    /** Old clients' name for {@code spec.nodeName}, still converted by the API server. */
    private static final String LEGACY_NODE_NAME = "spec.host";

    private record Term(String field, boolean equal, String value) {

        boolean matches(Map<String, String> fields) {
            String actual = fields.get(field); // absent and null both count as ""
            return equal == (actual == null ? "" : actual).equals(value);
        }

        @Override
        public String toString() {
            return field + (equal ? "=" : "!=") + escape(value);
        }
    }

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** @return the selector that selects every Pod, printed as the empty string */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses a field selector for Pods. No whitespace is trimmed, as in Kubernetes.
     *
     * @param selector e.g. {@code metadata.name=web,status.phase!=Running}; empty selects everything
     * @return the selector
     * @throws IllegalArgumentException with Kubernetes' message, e.g.
     *     {@code invalid selector: 'name'; can't understand 'name'} or {@code field label not supported: name}
     */
    public static FieldSelector parse(String selector) {
        return parse("Pod", selector);
    }

    /**
     * Parses a field selector for objects of one kind, accepting the fields the API server accepts
     * for it ({@link SelectableFields#of}). No whitespace is trimmed, as in Kubernetes.
     *
     * @param kind the kind selected, such as {@code Pod} or {@code Event}
     * @param selector e.g. {@code involvedObject.name=web}; empty selects everything
     * @return the selector
     * @throws IllegalArgumentException with Kubernetes' message, e.g. {@code field label not supported: name}
     */
    public static FieldSelector parse(String kind, String selector) {
        Objects.requireNonNull(selector, "selector");
        Set<String> allowed = SelectableFields.of(kind);
        boolean pod = kind.equals("Pod");
        List<String> parts = splitTerms(selector);
        Collections.sort(parts); // Kubernetes sorts the raw terms before reading them
        List<Term> terms = new ArrayList<>();
        for (String part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            Term term = splitTerm(selector, part);
            String field = pod && term.field.equals(LEGACY_NODE_NAME) ? "spec.nodeName" : term.field;
            if (!allowed.contains(field)) {
                throw new IllegalArgumentException("field label not supported: " + term.field);
            }
            terms.add(new Term(field, term.equal, term.value));
        }
        return terms.isEmpty() ? EVERYTHING : new FieldSelector(terms);
    }

    /**
     * Whether every term holds for these field values; a field absent from the map (or mapped to
     * null) counts as the empty string, as in Kubernetes.
     *
     * @param fields field values by name, e.g. {@code status.phase -> Running}
     * @return true when selected
     */
    public boolean matches(Map<String, String> fields) {
        Map<String, String> f = fields == null ? Map.of() : fields;
        for (Term t : terms) {
            if (!t.matches(f)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every term holds for this object's field values (see {@link SelectableFields#valuesOf}).
     *
     * @param object the Pod, Event, ... to test
     * @return true when selected
     */
    public boolean matches(HasMetadata object) {
        return matches(SelectableFields.valuesOf(object));
    }

    /**
     * The value a field must have for this selector to match, if one term requires it exactly,
     * like Kubernetes' {@code RequiresExactMatch}; lets a caller look a Pod up by name.
     *
     * @param field e.g. {@code metadata.name}
     * @return the required value, or empty
     */
    public Optional<String> exactMatch(String field) {
        return terms.stream().filter(t -> t.equal && t.field.equals(field)).map(Term::value).findFirst();
    }

    /** @return whether this selector has no term, i.e. selects everything */
    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** @return the canonical form, e.g. {@code metadata.name=web,status.phase!=Running}; empty for everything */
    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    /** Equal when both hold the same terms in the same (sorted) order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSelector other && terms.equals(other.terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }

    /** Splits at commas not escaped by a backslash. */
    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        if (selector.isEmpty()) {
            return terms;
        }
        int start = 0;
        boolean inSlash = false;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (inSlash) {
                inSlash = false;
            } else if (c == '\\') {
                inSlash = true;
            } else if (c == ',') {
                terms.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        terms.add(selector.substring(start));
        return terms;
    }

    /** Splits a term at its first operator; {@code !=} and {@code ==} win over {@code =} at the same place. */
    private static Term splitTerm(String selector, String term) {
        for (int i = 0; i < term.length(); i++) {
            String rest = term.substring(i);
            for (String op : new String[] {"!=", "==", "="}) {
                if (rest.startsWith(op)) {
                    return new Term(term.substring(0, i), !op.equals("!="), unescape(term.substring(i + op.length())));
                }
            }
        }
        throw new IllegalArgumentException("invalid selector: '" + selector + "'; can't understand '" + term + "'");
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean inSlash = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inSlash) {
                if (c != '\\' && c != ',' && c != '=') {
                    throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\" + c);
                }
                sb.append(c);
                inSlash = false;
            } else if (c == '\\') {
                inSlash = true;
            } else if (c == ',' || c == '=') {
                // Kubernetes prints the rune's number here; the character itself is more helpful.
                throw new IllegalArgumentException("invalid field selector: unescaped character in value: " + c);
            } else {
                sb.append(c);
            }
        }
        if (inSlash) {
            throw new IllegalArgumentException("invalid field selector: invalid escape sequence: \\");
        }
        return sb.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
    }
}

package io.pod4j.api.selector;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A label selector: the AND of requirements on a set of labels, as Kubernetes'
 * {@code labels.Selector}. Read it from kubectl's {@code -l} syntax with {@link #parse}, or from
 * a manifest's {@code matchLabels}/{@code matchExpressions} with {@link #of}; test label maps with
 * {@link #matches}. {@link #toString()} prints the canonical {@code -l} form, requirements sorted by
 * key and values sorted, exactly as Kubernetes prints it: {@code tier in (db,api),!canary,app=web}
 * prints {@code app=web,!canary,tier in (api,db)}.
 *
 * <p>In JSON and YAML a selector is written as {@code {matchLabels: ..., matchExpressions: [...]}}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"matchLabels", "matchExpressions"})
public final class LabelSelector {

    /** The operators of the string syntax, spelled as Kubernetes' {@code selection.Operator}. */
    enum Op {
        DOES_NOT_EXIST("!"), EQUALS("="), DOUBLE_EQUALS("=="), IN("in"), NOT_EQUALS("!="), NOT_IN("notin"),
        EXISTS("exists"), GREATER_THAN("gt"), LESS_THAN("lt");

        final String name;

        Op(String name) {
            this.name = name;
        }
    }

    /** One validated requirement; {@code values} are sorted and distinct. */
    record Requirement(String key, Op op, List<String> values) {

        boolean matches(Map<String, String> labels) {
            String actual = labels.get(key);
            boolean has = actual != null || labels.containsKey(key);
            return switch (op) {
                case IN, EQUALS, DOUBLE_EQUALS -> has && values.contains(actual);
                case NOT_IN, NOT_EQUALS -> !has || !values.contains(actual);
                case EXISTS -> has;
                case DOES_NOT_EXIST -> !has;
                case GREATER_THAN, LESS_THAN -> has && compares(actual);
            };
        }

        private boolean compares(String actual) {
            try {
                long label = Long.parseLong(actual);
                long bound = Long.parseLong(values.get(0));
                return op == Op.GREATER_THAN ? label > bound : label < bound;
            } catch (NumberFormatException notAnInteger) {
                return false; // Kubernetes: a label value that is not an integer never matches gt/lt
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (op == Op.DOES_NOT_EXIST) {
                sb.append('!');
            }
            sb.append(key);
            switch (op) {
                case EXISTS, DOES_NOT_EXIST -> {
                    return sb.toString();
                }
                case IN, NOT_IN -> sb.append(' ').append(op.name).append(" (").append(String.join(",", values)).append(')');
                case GREATER_THAN -> sb.append('>').append(values.get(0));
                case LESS_THAN -> sb.append('<').append(values.get(0));
                default -> sb.append(op.name).append(values.get(0));
            }
            return sb.toString();
        }
    }

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        List<Requirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(Requirement::key)); // stable: equal keys keep their order
        this.requirements = List.copyOf(sorted);
    }

    /** @return the selector that matches every label set, printed as the empty string */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses kubectl's {@code -l} syntax: {@code a=b}, {@code a==b}, {@code a!=b},
     * {@code a in (x,y)}, {@code a notin (x)}, {@code a}, {@code !a}, {@code a>1}, {@code a<1},
     * separated by commas (AND). Spaces, tabs and newlines may surround words and symbols.
     *
     * @param selector the selector text; empty or blank selects everything
     * @return the selector
     * @throws IllegalArgumentException with Kubernetes' message, e.g.
     *     {@code unable to parse requirement: found '', expected: in, notin, =, ==, !=, gt, lt}
     */
    public static LabelSelector parse(String selector) {
        Objects.requireNonNull(selector, "selector");
        return new LabelSelector(LabelSelectorParser.parse(selector));
    }

    /**
     * A selector matching exactly the given labels, like Kubernetes' {@code SelectorFromSet}.
     *
     * @param labels required label values
     * @return the selector
     * @throws IllegalArgumentException when a key or value is not valid label syntax
     */
    public static LabelSelector ofLabels(Map<String, String> labels) {
        return of(labels, List.of());
    }

    /**
     * A selector from a manifest's {@code matchLabels} and {@code matchExpressions}, as Kubernetes'
     * {@code LabelSelectorAsSelector}; both empty selects everything.
     *
     * @param matchLabels required label values; may be null
     * @param matchExpressions further requirements; may be null
     * @return the selector
     * @throws IllegalArgumentException with Kubernetes' message when a key, value or value count is invalid
     */
    @JsonCreator
    public static LabelSelector of(@JsonProperty("matchLabels") Map<String, String> matchLabels,
            @JsonProperty("matchExpressions") List<LabelSelectorRequirement> matchExpressions) {
        List<Requirement> requirements = new ArrayList<>();
        if (matchLabels != null) {
            matchLabels.forEach((k, v) -> requirements.add(requirement(k, Op.EQUALS, List.of(v))));
        }
        if (matchExpressions != null) {
            for (LabelSelectorRequirement e : matchExpressions) {
                Objects.requireNonNull(e, "matchExpressions entry");
                if (e.operator() == null) {
                    throw new IllegalArgumentException("\"\" is not a valid label selector operator");
                }
                Op op = switch (e.operator()) {
                    case IN -> Op.IN;
                    case NOT_IN -> Op.NOT_IN;
                    case EXISTS -> Op.EXISTS;
                    case DOES_NOT_EXIST -> Op.DOES_NOT_EXIST;
                };
                requirements.add(requirement(e.key() == null ? "" : e.key(), op, e.values()));
            }
        }
        return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements);
    }

    /**
     * Whether every requirement holds for these labels.
     *
     * @param labels the labels of an object; null counts as no labels
     * @return true when the labels are selected
     */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        for (Requirement r : requirements) {
            if (!r.matches(l)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether this selector has no requirement, i.e. selects everything */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /**
     * The {@code matchLabels} part of this selector's manifest form: the first {@code =} or
     * {@code ==} requirement of each key.
     *
     * @return label values required exactly, sorted by key
     */
    @JsonProperty("matchLabels")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public Map<String, String> matchLabels() {
        return split().labels;
    }

    /**
     * The {@code matchExpressions} part of this selector's manifest form, as Kubernetes'
     * {@code ParseToLabelSelector} converts it: {@code a!=b} becomes {@code a NotIn (b)}.
     *
     * @return the requirements not expressed by {@link #matchLabels()}
     * @throws IllegalStateException when the selector uses {@code >} or {@code <}, which a manifest cannot express
     */
    @JsonProperty("matchExpressions")
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public List<LabelSelectorRequirement> matchExpressions() {
        return split().expressions;
    }

    private record ManifestForm(Map<String, String> labels, List<LabelSelectorRequirement> expressions) {
    }

    private ManifestForm split() {
        Map<String, String> labels = new LinkedHashMap<>();
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (Requirement r : requirements) {
            switch (r.op) {
                case EQUALS, DOUBLE_EQUALS -> {
                    if (labels.putIfAbsent(r.key, r.values.get(0)) != null) {
                        expressions.add(new LabelSelectorRequirement(r.key, LabelSelectorRequirement.Operator.IN,
                                r.values));
                    }
                }
                case IN -> expressions.add(new LabelSelectorRequirement(r.key, LabelSelectorRequirement.Operator.IN,
                        r.values));
                case NOT_IN, NOT_EQUALS -> expressions.add(new LabelSelectorRequirement(r.key,
                        LabelSelectorRequirement.Operator.NOT_IN, r.values));
                case EXISTS -> expressions.add(LabelSelectorRequirement.exists(r.key));
                case DOES_NOT_EXIST -> expressions.add(LabelSelectorRequirement.doesNotExist(r.key));
                default -> throw new IllegalStateException(
                        "\"" + r.op.name + "\" is not a valid label selector operator");
            }
        }
        return new ManifestForm(Collections.unmodifiableMap(labels), List.copyOf(expressions));
    }

    /** @return the canonical {@code -l} form, e.g. {@code app=web,!canary,tier in (api,db)}; empty for everything */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    /** Equal when both hold the same requirements (same keys, operators and value sets). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && requirements.equals(other.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    /** Kubernetes' {@code NewRequirement}: validates the key, the value count and every value. */
    static Requirement requirement(String key, Op op, List<String> values) {
        List<String> errors = new ArrayList<>();
        List<String> keyErrors = LabelSyntax.keyErrors(key);
        if (!keyErrors.isEmpty()) {
            errors.add(LabelSyntax.invalid("key", key, keyErrors));
        }
        switch (op) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    errors.add("values: Invalid value: " + goList(values)
                            + ": for 'in', 'notin' operators, values set can't be empty");
                }
            }
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS -> {
                if (values.size() != 1) {
                    errors.add("values: Invalid value: " + goList(values)
                            + ": exact-match compatibility requires one single value");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    errors.add("values: Invalid value: " + goList(values)
                            + ": values set must be empty for exists and does not exist");
                }
            }
            case GREATER_THAN, LESS_THAN -> {
                if (values.size() != 1) {
                    errors.add("values: Invalid value: " + goList(values)
                            + ": for 'Gt', 'Lt' operators, exactly one value is required");
                }
                for (int i = 0; i < values.size(); i++) {
                    if (!isInt64(values.get(i))) {
                        errors.add("values[" + i + "]: Invalid value: \"" + values.get(i)
                                + "\": for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            String v = Objects.requireNonNull(values.get(i), "label selector value");
            List<String> valueErrors = LabelSyntax.valueErrors(v);
            if (!valueErrors.isEmpty()) {
                errors.add(LabelSyntax.invalid("values[" + i + "][" + key + "]", v, valueErrors));
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
        return new Requirement(key, op, List.copyOf(new TreeSet<>(values)));
    }

    private static boolean isInt64(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String goList(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[]string{", "}"));
    }
}

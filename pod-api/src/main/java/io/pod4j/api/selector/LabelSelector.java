package io.pod4j.api.selector;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
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
 * <p>In manifests a selector is fabric8's {@link io.fabric8.kubernetes.api.model.LabelSelector}
 * ({@code matchLabels}, {@code matchExpressions}): {@link #of} reads one, {@link #toLabelSelector()} writes one.
 */
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
        List<Requirement> requirements = new ArrayList<>();
        labels.forEach((k, v) -> requirements.add(requirement(k, Op.EQUALS, List.of(v))));
        return requirements.isEmpty() ? EVERYTHING : new LabelSelector(requirements);
    }

    /**
     * A selector from a manifest's {@code matchLabels} and {@code matchExpressions}, as Kubernetes'
     * {@code LabelSelectorAsSelector}; null or both empty selects everything.
     *
     * @param selector a fabric8 label selector, or null
     * @return the selector
     * @throws IllegalArgumentException with Kubernetes' message when a key, value, operator or value count is invalid
     */
    public static LabelSelector of(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        List<Requirement> requirements = new ArrayList<>();
        if (selector == null) {
            return EVERYTHING;
        }
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> requirements.add(requirement(k, Op.EQUALS, List.of(v == null ? "" : v))));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement e : selector.getMatchExpressions()) {
                Objects.requireNonNull(e, "matchExpressions entry");
                String operator = e.getOperator() == null ? "" : e.getOperator();
                Op op = switch (operator) {
                    case "In" -> Op.IN;
                    case "NotIn" -> Op.NOT_IN;
                    case "Exists" -> Op.EXISTS;
                    case "DoesNotExist" -> Op.DOES_NOT_EXIST;
                    default -> throw new IllegalArgumentException("\"" + operator + "\" is not a valid label selector operator");
                };
                requirements.add(requirement(e.getKey() == null ? "" : e.getKey(), op,
                        e.getValues() == null ? List.of() : e.getValues()));
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
     * This selector's manifest form, as Kubernetes' {@code ParseToLabelSelector} converts it: the
     * first {@code =} or {@code ==} requirement of each key goes to {@code matchLabels}, the rest to
     * {@code matchExpressions} ({@code a!=b} becomes {@code a NotIn (b)}).
     *
     * @return a new fabric8 label selector
     * @throws IllegalStateException when the selector uses {@code >} or {@code <}, which a manifest cannot express
     */
    public io.fabric8.kubernetes.api.model.LabelSelector toLabelSelector() {
        ManifestForm form = split();
        return new io.fabric8.kubernetes.api.model.LabelSelector(new ArrayList<>(form.expressions),
                new LinkedHashMap<>(form.labels));
    }

    /**
     * @param object an object; its {@code metadata.labels} are tested
     * @return whether its labels are selected
     */
    public boolean matches(HasMetadata object) {
        return matches(object.getMetadata() == null ? null : object.getMetadata().getLabels());
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
                        expressions.add(expression(r.key, "In", r.values));
                    }
                }
                case IN -> expressions.add(expression(r.key, "In", r.values));
                case NOT_IN, NOT_EQUALS -> expressions.add(expression(r.key, "NotIn", r.values));
                case EXISTS -> expressions.add(expression(r.key, "Exists", List.of()));
                case DOES_NOT_EXIST -> expressions.add(expression(r.key, "DoesNotExist", List.of()));
                default -> throw new IllegalStateException(
                        "\"" + r.op.name + "\" is not a valid label selector operator");
            }
        }
        return new ManifestForm(Collections.unmodifiableMap(labels), List.copyOf(expressions));
    }

    private static LabelSelectorRequirement expression(String key, String operator, List<String> values) {
        return new LabelSelectorRequirement(key, operator, new ArrayList<>(values));
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

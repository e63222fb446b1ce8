package io.pod4j.store;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Values as the API server prints them in validation messages, where Go's {@code %#v} formats a
 * struct: {@code map[string]string{"app":"web"}},
 * {@code v1.LabelSelector{MatchLabels:..., MatchExpressions:...}}, {@code intstr.IntOrString{...}}.
 * Each is returned as an object whose {@code toString()} is the text, for {@link FieldError#invalid}.
 */
final class GoSyntax {

    /** A value already in the API server's words. */
    record Printed(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private GoSyntax() {
    }

    static Printed labels(Map<String, String> labels) {
        return new Printed(stringMap(labels));
    }

    static Printed selector(LabelSelector s) {
        List<LabelSelectorRequirement> exprs = s.getMatchExpressions();
        String expressions = exprs == null || exprs.isEmpty() ? "[]v1.LabelSelectorRequirement(nil)"
                : exprs.stream().map(GoSyntax::requirement)
                        .collect(Collectors.joining(", ", "[]v1.LabelSelectorRequirement{", "}"));
        return new Printed("v1.LabelSelector{MatchLabels:" + stringMap(s.getMatchLabels()) + ", MatchExpressions:"
                + expressions + "}");
    }

    static Printed intOrString(IntOrString v) {
        boolean string = v.getStrVal() != null;
        return new Printed("intstr.IntOrString{Type:" + (string ? 1 : 0) + ", IntVal:" + (string ? 0 : v.getIntVal())
                + ", StrVal:" + quote(string ? v.getStrVal() : "") + "}");
    }

    private static String requirement(LabelSelectorRequirement r) {
        List<String> values = r.getValues();
        String vs = values == null || values.isEmpty() ? "[]string(nil)"
                : values.stream().map(GoSyntax::quote).collect(Collectors.joining(", ", "[]string{", "}"));
        return "v1.LabelSelectorRequirement{Key:" + quote(r.getKey()) + ", Operator:" + quote(r.getOperator())
                + ", Values:" + vs + "}";
    }

    private static String stringMap(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return "map[string]string(nil)";
        }
        return new TreeMap<>(map).entrySet().stream().map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(", ", "map[string]string{", "}"));
    }

    private static String quote(String s) {
        return '"' + (s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"")) + '"';
    }
}

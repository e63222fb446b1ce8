package io.pod4j.cli.print;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a parsed {@link JsonPath} template is made of: literal text, actions and ranges, whose steps
 * each turn the values found so far into the next ones.
 */
final class JsonPathSteps {

    private JsonPathSteps() {
    }

    sealed interface Part permits Text, Action, Range {
    }

    record Text(String text) implements Part {
    }

    record Action(List<Step> steps) implements Part {
    }

    record Range(List<Step> steps, List<Part> body) implements Part {
    }

    sealed interface Step permits Field, Wildcard, Recursive, Slice, Filter, Literal, Union {
        List<JsonNode> apply(List<JsonNode> in);
    }

    record Field(String name) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode v : in) {
                if (v.isObject() && v.has(name)) {
                    out.add(v.get(name));
                }
            }
            return out;
        }
    }

    record Wildcard() implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode v : in) {
                if (v.isObject()) {
                    out.addAll(JsonPath.sorted(v).values());
                } else if (v.isArray()) {
                    v.forEach(out::add);
                }
            }
            return out;
        }
    }

    /** {@code ..}: every map and list below (and including) each input, parents before children. */
    record Recursive() implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode v : in) {
                List<JsonNode> children = new Wildcard().apply(List.of(v));
                if (!children.isEmpty()) {
                    out.add(v);
                    out.addAll(apply(children));
                }
            }
            return out;
        }
    }

    record Slice(Integer start, Integer end, Integer step, boolean derivedEnd) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode v : in) {
                if (v.isNull()) {
                    continue;
                }
                if (!v.isArray()) {
                    throw new IllegalArgumentException(goType(v) + " is not array or slice");
                }
                int len = v.size();
                int from = start == null ? 0 : start < 0 ? start + len : start;
                int to = derivedEnd ? from + 1 : end == null ? len : end < 0 ? end + len : end;
                if (to != from) {
                    if (from >= len || from < 0) {
                        throw new IllegalArgumentException("array index out of bounds: index " + from + ", length " + len);
                    }
                    if (to > len) {
                        throw new IllegalArgumentException("array index out of bounds: index " + (to - 1) + ", length " + len);
                    }
                }
                int by = step == null || step == 0 ? 1 : step;
                for (int i = from; i < to; i += by) {
                    out.add(v.get(i));
                }
            }
            return out;
        }
    }

    record Filter(List<Step> left, String op, List<Step> right) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode v : in) {
                if (!v.isArray()) {
                    throw new IllegalArgumentException(JsonPath.goValue(v) + " is not array or slice and cannot be filtered");
                }
                for (JsonNode item : v) {
                    List<JsonNode> lefts = eval(left, List.of(item));
                    if ("exists".equals(op)) {
                        if (!lefts.isEmpty()) {
                            out.add(item);
                        }
                        continue;
                    }
                    List<JsonNode> rights = eval(right, List.of(item));
                    if (lefts.size() != 1 || rights.size() != 1) {
                        throw new IllegalArgumentException("can only compare one element at a time");
                    }
                    if (compare(lefts.get(0), op, rights.get(0))) {
                        out.add(item);
                    }
                }
            }
            return out;
        }

        private static boolean compare(JsonNode a, String op, JsonNode b) {
            int c;
            if (a.isNumber() && b.isNumber()) {
                c = a.decimalValue().compareTo(b.decimalValue());
            } else if (a.isTextual() && b.isTextual()) {
                c = a.textValue().compareTo(b.textValue());
            } else if (a.isBoolean() && b.isBoolean() && (op.equals("==") || op.equals("!="))) {
                c = a.booleanValue() == b.booleanValue() ? 0 : 1;
            } else {
                throw new IllegalArgumentException("incompatible types for comparison");
            }
            return switch (op) {
                case "==" -> c == 0;
                case "!=" -> c != 0;
                case "<" -> c < 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalArgumentException("unrecognized filter operator " + op);
            };
        }
    }

    /** A quoted string, number or boolean: the same value for every input. */
    record Literal(JsonNode value) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            in.forEach(x -> out.add(value));
            return out;
        }
    }

    record Union(List<List<Step>> alternatives) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            alternatives.forEach(a -> out.addAll(eval(a, in)));
            return out;
        }
    }

    static List<JsonNode> eval(List<Step> steps, List<JsonNode> input) {
        List<JsonNode> cur = input;
        for (Step s : steps) {
            cur = s.apply(cur);
        }
        return cur;
    }

    private static String goType(JsonNode v) {
        if (v.isObject()) {
            return "map[string]interface {}";
        }
        if (v.isArray()) {
            return "[]interface {}";
        }
        if (v.isTextual()) {
            return "string";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        return v.isFloatingPointNumber() ? "float64" : "int64";
    }
}

package io.pod4j.cli.print;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubectl's JSONPath templates ({@code -o jsonpath=...}, {@code -o custom-columns=...}): literal
 * text with actions in braces, such as {@code {.status.podIP}}, {@code {.items[*].metadata.name}},
 * {@code {range .items[*]}{.metadata.name}{"\n"}{end}}, {@code {..image}},
 * {@code {.status.conditions[?(@.type=="Ready")].status}} and
 * {@code {.metadata.annotations.kubernetes\.io/config\.hash}}.
 *
 * <p>It follows client-go's {@code util/jsonpath} as kubectl runs it: missing keys give nothing
 * (kubectl's {@code --allow-missing-template-keys} defaults to true), the results of one action are
 * separated by single spaces, maps and lists print as compact JSON with sorted keys, everything
 * else as Go's {@code fmt.Print} would. Where Go walks a map in random order (wildcards, recursive
 * descent) this walks it in key order, so output is stable.
 */
public final class JsonPath {

    private static final Pattern SLICE = Pattern.compile("^(-?\\d*)(:-?\\d*)?(:-?\\d*)?$");
    private static final Pattern DICT_KEY = Pattern.compile("^'([^']*)'$");
    private static final Pattern FILTER = Pattern.compile("^([^!<>=]+)([!<>=]+)(.+?)$");
    private static final Pattern RELAXED = Pattern.compile("^\\{\\.?([^{}]+)}$|^\\.?([^{}]+)$");

    private final String template;
    private final List<Part> parts;

    private JsonPath(String template, List<Part> parts) {
        this.template = template;
        this.parts = parts;
    }

    /**
     * @param template a kubectl JSONPath template
     * @return the parsed template
     * @throws IllegalArgumentException with client-go's words when it cannot be parsed
     */
    public static JsonPath parse(String template) {
        Parser p = new Parser(template);
        List<Part> top = p.block(false);
        return new JsonPath(template, top);
    }

    /**
     * A custom-columns field spec as kubectl relaxes it: {@code metadata.name}, {@code .metadata.name},
     * {@code {metadata.name}} and {@code {.metadata.name}} all mean {@code {.metadata.name}}.
     *
     * @param spec the spec after {@code HEADER:}
     * @return the parsed template
     */
    public static JsonPath relaxed(String spec) {
        if (spec.isEmpty()) {
            return parse(spec);
        }
        Matcher m = RELAXED.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("unexpected path string, expected a 'name1.name2' or '.name1.name2' or "
                    + "'{name1.name2}' or '{.name1.name2}'");
        }
        return parse("{." + (m.group(1) != null ? m.group(1) : m.group(2)) + "}");
    }

    /** @return the template as given */
    public String template() {
        return template;
    }

    /**
     * @param root the object, as JSON (a pod, or a {@code List} of them)
     * @return the text kubectl prints (no newline is added)
     * @throws IllegalArgumentException when the template does not fit the object (an index out of
     *     range, a filter on a map...), with client-go's words
     */
    public String print(JsonNode root) {
        StringBuilder out = new StringBuilder();
        for (List<JsonNode> results : find(root)) {
            for (int i = 0; i < results.size(); i++) {
                out.append(text(results.get(i)));
                if (i < results.size() - 1) {
                    out.append(' ');
                }
            }
        }
        return out.toString();
    }

    /**
     * @param root the object, as JSON
     * @return the results of each action in order, as custom-columns joins them
     */
    public List<List<JsonNode>> find(JsonNode root) {
        List<List<JsonNode>> out = new ArrayList<>();
        run(parts, root, out);
        return out;
    }

    /**
     * @param v one result
     * @return how kubectl's custom-columns prints it (Go's {@code fmt.Sprint}: {@code map[k:v]}, {@code [a b]})
     */
    public static String goValue(JsonNode v) {
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("map[");
            TreeMap<String, JsonNode> sorted = sorted(v);
            boolean first = true;
            for (var e : sorted.entrySet()) {
                sb.append(first ? "" : " ").append(e.getKey()).append(':').append(goValue(e.getValue()));
                first = false;
            }
            return sb.append(']').toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(goValue(v.get(i)));
            }
            return sb.append(']').toString();
        }
        return scalar(v);
    }

    // ------------------------------------------------------------ evaluation

    private static void run(List<Part> parts, JsonNode data, List<List<JsonNode>> out) {
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.add(List.of(com.fasterxml.jackson.databind.node.TextNode.valueOf(t.text())));
            } else if (part instanceof Action a) {
                out.add(eval(a.steps(), List.of(data)));
            } else if (part instanceof Range r) {
                for (JsonNode item : eval(r.steps(), List.of(data))) {
                    run(r.body(), item, out);
                }
            }
        }
    }

    private static List<JsonNode> eval(List<Step> steps, List<JsonNode> input) {
        List<JsonNode> cur = input;
        for (Step s : steps) {
            cur = s.apply(cur);
        }
        return cur;
    }

    private static String text(JsonNode v) {
        return v.isContainerNode() ? GoJson.compact(v) : scalar(v);
    }

    static String scalar(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNull() || v.isMissingNode()) {
            return "<nil>";
        }
        if (v.isFloatingPointNumber()) {
            BigDecimal d = v.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 && d.precision() - d.scale() < 21 ? d.toBigInteger().toString() : d.toString();
        }
        return v.asText();
    }

    static TreeMap<String, JsonNode> sorted(JsonNode object) {
        TreeMap<String, JsonNode> m = new TreeMap<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            m.put(k, object.get(k));
        }
        return m;
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

    // ------------------------------------------------------------ the template's parts

    private sealed interface Part permits Text, Action, Range {
    }

    private record Text(String text) implements Part {
    }

    private record Action(List<Step> steps) implements Part {
    }

    private record Range(List<Step> steps, List<Part> body) implements Part {
    }

    private sealed interface Step permits Field, Wildcard, Recursive, Slice, Filter, Literal, Union {
        List<JsonNode> apply(List<JsonNode> in);
    }

    private record Field(String name) implements Step {
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

    private record Wildcard() implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode v : in) {
                if (v.isObject()) {
                    out.addAll(sorted(v).values());
                } else if (v.isArray()) {
                    v.forEach(out::add);
                }
            }
            return out;
        }
    }

    /** {@code ..}: every map and list below (and including) each input, parents before children. */
    private record Recursive() implements Step {
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

    private record Slice(Integer start, Integer end, Integer step, boolean derivedEnd) implements Step {
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

    private record Filter(List<Step> left, String op, List<Step> right) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode v : in) {
                if (!v.isArray()) {
                    throw new IllegalArgumentException(goValue(v) + " is not array or slice and cannot be filtered");
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
    private record Literal(JsonNode value) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            in.forEach(x -> out.add(value));
            return out;
        }
    }

    private record Union(List<List<Step>> alternatives) implements Step {
        @Override
        public List<JsonNode> apply(List<JsonNode> in) {
            List<JsonNode> out = new ArrayList<>();
            alternatives.forEach(a -> out.addAll(eval(a, in)));
            return out;
        }
    }

    // ------------------------------------------------------------ parsing

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        /** Text and actions until the end (or, inside a range, until {@code {end}}). */
        List<Part> block(boolean inRange) {
            List<Part> parts = new ArrayList<>();
            while (pos < s.length()) {
                int open = s.indexOf('{', pos);
                if (open < 0) {
                    parts.add(new Text(s.substring(pos)));
                    pos = s.length();
                    break;
                }
                if (open > pos) {
                    parts.add(new Text(s.substring(pos, open)));
                }
                pos = open + 1;
                List<Object> action = action();
                if (action.size() == 1 && "end".equals(action.get(0))) {
                    if (!inRange) {
                        throw new IllegalArgumentException("not in range, nothing to end");
                    }
                    return parts;
                }
                if (!action.isEmpty() && "range".equals(action.get(0))) {
                    List<Step> steps = steps(action.subList(1, action.size()));
                    parts.add(new Range(steps, block(true)));
                    continue;
                }
                parts.add(new Action(steps(action)));
            }
            // Go's parser also accepts a range without {end}: it runs to the end of the template.
            return parts;
        }

        private static List<Step> steps(List<Object> items) {
            List<Step> out = new ArrayList<>();
            for (Object o : items) {
                if (o instanceof Step st) {
                    out.add(st);
                } else {
                    throw new IllegalArgumentException("unrecognized identifier " + o);
                }
            }
            return out;
        }

        /** The inside of one {@code {...}}: steps, or the words range/end. */
        private List<Object> action() {
            List<Object> items = new ArrayList<>();
            while (true) {
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("unclosed action");
                }
                char c = s.charAt(pos);
                if (c == '}') {
                    pos++;
                    return items;
                }
                if (s.startsWith("[?(", pos)) {
                    items.add(filter());
                } else if (s.startsWith("..", pos)) {
                    pos += 2;
                    items.add(new Recursive());
                    if (pos < s.length() && isAlphaNumeric(s.charAt(pos))) {
                        items.add(field());
                    }
                } else if (c == '\r' || c == '\n') {
                    throw new IllegalArgumentException("unclosed action");
                } else if (c == ' ' || c == '@' || c == '$') {
                    pos++;
                } else if (c == '[') {
                    items.add(array());
                } else if (c == '"' || c == '\'') {
                    items.add(new Literal(com.fasterxml.jackson.databind.node.TextNode.valueOf(quoted(c))));
                } else if (c == '.') {
                    pos++;
                    items.add(field());
                } else if (c == '+' || c == '-' || Character.isDigit(c)) {
                    items.add(number());
                } else if (isAlphaNumeric(c)) {
                    int start = pos;
                    while (pos < s.length() && !isTerminator(s.charAt(pos))) {
                        pos++;
                    }
                    String word = s.substring(start, pos);
                    if (word.equals("true") || word.equals("false")) {
                        items.add(new Literal(com.fasterxml.jackson.databind.node.BooleanNode.valueOf(Boolean.parseBoolean(word))));
                    } else {
                        items.add(word);
                    }
                } else {
                    throw new IllegalArgumentException(String.format("unrecognized character in action: U+%04X '%c'", (int) c, c));
                }
            }
        }

        private Step field() {
            StringBuilder name = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '\\' && pos + 1 < s.length()) {
                    name.append(s.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                if (isTerminator(c)) {
                    break;
                }
                name.append(c);
                pos++;
            }
            return name.toString().equals("*") ? new Wildcard() : new Field(name.toString());
        }

        private Step number() {
            int start = pos;
            if (s.charAt(pos) == '+' || s.charAt(pos) == '-') {
                pos++;
            }
            while (pos < s.length() && (s.charAt(pos) == '.' || Character.isDigit(s.charAt(pos)))) {
                pos++;
            }
            String text = s.substring(start, pos);
            try {
                return new Literal(com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new BigDecimal(text)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cannot parse number " + text);
            }
        }

        private String quoted(char quote) {
            int start = pos;
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length() || s.charAt(pos) == '\n') {
                    throw new IllegalArgumentException("unterminated quoted string");
                }
                char c = s.charAt(pos++);
                if (c == quote) {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw new IllegalArgumentException("unquote string " + s.substring(start) + " error invalid syntax");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'a' -> out.append('\u0007');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'v' -> out.append('\u000b');
                    case '\\', '"', '\'' -> out.append(e);
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException("unquote string " + s.substring(start, pos) + " error invalid syntax");
                }
            }
        }

        private Step array() {
            int close = s.indexOf(']', pos);
            int nl = s.indexOf('\n', pos);
            if (close < 0 || (nl >= 0 && nl < close)) {
                throw new IllegalArgumentException("unterminated array");
            }
            String text = s.substring(pos + 1, close);
            pos = close + 1;
            return arrayStep(text);
        }

        private static Step arrayStep(String text) {
            if (text.equals("*")) {
                text = ":";
            }
            String[] union = text.split(",", -1);
            if (union.length > 1) {
                List<List<Step>> alternatives = new ArrayList<>();
                for (String u : union) {
                    alternatives.add(List.of(arrayStep(u.strip())));
                }
                return new Union(alternatives);
            }
            Matcher key = DICT_KEY.matcher(text);
            if (key.matches()) {
                // ['key'] is read as .key, so dots in it still separate fields (client-go does so);
                // a key with dots needs them escaped, here or after a dot: ['kubernetes\.io/name'].
                return new Union(List.of(inner("." + key.group(1))));
            }
            Matcher m = SLICE.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("invalid array index " + text);
            }
            Integer start = m.group(1).isEmpty() ? null : Integer.valueOf(m.group(1));
            boolean derived = m.group(2) == null;
            Integer end = m.group(2) == null || m.group(2).length() == 1 ? null : Integer.valueOf(m.group(2).substring(1));
            Integer step = m.group(3) == null || m.group(3).length() == 1 ? null : Integer.valueOf(m.group(3).substring(1));
            if (derived && start == null) {
                // "[]": Go reads an empty start with a derived end of 1, i.e. the first element.
                return new Slice(0, null, null, true);
            }
            return new Slice(start, end, step, derived);
        }

        private Step filter() {
            pos += 3;
            int start = pos;
            boolean begin = false;
            boolean end = false;
            char pair = 0;
            while (true) {
                if (pos >= s.length() || s.charAt(pos) == '\n') {
                    throw new IllegalArgumentException("unterminated filter");
                }
                char c = s.charAt(pos++);
                if (c == '"' || c == '\'') {
                    if (!begin) {
                        begin = true;
                        pair = c;
                    } else if (s.charAt(pos - 2) != '\\' && c == pair) {
                        end = true;
                    }
                } else if (c == ')' && begin == end) {
                    break;
                }
            }
            if (pos >= s.length() || s.charAt(pos) != ']') {
                throw new IllegalArgumentException("unclosed array expect ]");
            }
            String text = s.substring(start, pos - 1);
            pos++;
            Matcher m = FILTER.matcher(text);
            if (!m.matches()) {
                return new Filter(inner(text), "exists", List.of());
            }
            return new Filter(inner(m.group(1)), m.group(2), inner(m.group(3)));
        }

        private static List<Step> inner(String text) {
            Parser p = new Parser(text + "}");
            return steps(p.action());
        }

        private static boolean isTerminator(char c) {
            return switch (c) {
                case ' ', '\t', '\r', '\n', '.', ',', '[', ']', '$', '@', '{', '}' -> true;
                default -> false;
            };
        }

        private static boolean isAlphaNumeric(char c) {
            return c == '_' || Character.isLetterOrDigit(c);
        }
    }
}

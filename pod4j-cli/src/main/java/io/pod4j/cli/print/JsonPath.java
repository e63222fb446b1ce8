package io.pod4j.cli.print;

import com.fasterxml.jackson.databind.JsonNode;
import io.pod4j.cli.print.JsonPathSteps.Action;
import io.pod4j.cli.print.JsonPathSteps.Part;
import io.pod4j.cli.print.JsonPathSteps.Range;
import io.pod4j.cli.print.JsonPathSteps.Text;
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
        JsonPathParser p = new JsonPathParser(template);
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
                out.add(JsonPathSteps.eval(a.steps(), List.of(data)));
            } else if (part instanceof Range r) {
                for (JsonNode item : JsonPathSteps.eval(r.steps(), List.of(data))) {
                    run(r.body(), item, out);
                }
            }
        }
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
}

package io.pod4j.cli.print;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * JSON as kubectl writes it with Go's {@code encoding/json}: objects come from maps, so their keys
 * are sorted; {@code "key": value} with four-space indentation for {@code -o json}, compact for
 * JSONPath results; {@code <}, {@code >} and {@code &} escaped as u003c-style escapes.
 */
public final class GoJson {

    private GoJson() {
    }

    /**
     * @param v a tree
     * @return Go's {@code json.Marshal} of it
     */
    public static String compact(JsonNode v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, null, "");
        return sb.toString();
    }

    /**
     * @param v a tree
     * @return Go's {@code json.MarshalIndent(v, "", "    ")}, as {@code kubectl get -o json} prints it
     *     (without the final newline)
     */
    public static String indented(JsonNode v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb, "    ", "");
        return sb.toString();
    }

    private static void write(JsonNode v, StringBuilder sb, String indent, String at) {
        String inner = indent == null ? "" : at + indent;
        if (v.isObject()) {
            if (v.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (var e : JsonPath.sorted(v).entrySet()) {
                sb.append(first ? "" : ",");
                newline(sb, indent, inner);
                quote(e.getKey(), sb);
                sb.append(indent == null ? ":" : ": ");
                write(e.getValue(), sb, indent, inner);
                first = false;
            }
            newline(sb, indent, at);
            sb.append('}');
        } else if (v.isArray()) {
            if (v.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                newline(sb, indent, inner);
                write(v.get(i), sb, indent, inner);
            }
            newline(sb, indent, at);
            sb.append(']');
        } else if (v.isTextual()) {
            quote(v.textValue(), sb);
        } else if (v.isNull()) {
            sb.append("null");
        } else {
            sb.append(JsonPath.scalar(v));
        }
    }

    private static void newline(StringBuilder sb, String indent, String at) {
        if (indent != null) {
            sb.append('\n').append(at);
        }
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // Go escapes other control characters, and <, > and & for HTML safety, as backslash-u00XX.
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}

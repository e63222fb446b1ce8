package io.pod4j.cli.print;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.pod4j.cli.print.JsonPathSteps.Action;
import io.pod4j.cli.print.JsonPathSteps.Field;
import io.pod4j.cli.print.JsonPathSteps.Filter;
import io.pod4j.cli.print.JsonPathSteps.Literal;
import io.pod4j.cli.print.JsonPathSteps.Part;
import io.pod4j.cli.print.JsonPathSteps.Range;
import io.pod4j.cli.print.JsonPathSteps.Recursive;
import io.pod4j.cli.print.JsonPathSteps.Slice;
import io.pod4j.cli.print.JsonPathSteps.Step;
import io.pod4j.cli.print.JsonPathSteps.Text;
import io.pod4j.cli.print.JsonPathSteps.Union;
import io.pod4j.cli.print.JsonPathSteps.Wildcard;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@link JsonPath} template into its parts, as client-go's JSONPath parser does, with its errors. */
final class JsonPathParser {

    private static final Pattern SLICE = Pattern.compile("^(-?\\d*)(:-?\\d*)?(:-?\\d*)?$");
    private static final Pattern DICT_KEY = Pattern.compile("^'([^']*)'$");
    private static final Pattern FILTER = Pattern.compile("^([^!<>=]+)([!<>=]+)(.+?)$");

    private final String s;
    private int pos;

    JsonPathParser(String s) {
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
                items.add(new Literal(TextNode.valueOf(quoted(c))));
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
                    items.add(new Literal(BooleanNode.valueOf(Boolean.parseBoolean(word))));
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
            return new Literal(DecimalNode.valueOf(new BigDecimal(text)));
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
        JsonPathParser p = new JsonPathParser(text + "}");
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

package io.pod4j.api.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.pod4j.api.error.ManifestProblem;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns a parser's complaint into a problem a person can act on: the line and column, the field
 * it is under, and a hint for the classic faults (a tab used for indentation, a key without its
 * colon).
 */
final class SyntaxProblems {

    private SyntaxProblems() {
    }

    static ManifestProblem describe(String source, String text, JsonProcessingException e) {
        String[] lines = text.split("\n", -1);
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml) {
            String problem = yaml.getProblem() == null ? "" : yaml.getProblem();
            org.yaml.snakeyaml.error.Mark mark = yaml.getProblemMark();
            org.yaml.snakeyaml.error.Mark context = yaml.getContextMark();
            if (problem.contains("\\t(TAB)") || problem.contains("\t")) {
                int line = mark.getLine() + 1;
                return new ManifestProblem(source, line, mark.getColumn() + 1, enclosingPath(lines, line),
                        "tab character in indentation",
                        "YAML indents with spaces only; replace the tab with spaces");
            }
            if (problem.contains("could not find expected ':'") && context != null) {
                int line = context.getLine() + 1;
                String key = word(lines, context.getLine(), context.getColumn());
                return new ManifestProblem(source, line, context.getColumn() + 1, enclosingPath(lines, line),
                        "expected \"key: value\", found \"" + key + "\"", "add ':' after \"" + key + "\"");
            }
            if (problem.contains("mapping values are not allowed here")) {
                int line = mark.getLine() + 1;
                return new ManifestProblem(source, line, mark.getColumn() + 1, enclosingPath(lines, line),
                        "mapping values are not allowed here",
                        "a key on the line before may lack its ':', or this line is indented too far");
            }
            Mark at = mark != null ? new Mark(mark.getLine() + 1, mark.getColumn() + 1) : new Mark(0, 0);
            String context0 = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
            return new ManifestProblem(source, at.line, at.column, enclosingPath(lines, at.line),
                    context0 + problem, null);
        }
        var location = e.getLocation();
        int line = location == null ? 0 : location.getLineNr();
        int column = location == null ? 0 : location.getColumnNr();
        return new ManifestProblem(source, line, column, enclosingPath(lines, line), e.getOriginalMessage(), null);
    }

    private record Mark(int line, int column) {
    }

    private static String word(String[] lines, int line, int column) {
        if (line < 0 || line >= lines.length || column < 0) {
            return "";
        }
        String s = lines[line];
        int end = column;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != ':') {
            end++;
        }
        return s.substring(Math.min(column, s.length()), end);
    }

    /**
     * The path of keys that encloses a 1-based line, judged by indentation: a line is under the
     * nearest earlier key that is indented less. A tab counts as no indentation at all, which is
     * what the writer of a tab meant to be "under the key above".
     */
    static String enclosingPath(String[] lines, int line) {
        if (line <= 0) {
            return "";
        }
        Deque<String[]> stack = new ArrayDeque<>(); // {indent, key}
        int limit = Math.min(line - 1, lines.length);
        int targetIndent = line - 1 < lines.length ? indentOf(lines[line - 1]) : 0;
        boolean targetIsTab = line - 1 < lines.length && lines[line - 1].startsWith("\t");
        boolean lastOpensBlock = false;
        for (int i = 0; i < limit; i++) {
            String raw = lines[i];
            String trimmed = raw.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.equals("---")) {
                if (trimmed.equals("---")) {
                    stack.clear();
                }
                continue;
            }
            boolean item = trimmed.startsWith("- ");
            int indent = indentOf(raw) + (item ? 2 : 0);
            String content = item ? trimmed.substring(2) : trimmed;
            int colon = content.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            while (!stack.isEmpty() && Integer.parseInt(stack.peek()[0]) >= indent) {
                stack.pop();
            }
            stack.push(new String[] {Integer.toString(indent), content.substring(0, colon).trim()});
            lastOpensBlock = content.substring(colon + 1).isBlank();
        }
        if (targetIsTab && !lastOpensBlock && !stack.isEmpty()) {
            // A tab after "key: value" most likely stands for the indentation of a sibling of that key.
            stack.pop();
        }
        if (!targetIsTab) {
            while (!stack.isEmpty() && Integer.parseInt(stack.peek()[0]) >= targetIndent) {
                stack.pop();
            }
        }
        StringBuilder path = new StringBuilder();
        var it = stack.descendingIterator();
        while (it.hasNext()) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(it.next()[1]);
        }
        return path.toString();
    }

    private static int indentOf(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}

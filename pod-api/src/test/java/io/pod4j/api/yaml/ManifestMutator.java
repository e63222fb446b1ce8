package io.pod4j.api.yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Damages manifest text the way people and tools do: lines deleted, duplicated or swapped,
 * indentation shifted, tabs, values of the wrong type, stray characters, truncation, absurd
 * numbers, made-up keys, and a few hostile YAML constructs (deep nesting, alias bombs, tags).
 * Deterministic for a given {@link Random}, so a failure can be replayed from its seed.
 */
final class ManifestMutator {

    private static final String[] WRONG_VALUES = {
        "abc", "123", "-1", "0", "true", "false", "null", "~", "[]", "{}", "[1, 2]", "{a: b}", "\"\"", "''",
        "1.5", "1e3", ".inf", "-.nan", "0x1F", "0o17", "2026-11-24T06:00:00Z", "2026-11-24", "yes", "no", "on",
        "\"\\u0000\"", "\"\\uD800\"", "!!binary aGVsbG8=", "!!str 5", "!!int x", "!!float y", "!!map {}",
        "!!python/object:os.system ls", "&anchor v", "*undefined", "|\n  block", ">-\n  folded", "'unterminated",
        "\"unterminated", "[unclosed", "{unclosed", "- item"
    };

    private static final String[] HUGE_NUMBERS = {
        "99999999999999999999999999999", "-1", "-2147483649", "2147483648", "9223372036854775808",
        "-9223372036854775809", "1e400", "-0", "0.0000000001", "1.7976931348623157E309", "65536", "0", "-99999"
    };

    private static final String[] RANDOM_KEYS = {
        "foo", "annotation", "contaners", "metadata", "spec", "kind", "apiVersion", "name", "image", "ports",
        "<<", "? complex", "\"quoted key\"", "1", "null", "true", "a b", "x.y/z", "ÄÖÜ", ""
    };

    private static final String STRAY = ":{}[]-#&*!|>'\"%@`,?\\\t\n\r =$\u0000\u00a0\u2028\ufeff\ud83d\ude00é";

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern KEY = Pattern.compile("^(\\s*-?\\s*)([\"']?[A-Za-z0-9_.\\-/]+[\"']?)(\\s*:)");
    private static final Pattern VALUE = Pattern.compile("(:\\s+)([^\\s{\\[#][^#]*)$");

    private final Random random;

    /**
     * @return the text of every fixture under src/test/resources/manifests, and each YAML fixture's
     *     objects again as JSON, so that both parsers get mutated input
     */
    static List<String> fixtureTexts() {
        List<String> texts = new ArrayList<>();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("src/test/resources/manifests"))) {
            for (java.nio.file.Path f : files.sorted().toList()) {
                String text = java.nio.file.Files.readString(f);
                texts.add(text);
                if (!f.toString().endsWith(".json")) {
                    for (io.fabric8.kubernetes.api.model.HasMetadata o : Manifests.load(text)) {
                        texts.add(Manifests.toJson(o));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return texts;
    }

    /**
     * Loads a manifest and runs admission (defaults, validation) on every object, as a store would:
     * neither step may throw anything but a ManifestException.
     *
     * @param text the manifest
     * @return how many objects were loaded
     */
    static int loadAndAdmit(String text) {
        List<io.fabric8.kubernetes.api.model.HasMetadata> objects = Manifests.load(text);
        for (io.fabric8.kubernetes.api.model.HasMetadata o : objects) {
            io.pod4j.api.validation.ObjectRules.validate(io.pod4j.api.validation.ObjectRules.defaults(o));
        }
        return objects.size();
    }

    ManifestMutator(Random random) {
        this.random = random;
    }

    /** @return the text with one to three mutations applied */
    String mutate(String text) {
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            text = mutateOnce(text);
        }
        return text;
    }

    private String mutateOnce(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.isEmpty()) {
            return text;
        }
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        switch (random.nextInt(17)) {
            case 0 -> lines.remove(i);
            case 1 -> lines.add(i, line);
            case 2 -> {
                int j = random.nextInt(lines.size());
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case 3 -> {
                int j = Math.min(lines.size() - 1, i + 1);
                lines.set(i, lines.get(j));
                lines.set(j, line);
            }
            case 4 -> lines.set(i, reindent(line));
            case 5 -> lines.set(i, insertAt(line, random.nextBoolean() ? 0 : random.nextInt(line.length() + 1), "\t"));
            case 6 -> lines.set(i, flipValue(line));
            case 7 -> {
                int pos = random.nextInt(text.length() + 1);
                return text.substring(0, pos) + STRAY.charAt(random.nextInt(STRAY.length())) + text.substring(pos);
            }
            case 8 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            case 9 -> lines.set(i, hugeNumber(line));
            case 10 -> lines.set(i, renameKey(line));
            case 11 -> lines.add(i, indentOf(line) + pick(RANDOM_KEYS) + ": " + pick(WRONG_VALUES));
            case 12 -> {
                int from = random.nextInt(text.length() + 1);
                int to = Math.min(text.length(), from + random.nextInt(20));
                return text.substring(0, from) + text.substring(to);
            }
            case 13 -> lines.set(i, hostile(line));
            case 14 -> lines.set(i, line.replace(": ", random.nextBoolean() ? ":" : " "));
            case 15 -> lines.add(i, random.nextBoolean() ? "---" : "...");
            default -> lines.set(i, line.replace(line.trim(), pick(WRONG_VALUES)));
        }
        return String.join("\n", lines);
    }

    private String reindent(String line) {
        int shift = random.nextInt(9) - 4;
        if (shift >= 0) {
            return " ".repeat(shift) + line;
        }
        int strip = Math.min(-shift, indentOf(line).length());
        return line.substring(strip);
    }

    private String flipValue(String line) {
        Matcher m = VALUE.matcher(line);
        if (m.find()) {
            return line.substring(0, m.start(2)) + pick(WRONG_VALUES);
        }
        return line + " " + pick(WRONG_VALUES);
    }

    private String hugeNumber(String line) {
        Matcher m = NUMBER.matcher(line);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return line + pick(HUGE_NUMBERS);
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        return line.substring(0, s[0]) + pick(HUGE_NUMBERS) + line.substring(s[1]);
    }

    private String renameKey(String line) {
        Matcher m = KEY.matcher(line);
        if (m.find()) {
            return m.group(1) + pick(RANDOM_KEYS) + line.substring(m.start(3));
        }
        return pick(RANDOM_KEYS) + ": " + line;
    }

    private String hostile(String line) {
        String indent = indentOf(line);
        return switch (random.nextInt(5)) {
            case 0 -> indent + "deep: " + "[".repeat(2000) + "]".repeat(2000);
            case 1 -> indent + "deep: " + "{a: ".repeat(300) + "1" + "}".repeat(300);
            case 2 -> indent + "a: &a [x, x, x, x, x, x, x, x, x]\n" + indent + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
                    + indent + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n" + indent + "d: [*c, *c, *c, *c, *c, *c, *c, *c]";
            case 3 -> indent + "long: " + "x".repeat(100_000);
            default -> indent + "tagged: !!java.net.URL [http://example.com]";
        };
    }

    private static String indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(0, n);
    }

    private static String insertAt(String s, int pos, String what) {
        return s.substring(0, pos) + what + s.substring(pos);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}

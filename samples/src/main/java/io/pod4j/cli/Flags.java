package io.pod4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * kubectl-style arguments: {@code --name=value}, {@code --name value}, {@code -n value}, boolean
 * flags, and everything after {@code --} kept apart. Unknown flags are errors, as in kubectl.
 */
final class Flags {

    final List<String> positional = new ArrayList<>();
    final List<String> afterDash = new ArrayList<>();
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    /**
     * @param args the arguments after the verb
     * @param withValue flags that take a value (long names, and one-letter aliases)
     * @param booleans flags without a value
     * @param verb for error messages
     */
    static Flags parse(List<String> args, Set<String> withValue, Set<String> booleans, String verb) {
        Flags f = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                f.afterDash.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("-") && a.length() > 1) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (booleans.contains(name)) {
                    f.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "true" : value);
                } else if (withValue.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new CliException("flag needs an argument: " + name + "\nSee 'pod4j " + verb + " --help' for usage.");
                        }
                        value = args.get(++i);
                    }
                    f.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else if (isCombinedBooleans(a, booleans)) {
                    for (char c : a.substring(1).toCharArray()) {
                        f.values.computeIfAbsent("-" + c, k -> new ArrayList<>()).add("true");
                    }
                } else {
                    throw new CliException("unknown flag: " + name + "\nSee 'pod4j " + verb + " --help' for usage.");
                }
            } else {
                f.positional.add(a);
            }
        }
        return f;
    }

    private static boolean isCombinedBooleans(String a, Set<String> booleans) {
        if (a.startsWith("--") || a.length() < 3) {
            return false;
        }
        for (char c : a.substring(1).toCharArray()) {
            if (!booleans.contains("-" + c)) {
                return false;
            }
        }
        return true;
    }

    String get(String... names) {
        for (String n : names) {
            List<String> v = values.get(n);
            if (v != null && !v.isEmpty()) {
                return v.get(v.size() - 1);
            }
        }
        return null;
    }

    List<String> all(String... names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.addAll(values.getOrDefault(n, List.of()));
        }
        return out;
    }

    boolean has(String... names) {
        for (String n : names) {
            List<String> v = values.get(n);
            if (v != null && !v.isEmpty() && !"false".equals(v.get(v.size() - 1))) {
                return true;
            }
        }
        return false;
    }
}

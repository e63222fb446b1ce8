package io.pod4j.engine.runtime;

import java.util.Map;
import java.util.function.Function;

/**
 * Kubernetes' {@code $(VAR)} expansion in command, args and env values
 * (third_party/forked/golang/expansion): {@code $(NAME)} becomes the variable's value when it is
 * defined, and stays as written when it is not; {@code $$} is an escaped {@code $}.
 */
public final class EnvExpansion {

    private EnvExpansion() {
    }

    /**
     * @param input the text as written in the manifest
     * @param vars the variables defined so far
     * @return the expanded text
     */
    public static String expand(String input, Map<String, String> vars) {
        return expand(input, vars::get);
    }

    /**
     * @param input the text as written in the manifest
     * @param lookup a variable's value, or null to keep the reference as written
     * @return the expanded text
     */
    static String expand(String input, Function<String, String> lookup) {
        if (input == null || input.indexOf('$') < 0) {
            return input;
        }
        StringBuilder out = new StringBuilder(input.length());
        int i = 0;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c != '$' || i + 1 >= input.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = input.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '(') {
                int close = input.indexOf(')', i + 2);
                if (close < 0) {
                    // An unterminated reference is kept as written, like Kubernetes does.
                    out.append(input, i, input.length());
                    break;
                }
                String name = input.substring(i + 2, close);
                String value = lookup.apply(name);
                if (value != null) {
                    out.append(value);
                } else {
                    out.append(input, i, close + 1);
                }
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}

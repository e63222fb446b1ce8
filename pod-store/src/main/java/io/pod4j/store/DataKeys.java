package io.pod4j.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The rules ConfigMaps and Secrets share: config keys, and the words of an {@code immutable} refusal. */
final class DataKeys {

    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private DataKeys() {
    }

    static List<FieldError> validate(Map<String, String> data, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (data == null) {
            return errors;
        }
        for (String key : data.keySet()) {
            if (key.length() > 253) {
                errors.add(FieldError.invalid(field, key, "must be no more than 253 characters"));
            }
            if (!CONFIG_KEY.matcher(key).matches()) {
                errors.add(FieldError.invalid(field, key, "a valid config key must consist of alphanumeric characters,"
                        + " '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation"
                        + " is '[-._a-zA-Z0-9]+')"));
            } else if (key.equals(".") || key.equals("..") || key.startsWith("..")) {
                errors.add(FieldError.invalid(field, key, key.equals(".") ? "must not be '.'"
                        : key.equals("..") ? "must not be '..'" : "must not start with '..'"));
            }
        }
        return errors;
    }

    static FieldError immutable(String field) {
        return FieldError.forbidden(field, "field is immutable when `immutable` is set");
    }
}

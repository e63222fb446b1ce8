package io.pod4j.api.validation;

/**
 * One broken validation rule, in the API server's words.
 *
 * @param path the field, such as {@code spec.containers[0].image}
 * @param message what is wrong, such as {@code Required value}
 */
public record Violation(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}

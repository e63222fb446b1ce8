package io.pod4j.store;

/** The words of the API server for data that {@code immutable: true} protects. */
final class ImmutableData {

    private ImmutableData() {
    }

    static FieldError forbidden(String field) {
        return FieldError.forbidden(field, "field is immutable when `immutable` is set");
    }
}

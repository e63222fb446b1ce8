package io.pod4j.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One validation problem, as Kubernetes' {@code field.Error}: a field path, a type, and the body
 * the API server prints after the path, e.g.
 * {@code spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value}.
 *
 * @param type the kind of problem, which names the Status cause type
 * @param field the field path, e.g. {@code spec.containers[0].image}
 * @param body what is wrong, starting with the type's words, e.g. {@code Invalid value: "x": field is immutable}
 */
public record FieldError(Type type, String field, String body) {

    /** Kubernetes' error types, with their cause type and printed words. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        NOT_FOUND("FieldValueNotFound", "Not found"),
        TOO_LONG("FieldValueTooLong", "Too long"),
        TOO_MANY("FieldValueTooMany", "Too many");

        private final String causeType;
        private final String words;

        Type(String causeType, String words) {
            this.causeType = causeType;
            this.words = words;
        }

        /** @return the Status cause type, e.g. {@code FieldValueInvalid} */
        public String causeType() {
            return causeType;
        }
    }

    public FieldError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(body, "body");
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, withDetail(Type.REQUIRED.words, detail));
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(Type.INVALID, field, withDetail(Type.INVALID.words + ": " + render(value), detail));
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, withDetail(Type.FORBIDDEN.words, detail));
    }

    /**
     * A problem already worded by a validator, its type read from its first words.
     *
     * @param field e.g. {@code spec.containers[0].name}
     * @param body e.g. {@code Duplicate value: "app"}
     */
    public static FieldError of(String field, String body) {
        Type type = Arrays.stream(Type.values()).filter(t -> body.startsWith(t.words)).findFirst().orElse(Type.INVALID);
        return new FieldError(type, field, body);
    }

    /** @return e.g. {@code metadata.name: Required value: name or generateName is required} */
    @Override
    public String toString() {
        return field + ": " + body;
    }

    private static String withDetail(String s, String detail) {
        return detail == null || detail.isEmpty() ? s : s + ": " + detail;
    }

    private static String render(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(v);
    }
}

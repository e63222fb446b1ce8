package io.pod4j.store;

import java.util.Objects;

/**
 * One validation problem, as Kubernetes' {@code field.Error}: a field path, a type, the bad value
 * and a detail, printed the way the API server prints it, e.g.
 * {@code spec.activeDeadlineSeconds: Invalid value: 30: must be less than or equal to previous value}.
 *
 * @param type the kind of problem
 * @param field the field path, e.g. {@code spec.containers[0].image}
 * @param value the offending value (printed for {@link Type#INVALID} and similar), may be null
 * @param detail what is wrong, may be empty
 */
public record FieldError(Type type, String field, Object value, String detail) {

    /** Kubernetes' error types, with their cause type and printed name. */
    public enum Type {
        REQUIRED("FieldValueRequired", "Required value", false),
        INVALID("FieldValueInvalid", "Invalid value", true),
        FORBIDDEN("FieldValueForbidden", "Forbidden", false),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value", true),
        DUPLICATE("FieldValueDuplicate", "Duplicate value", true),
        NOT_FOUND("FieldValueNotFound", "Not found", true),
        TOO_LONG("FieldValueTooLong", "Too long", false);

        private final String causeType;
        private final String text;
        private final boolean showsValue;

        Type(String causeType, String text, boolean showsValue) {
            this.causeType = causeType;
            this.text = text;
            this.showsValue = showsValue;
        }

        /** @return the Status cause type, e.g. {@code FieldValueInvalid} */
        public String causeType() {
            return causeType;
        }
    }

    public FieldError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
        detail = detail == null ? "" : detail;
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, null, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(Type.INVALID, field, value, detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, null, detail);
    }

    /** @return the message without the field, e.g. {@code Invalid value: "x": field is immutable} */
    public String body() {
        String s = type.showsValue ? type.text + ": " + render(value) : type.text;
        return detail.isEmpty() ? s : s + ": " + detail;
    }

    /** @return e.g. {@code metadata.name: Required value: name or generateName is required} */
    @Override
    public String toString() {
        return field + ": " + body();
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

package io.pod4j.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A value that is either a number or a name, as Kubernetes' {@code intstr.IntOrString}: a probe's
 * port is {@code 8080} or the name of a container port such as {@code http}.
 */
public final class IntOrString {

    private final Integer number;
    private final String name;

    private IntOrString(Integer number, String name) {
        this.number = number;
        this.name = name;
    }

    /**
     * @param number the number
     * @return a numeric value
     */
    public static IntOrString of(int number) {
        return new IntOrString(number, null);
    }

    /**
     * @param name the name; must not be null
     * @return a named value
     */
    public static IntOrString of(String name) {
        return new IntOrString(null, Objects.requireNonNull(name, "name"));
    }

    /**
     * Reads a JSON or YAML scalar: an integer gives a number, anything else a name.
     *
     * @param value the scalar as Jackson read it
     * @return the value
     */
    @JsonCreator
    public static IntOrString fromJson(Object value) {
        if (value instanceof Integer i) {
            return of(i);
        }
        if (value instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue()) || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("expected an integer or a name, found " + value);
            }
            return of(n.intValue());
        }
        if (value instanceof String s) {
            return of(s);
        }
        throw new IllegalArgumentException("expected an integer or a name, found " + value);
    }

    /** @return the number or the name, as written in YAML and JSON */
    @JsonValue
    public Object toJson() {
        return number != null ? number : name;
    }

    /** @return true when this is a number */
    public boolean isNumber() {
        return number != null;
    }

    /** @return the number; only valid when {@link #isNumber()} */
    public int number() {
        if (number == null) {
            throw new IllegalStateException("\"" + name + "\" is a name, not a number");
        }
        return number;
    }

    /** @return the name; null when this is a number */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntOrString other && Objects.equals(number, other.number) && Objects.equals(name, other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, name);
    }

    @Override
    public String toString() {
        return String.valueOf(toJson());
    }
}

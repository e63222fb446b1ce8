package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The type of one place in an object, as server-side apply sees it (structured-merge-diff's
 * {@code schema.Atom}): a scalar, a struct with declared fields, a map, a list with its list type,
 * or untyped (anything goes: maps merged by key, lists atomic, as for an object without a schema).
 * Struct fields are resolved lazily, so recursive types cost nothing until they are walked.
 */
final class FieldType {

    enum Kind { SCALAR, STRUCT, MAP, LIST, UNTYPED }

    /** How a list's items are told apart: whole-list replacement, a set of scalars, or items by keys. */
    enum ListType { ATOMIC, SET, MAP }

    static final FieldType SCALAR = new FieldType(Kind.SCALAR, false, null, null, ListType.ATOMIC, List.of(), Map.of(), false);
    static final FieldType UNTYPED = new FieldType(Kind.UNTYPED, false, null, null, ListType.ATOMIC, List.of(), Map.of(), false);

    private final Kind kind;
    private final boolean atomic;
    private final Supplier<Map<String, FieldType>> fields;
    private final Supplier<FieldType> element;
    private final ListType listType;
    private final List<String> keys;
    private final Map<String, JsonNode> keyDefaults;
    private final boolean open;
    private Map<String, FieldType> resolvedFields;
    private FieldType resolvedElement;

    private FieldType(Kind kind, boolean atomic, Supplier<Map<String, FieldType>> fields, Supplier<FieldType> element,
            ListType listType, List<String> keys, Map<String, JsonNode> keyDefaults, boolean open) {
        this.kind = kind;
        this.atomic = atomic;
        this.fields = fields;
        this.element = element;
        this.listType = listType;
        this.keys = keys;
        this.keyDefaults = keyDefaults;
        this.open = open;
    }

    /**
     * @param open whether fields it does not declare are accepted, untyped (an object kind pod4j has no class for)
     */
    static FieldType struct(Supplier<Map<String, FieldType>> fields, boolean atomic, boolean open) {
        return new FieldType(Kind.STRUCT, atomic, fields, null, ListType.ATOMIC, List.of(), Map.of(), open);
    }

    static FieldType map(Supplier<FieldType> values) {
        return new FieldType(Kind.MAP, false, null, values, ListType.ATOMIC, List.of(), Map.of(), false);
    }

    static FieldType list(Supplier<FieldType> items, ListType listType, List<String> keys, Map<String, JsonNode> keyDefaults) {
        return new FieldType(Kind.LIST, false, null, items, listType, keys, keyDefaults, false);
    }

    Kind kind() {
        return kind;
    }

    /** @return whether a struct or map is owned and replaced as a whole */
    boolean atomic() {
        return atomic;
    }

    ListType listType() {
        return listType;
    }

    /** @return the key fields of a list of type MAP, in order */
    List<String> keys() {
        return keys;
    }

    /** @return the value a key field has when an item omits it (a port's {@code protocol} is TCP) */
    JsonNode keyDefault(String key) {
        return keyDefaults.get(key);
    }

    /** @return a field's type: for a struct its declared field (null when it has none), for a map its values */
    synchronized FieldType field(String name) {
        return switch (kind) {
            case STRUCT -> {
                if (resolvedFields == null) {
                    resolvedFields = fields.get();
                }
                FieldType t = resolvedFields.get(name);
                yield t == null && open ? UNTYPED : t;
            }
            case MAP -> element();
            default -> UNTYPED;
        };
    }

    /** @return whether a struct declares the field (a map key is never one) */
    boolean declares(String name) {
        return kind == Kind.STRUCT && field(name) != null && (!open || declaredOnly(name));
    }

    private synchronized boolean declaredOnly(String name) {
        return resolvedFields.containsKey(name);
    }

    /** @return the type of a list's items or a map's values */
    synchronized FieldType element() {
        if (element == null) {
            return UNTYPED;
        }
        if (resolvedElement == null) {
            resolvedElement = element.get();
        }
        return resolvedElement;
    }
}

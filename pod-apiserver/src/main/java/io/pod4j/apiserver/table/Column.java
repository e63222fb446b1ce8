package io.pod4j.apiserver.table;

import java.util.Objects;

/**
 * One column of a {@code meta.k8s.io/v1} Table, as {@code TableColumnDefinition}.
 *
 * @param name e.g. {@code Name}, {@code Ready}; kubectl prints it upper-cased
 * @param type an OpenAPI type: {@code string}, {@code integer}, {@code date}...
 * @param format {@code name} for the column naming the object, else empty
 * @param priority 0 for the columns kubectl always prints, 1 for those it prints with {@code -o wide}
 * @param description what the column shows
 */
public record Column(String name, String type, String format, int priority, String description) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(description, "description");
    }

    static Column objectName() {
        return new Column("Name", "string", "name", 0, "Name must be unique within a namespace.");
    }

    static Column created() {
        return new Column("Age", "string", "", 0, "Time since the object was created (creationTimestamp).");
    }

    static Column string(String name, String description) {
        return new Column(name, "string", "", 0, description);
    }

    static Column wide(String name, String description) {
        return new Column(name, "string", "", 1, description);
    }
}

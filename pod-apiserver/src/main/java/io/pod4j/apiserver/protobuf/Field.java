package io.pod4j.apiserver.protobuf;

/**
 * One field of a Kubernetes protobuf message: its number on the wire, its JSON name, what it
 * holds and whether it repeats.
 *
 * @param number the field number
 * @param name the JSON name
 * @param type what the field holds
 * @param message for {@link Type#MESSAGE}: the message's name in {@link CoreV1Messages}
 * @param repeated whether it is a list
 */
record Field(int number, String name, Type type, String message, boolean repeated) {

    /** What a field holds, and how it becomes JSON. */
    enum Type {
        /** A string. */
        STRING,
        /** Bytes, base64 in JSON (Secret data). */
        BYTES,
        /** A bool. */
        BOOL,
        /** An int32 or int64 varint. */
        INT,
        /** A nested message. */
        MESSAGE,
        /** {@code map<string, string>}. */
        MAP_STRING,
        /** {@code map<string, bytes>}, base64 values in JSON. */
        MAP_BYTES,
        /** {@code map<string, Quantity>}: resource amounts as their strings. */
        MAP_QUANTITY,
        /** {@code metav1.Time}: seconds and nanos, RFC 3339 in JSON. */
        TIME
    }

    static Field of(int number, String name, Type type) {
        return new Field(number, name, type, null, false);
    }

    static Field list(int number, String name, Type type) {
        return new Field(number, name, type, null, true);
    }

    static Field message(int number, String name, String message) {
        return new Field(number, name, Type.MESSAGE, message, false);
    }

    static Field messages(int number, String name, String message) {
        return new Field(number, name, Type.MESSAGE, message, true);
    }
}

package io.pod4j.apiserver.protobuf;

/**
 * One field of a Kubernetes protobuf message: its number on the wire, its JSON name, what it
 * holds, whether it repeats and whether Go embeds it.
 *
 * @param number the field number
 * @param name the JSON name
 * @param type what the field holds
 * @param message for {@link Type#MESSAGE}: the message's name in {@link Messages}; empty for an
 *     object's status, of which only zero values are read
 * @param repeated whether it is a list
 * @param inline whether Go embeds it, so its fields are the enclosing object's in JSON
 *     ({@code Volume}'s {@code VolumeSource}, {@code Probe}'s {@code ProbeHandler})
 * @param pointer whether Go holds it by pointer, so a zero number or false is a value; otherwise
 *     it is left out, as Go's JSON leaves it out
 */
record Field(int number, String name, Type type, String message, boolean repeated, boolean inline, boolean pointer) {

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
        TIME,
        /** {@code resource.Quantity}: its string. */
        QUANTITY,
        /** {@code intstr.IntOrString}: a number or a string in JSON. */
        INT_OR_STRING
    }
}

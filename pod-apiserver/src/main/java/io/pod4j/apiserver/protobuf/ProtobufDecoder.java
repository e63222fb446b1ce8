package io.pod4j.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;

/**
 * Reads the body of a request sent as {@code application/vnd.kubernetes.protobuf}, as kubectl's
 * typed clients send creates ({@code kubectl create namespace|configmap|secret|service|deployment|
 * job|cronjob}, {@code run}, {@code create job --from=cronjob/NAME}): the {@code k8s\0} envelope
 * around a {@code runtime.Unknown} whose raw bytes are the object's message. The result is the
 * object's JSON tree, as a JSON body would have given, for the same decoding and admission. Go
 * writes every non-pointer field, so zero numbers and bools of non-pointer fields are left out (as
 * Go's JSON leaves them out), and a field this decoder does not know is dropped when it holds its
 * zero value and refused otherwise.
 */
public final class ProtobufDecoder {

    /** The media type kubectl's typed clients send. */
    public static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    /** Go's zero time.Time, which JSON writes as null: a field left unset. */
    private static final long GO_ZERO_TIME_SECONDS = -62135596800L;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ProtobufDecoder() {
    }

    /**
     * @param body the request body
     * @return the object as JSON, with {@code apiVersion} and {@code kind} from the envelope
     * @throws ProtobufException when the body is not a Kubernetes protobuf object, or holds a kind or
     *     field this decoder does not know (the message says which; JSON bodies have no such limit)
     */
    public static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length) {
            throw new ProtobufException("the body is too short for a protobuf object");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (body[i] != MAGIC[i]) {
                throw new ProtobufException("the body does not start with the Kubernetes protobuf prefix");
            }
        }
        Wire unknown = new Wire(body, MAGIC.length, body.length);
        String apiVersion = "";
        String kind = "";
        byte[] raw = null;
        while (unknown.more()) {
            int tag = unknown.varint32();
            switch (tag >>> 3) {
                case 1 -> {
                    Wire typeMeta = unknown.nested();
                    while (typeMeta.more()) {
                        int t = typeMeta.varint32();
                        switch (t >>> 3) {
                            case 1 -> apiVersion = typeMeta.string();
                            case 2 -> kind = typeMeta.string();
                            default -> typeMeta.skip(t & 7);
                        }
                    }
                }
                case 2 -> raw = unknown.bytes();
                default -> unknown.skip(tag & 7);
            }
        }
        String message = Messages.KINDS.get(apiVersion + " " + kind);
        if (message == null) {
            throw new ProtobufException(kind + " (" + apiVersion + ") cannot be read from protobuf by pod4j; send it as JSON");
        }
        ObjectNode object = JSON.objectNode().put("apiVersion", apiVersion).put("kind", kind);
        if (raw != null) {
            read(new Wire(raw, 0, raw.length), message, object);
        }
        return object;
    }

    private static void read(Wire in, String message, ObjectNode out) {
        Map<Integer, Field> fields = fields(message);
        while (in.more()) {
            int tag = in.varint32();
            int wireType = tag & 7;
            Field f = fields.get(tag >>> 3);
            if (f == null) {
                if (!in.skipZero(wireType)) {
                    throw new ProtobufException("field " + (tag >>> 3) + " of " + message
                            + " cannot be read from protobuf by pod4j; send the object as JSON");
                }
                continue;
            }
            if (f.inline()) {
                read(in.nested(), f.message(), out);
                continue;
            }
            JsonNode value = value(in, f);
            if (value == null || f.message() != null && f.message().isEmpty()) {
                continue; // unset, or an object's status (zero values only)
            }
            if (f.repeated()) {
                out.withArray(f.name()).add(value);
            } else if (value.isObject() && out.get(f.name()) instanceof ObjectNode existing) {
                existing.setAll((ObjectNode) value); // map entries and message parts arrive one by one
            } else {
                out.set(f.name(), value);
            }
        }
    }

    private static JsonNode value(Wire in, Field f) {
        return switch (f.type()) {
            case STRING -> {
                String s = in.string();
                yield s.isEmpty() && !f.repeated() ? null : JSON.textNode(s);
            }
            case BYTES -> JSON.textNode(Base64.getEncoder().encodeToString(in.bytes()));
            case BOOL -> {
                boolean b = in.varint() != 0;
                yield b || f.pointer() || f.repeated() ? JSON.booleanNode(b) : null;
            }
            case INT -> {
                long n = in.varint();
                yield n != 0 || f.pointer() || f.repeated() ? JSON.numberNode(n) : null;
            }
            case MESSAGE -> {
                ObjectNode o = JSON.objectNode();
                read(in.nested(), f.message(), o);
                yield o;
            }
            case MAP_STRING, MAP_BYTES, MAP_QUANTITY -> entry(in.nested(), f.type());
            case TIME -> time(in.nested());
            case QUANTITY -> quantity(in.nested());
            case INT_OR_STRING -> intOrString(in.nested());
        };
    }

    private static ObjectNode entry(Wire in, Field.Type type) {
        String key = "";
        JsonNode value = JSON.textNode("");
        while (in.more()) {
            int tag = in.varint32();
            switch (tag >>> 3) {
                case 1 -> key = in.string();
                case 2 -> value = switch (type) {
                    case MAP_BYTES -> JSON.textNode(Base64.getEncoder().encodeToString(in.bytes()));
                    case MAP_QUANTITY -> quantity(in.nested());
                    default -> JSON.textNode(in.string());
                };
                default -> in.skip(tag & 7);
            }
        }
        ObjectNode o = JSON.objectNode();
        o.set(key, value);
        return o;
    }

    private static JsonNode quantity(Wire in) {
        String s = "";
        while (in.more()) {
            int tag = in.varint32();
            if (tag >>> 3 == 1) {
                s = in.string();
            } else {
                in.skip(tag & 7);
            }
        }
        return JSON.textNode(s);
    }

    /** {@code intstr.IntOrString}: type (0 int, 1 string), intVal, strVal. */
    private static JsonNode intOrString(Wire in) {
        long type = 0;
        long intVal = 0;
        String strVal = "";
        while (in.more()) {
            int tag = in.varint32();
            switch (tag >>> 3) {
                case 1 -> type = in.varint();
                case 2 -> intVal = in.varint();
                case 3 -> strVal = in.string();
                default -> in.skip(tag & 7);
            }
        }
        return type == 1 ? JSON.textNode(strVal) : JSON.numberNode((int) intVal);
    }

    private static JsonNode time(Wire in) {
        long seconds = 0;
        long nanos = 0;
        while (in.more()) {
            int tag = in.varint32();
            switch (tag >>> 3) {
                case 1 -> seconds = in.varint();
                case 2 -> nanos = in.varint();
                default -> in.skip(tag & 7);
            }
        }
        if (seconds == GO_ZERO_TIME_SECONDS && nanos == 0) {
            return null;
        }
        return JSON.textNode(Instant.ofEpochSecond(seconds, nanos).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static Map<Integer, Field> fields(String message) {
        Map<Integer, Field> byNumber = Messages.fields(message);
        if (byNumber == null) {
            throw new ProtobufException(message + " cannot be read from protobuf by pod4j; send it as JSON");
        }
        return byNumber;
    }

    /** The protobuf wire format over a slice of bytes. */
    private static final class Wire {
        private final byte[] buf;
        private int pos;
        private final int end;

        Wire(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new ProtobufException("truncated varint");
                }
                byte b = buf[pos++];
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new ProtobufException("malformed varint");
        }

        int varint32() {
            return (int) varint();
        }

        int length() {
            long n = varint();
            if (n < 0 || n > end - pos) {
                throw new ProtobufException("a length runs past the end of the body");
            }
            return (int) n;
        }

        byte[] bytes() {
            int n = length();
            byte[] out = new byte[n];
            System.arraycopy(buf, pos, out, 0, n);
            pos += n;
            return out;
        }

        String string() {
            int n = length();
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        Wire nested() {
            int n = length();
            Wire w = new Wire(buf, pos, pos + n);
            pos += n;
            return w;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> advance(8);
                case 2 -> advance(length());
                case 5 -> advance(4);
                default -> throw new ProtobufException("unsupported wire type " + wireType);
            }
        }

        /** Skips a field if it holds its zero value (0, "", an empty message); @return whether it did */
        boolean skipZero(int wireType) {
            int start = pos;
            switch (wireType) {
                case 0 -> {
                    if (varint() == 0) {
                        return true;
                    }
                }
                case 2 -> {
                    if (length() == 0) {
                        return true;
                    }
                }
                default -> {
                    return false;
                }
            }
            pos = start;
            return false;
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw new ProtobufException("a field runs past the end of the body");
            }
            pos += n;
        }
    }
}

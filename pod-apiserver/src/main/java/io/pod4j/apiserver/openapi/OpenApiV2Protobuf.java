package io.pod4j.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The Swagger 2.0 document as the protobuf kubectl asks {@code /openapi/v2} for
 * ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}): gnostic's
 * {@code openapi.v2.Document}, with its swagger version, info and definitions, each schema with
 * what kubectl reads of it (reference, type, format, description, required, items, properties,
 * additionalProperties, allOf, enum, default and the {@code x-} extensions, whose values are YAML,
 * here their JSON). Paths are left out: kubectl's v2 readers (explain, older kubectls' validation)
 * look kinds up by their {@code x-kubernetes-group-version-kind}. Pure.
 */
public final class OpenApiV2Protobuf {

    /**
     * The media type of the answer, as the API server's: kubectl asks for
     * {@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}, which Go's mime parser
     * cannot read back in a Content-Type (the {@code @}).
     */
    public static final String MEDIA_TYPE = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiV2Protobuf() {
    }

    /**
     * @param v2 the Swagger 2.0 document, JSON
     * @return the same as {@code openapi.v2.Document} protobuf
     */
    public static byte[] encode(byte[] v2) {
        JsonNode doc;
        try {
            doc = JSON.readTree(v2);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI v2 document is not JSON", e);
        }
        Message d = new Message();
        d.string(1, doc.path("swagger").asText("2.0"));
        Message info = new Message();
        info.string(1, doc.path("info").path("title").asText(""));
        info.string(2, doc.path("info").path("version").asText(""));
        d.message(2, info);
        Message definitions = new Message();
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("definitions").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            definitions.message(1, named(e.getKey(), schema(e.getValue())));
        }
        d.message(9, definitions);
        return d.bytes();
    }

    /** {@code openapi.v2.Schema}. */
    private static Message schema(JsonNode s) {
        Message m = new Message();
        m.string(1, s.path("$ref").asText(""));
        m.string(2, s.path("format").asText(""));
        m.string(3, s.path("title").asText(""));
        m.string(4, s.path("description").asText(""));
        if (s.has("default")) {
            m.message(5, any(s.get("default")));
        }
        s.path("required").forEach(r -> m.string(19, r.asText()));
        s.path("enum").forEach(v -> m.message(20, any(v)));
        JsonNode additional = s.get("additionalProperties");
        if (additional != null) {
            Message item = new Message();
            if (additional.isBoolean()) {
                item.bool(2, additional.asBoolean());
            } else {
                item.message(1, schema(additional));
            }
            m.message(21, item);
        }
        JsonNode type = s.get("type");
        if (type != null) {
            Message t = new Message();
            if (type.isArray()) {
                type.forEach(v -> t.string(1, v.asText()));
            } else {
                t.string(1, type.asText());
            }
            m.message(22, t);
        }
        JsonNode items = s.get("items");
        if (items != null) {
            Message i = new Message();
            if (items.isArray()) {
                items.forEach(v -> i.message(1, schema(v)));
            } else {
                i.message(1, schema(items));
            }
            m.message(23, i);
        }
        s.path("allOf").forEach(v -> m.message(24, schema(v)));
        if (s.has("properties")) {
            Message p = new Message();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.get("properties").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                p.message(1, named(e.getKey(), schema(e.getValue())));
            }
            m.message(25, p);
        }
        if (s.path("readOnly").asBoolean(false)) {
            m.bool(27, true);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("x-")) {
                Message named = new Message();
                named.string(1, e.getKey());
                named.message(2, any(e.getValue()));
                m.message(31, named);
            }
        }
        return m;
    }

    /** {@code NamedSchema}: name 1, value 2. */
    private static Message named(String name, Message schema) {
        Message n = new Message();
        n.string(1, name);
        n.message(2, schema);
        return n;
    }

    /** {@code openapi.v2.Any}: the value as YAML (field 2); JSON is YAML. */
    private static Message any(JsonNode value) {
        Message a = new Message();
        a.string(2, value.toString());
        return a;
    }

    /** A protobuf message being written: fields in the order given, empty strings left out as proto3 does. */
    private static final class Message {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void string(int field, String value) {
            if (!value.isEmpty()) {
                bytes(field, value.getBytes(StandardCharsets.UTF_8));
            }
        }

        void bool(int field, boolean value) {
            varint((long) field << 3);
            varint(value ? 1 : 0);
        }

        void message(int field, Message m) {
            bytes(field, m.bytes());
        }

        private void bytes(int field, byte[] b) {
            varint(((long) field << 3) | 2);
            varint(b.length);
            out.writeBytes(b);
        }

        private void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}

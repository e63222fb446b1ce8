package io.pod4j.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenApiV2ProtobufTest {

    private static final String DOC = """
            {"swagger":"2.0","info":{"title":"Kubernetes","version":"v1.32.0"},
             "definitions":{"io.k8s.api.core.v1.Pod":{"description":"Pod","type":"object","required":["spec"],
               "properties":{"spec":{"$ref":"#/definitions/io.k8s.api.core.v1.PodSpec"}},
               "x-kubernetes-group-version-kind":[{"group":"","kind":"Pod","version":"v1"}]}}}
            """;

    /** Writes a length-delimited field as protobuf does: varint tag, varint length, bytes. */
    private static void field(ByteArrayOutputStream out, int number, byte[] value) {
        varint(out, number << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
    }

    private static void varint(ByteArrayOutputStream out, int n) {
        while (n >= 0x80) {
            out.write(n & 0x7F | 0x80);
            n >>>= 7;
        }
        out.write(n);
    }

    private static byte[] message(Object... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            Object v = fields[i + 1];
            field(out, (Integer) fields[i], v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) v);
        }
        return out.toByteArray();
    }

    @Test
    void aDefinitionIsWrittenAsGnosticsNamedSchema() {
        byte[] schema = message(
                4, "Pod",
                19, "spec",
                22, message(1, "object"),
                25, message(1, message(1, "spec", 2, message(1, "#/definitions/io.k8s.api.core.v1.PodSpec"))),
                31, message(1, "x-kubernetes-group-version-kind", 2,
                        message(2, "[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]")));
        byte[] expected = message(
                1, "2.0",
                2, message(1, "Kubernetes", 2, "v1.32.0"),
                9, message(1, message(1, "io.k8s.api.core.v1.Pod", 2, schema)));

        assertThat(OpenApiV2Protobuf.encode(DOC.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }
}

package io.pod4j.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtobufDecoderTest {

    /** A tiny protobuf writer, enough to build the bodies kubectl sends. */
    private static final class Out {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Out varint(long v) {
            while ((v & ~0x7FL) != 0) {
                bytes.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            bytes.write((int) v);
            return this;
        }

        Out string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Out bytes(int field, byte[] b) {
            varint((long) field << 3 | 2).varint(b.length);
            bytes.writeBytes(b);
            return this;
        }

        Out message(int field, Out m) {
            return bytes(field, m.bytes.toByteArray());
        }

        Out number(int field, long v) {
            return varint((long) field << 3).varint(v);
        }

        byte[] done() {
            return bytes.toByteArray();
        }
    }

    private static byte[] envelope(String apiVersion, String kind, Out object) {
        Out unknown = new Out().message(1, new Out().string(1, apiVersion).string(2, kind)).message(2, object);
        byte[] body = unknown.done();
        byte[] all = new byte[body.length + 4];
        all[0] = 'k';
        all[1] = '8';
        all[2] = 's';
        System.arraycopy(body, 0, all, 4, body.length);
        return all;
    }

    private static Out meta(String name) {
        return new Out().string(1, name).string(2, "").message(8, new Out().number(1, -62135596800L))
                .message(11, new Out().string(1, "app").string(2, "web"));
    }

    @Test
    void readsAConfigMapAsKubectlCreateSendsIt() {
        Out cm = new Out().message(1, meta("pc")).message(2, new Out().string(1, "a").string(2, "b"))
                .message(2, new Out().string(1, "c").string(2, "d"));
        ObjectNode json = ProtobufDecoder.decode(envelope("v1", "ConfigMap", cm));
        assertThat(json.toString()).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"pc\","
                + "\"labels\":{\"app\":\"web\"}},\"data\":{\"a\":\"b\",\"c\":\"d\"}}");
    }

    @Test
    void secretDataIsBase64AsInJson() {
        Out secret = new Out().message(1, meta("s")).message(2, new Out().string(1, "pw").bytes(2, new byte[] {1, 2}))
                .string(3, "Opaque");
        ObjectNode json = ProtobufDecoder.decode(envelope("v1", "Secret", secret));
        assertThat(json.path("data").path("pw").asText()).isEqualTo("AQI=");
        assertThat(json.path("type").asText()).isEqualTo("Opaque");
    }

    @Test
    void readsAPodsContainersWithRepeatedFieldsAndQuantities() {
        Out container = new Out().string(1, "app").string(2, "busybox").string(3, "sh").string(3, "-c")
                .message(8, new Out().message(1, new Out().string(1, "cpu").message(2, new Out().string(1, "500m"))))
                .number(16, 1);
        Out spec = new Out().message(2, container).string(3, "Never").number(4, 0);
        Out status = new Out().string(1, "").string(2, "");
        ObjectNode json = ProtobufDecoder.decode(envelope("v1", "Pod", new Out().message(1, meta("p")).message(2, spec)
                .message(3, status)));
        assertThat(json.path("spec").path("containers").get(0).path("command").toString()).isEqualTo("[\"sh\",\"-c\"]");
        assertThat(json.path("spec").path("containers").get(0).path("resources").path("limits").path("cpu").asText())
                .isEqualTo("500m");
        assertThat(json.path("spec").path("containers").get(0).path("stdin").asBoolean()).isTrue();
        assertThat(json.path("spec").path("terminationGracePeriodSeconds").asInt()).isZero();
        assertThat(json.path("status").isEmpty()).isTrue();
    }

    @Test
    void anUnknownFieldWithAValueIsRefusedNotDropped() {
        Out spec = new Out().message(18, new Out().string(1, "affinity"));
        assertThatThrownBy(() -> ProtobufDecoder.decode(envelope("v1", "Pod", new Out().message(2, spec))))
                .isInstanceOf(ProtobufException.class)
                .hasMessage("field 18 of PodSpec cannot be read from protobuf by pod4j; send the object as JSON");
    }

    @Test
    void anotherKindOrABodyWithoutThePrefixIsRefused() {
        assertThatThrownBy(() -> ProtobufDecoder.decode(envelope("apps/v1", "Deployment", new Out())))
                .isInstanceOf(ProtobufException.class).hasMessageContaining("Deployment (apps/v1)");
        assertThatThrownBy(() -> ProtobufDecoder.decode("{\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtobufException.class).hasMessageContaining("prefix");
    }

    @Test
    void aTruncatedBodyIsRefused() {
        byte[] body = envelope("v1", "ConfigMap", new Out().message(1, meta("x")));
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 3);
        assertThatThrownBy(() -> ProtobufDecoder.decode(cut)).isInstanceOf(ProtobufException.class);
    }
}

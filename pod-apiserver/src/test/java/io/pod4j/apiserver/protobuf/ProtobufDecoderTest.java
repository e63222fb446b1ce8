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
        Out spec = new Out().message(99, new Out().string(1, "from a newer Kubernetes"));
        assertThatThrownBy(() -> ProtobufDecoder.decode(envelope("v1", "Pod", new Out().message(2, spec))))
                .isInstanceOf(ProtobufException.class)
                .hasMessage("field 99 of PodSpec cannot be read from protobuf by pod4j; send the object as JSON");
    }

    @Test
    void anotherKindOrABodyWithoutThePrefixIsRefused() {
        assertThatThrownBy(() -> ProtobufDecoder.decode(envelope("apps/v1", "StatefulSet", new Out())))
                .isInstanceOf(ProtobufException.class).hasMessageContaining("StatefulSet (apps/v1)");
        assertThatThrownBy(() -> ProtobufDecoder.decode("{\"kind\":\"Pod\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtobufException.class).hasMessageContaining("prefix");
    }

    @Test
    void aTruncatedBodyIsRefused() {
        byte[] body = envelope("v1", "ConfigMap", new Out().message(1, meta("x")));
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 3);
        assertThatThrownBy(() -> ProtobufDecoder.decode(cut)).isInstanceOf(ProtobufException.class);
    }

    @Test
    void readsADeploymentAsKubectlCreateDeploymentSendsIt() {
        Out selector = new Out().message(1, new Out().string(1, "app").string(2, "web"));
        Out container = new Out().string(1, "busybox").string(2, "pod4j-test/busybox:1")
                .message(6, new Out().number(2, 0).number(3, 8080)).message(8, new Out());
        Out template = new Out().message(1, meta("")).message(2, new Out().message(2, container));
        Out spec = new Out().number(1, 3).message(2, selector).message(3, template).message(4, new Out())
                .number(5, 0).number(7, 0);
        Out status = new Out().number(1, 0).number(2, 0).number(3, 0);
        ObjectNode json = ProtobufDecoder.decode(envelope("apps/v1", "Deployment",
                new Out().message(1, meta("web")).message(2, spec).message(3, status)));
        assertThat(json.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(json.path("spec").toString()).isEqualTo("{\"replicas\":3,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"busybox\","
                + "\"image\":\"pod4j-test/busybox:1\",\"ports\":[{\"containerPort\":8080}],\"resources\":{}}]}},\"strategy\":{}}");
        assertThat(json.has("status")).as("an object's status is not read").isFalse();
    }

    @Test
    void aPointersZeroIsAValueAndANonPointersZeroIsLeftOut() {
        Out spec = new Out().number(1, 0).number(5, 0);
        ObjectNode json = ProtobufDecoder.decode(envelope("apps/v1", "Deployment", new Out().message(2, spec)));
        assertThat(json.path("spec").toString()).isEqualTo("{\"replicas\":0}");
    }

    @Test
    void embeddedStructsSitInTheEnclosingObjectAsInJson() {
        Out tcpSocket = new Out().message(1, new Out().number(1, 1).string(3, "http"));
        Out probe = new Out().message(1, new Out().message(3, tcpSocket)).number(4, 5);
        Out container = new Out().string(1, "c").message(11, probe)
                .message(7, new Out().string(1, "K").message(3, new Out().message(3, new Out()
                        .message(1, new Out().string(1, "cfg")).string(2, "key"))));
        Out volume = new Out().string(1, "data").message(2, new Out().message(2, new Out()));
        Out podSpec = new Out().message(1, volume).message(2, container);
        Out jobSpec = new Out().number(2, 5).message(6, new Out().message(2, podSpec));
        ObjectNode json = ProtobufDecoder.decode(envelope("batch/v1", "Job", new Out().message(2, jobSpec)));
        var pod = json.path("spec").path("template").path("spec");
        assertThat(pod.path("volumes").toString()).isEqualTo("[{\"name\":\"data\",\"emptyDir\":{}}]");
        assertThat(pod.path("containers").get(0).path("readinessProbe").toString())
                .isEqualTo("{\"tcpSocket\":{\"port\":\"http\"},\"periodSeconds\":5}");
        assertThat(pod.path("containers").get(0).path("env").toString())
                .isEqualTo("[{\"name\":\"K\",\"valueFrom\":{\"configMapKeyRef\":{\"name\":\"cfg\",\"key\":\"key\"}}}]");
        assertThat(json.path("spec").path("completions").asInt()).isEqualTo(5);
    }

    @Test
    void readsACronJobsScheduleAndJobTemplate() {
        Out jobTemplate = new Out().message(2, new Out().message(6, new Out().message(2, new Out().string(3, "OnFailure"))));
        Out spec = new Out().string(1, "*/5 * * * *").string(3, "Forbid").message(5, jobTemplate);
        ObjectNode json = ProtobufDecoder.decode(envelope("batch/v1", "CronJob", new Out().message(1, meta("cj")).message(2, spec)));
        assertThat(json.path("spec").toString()).isEqualTo("{\"schedule\":\"*/5 * * * *\",\"concurrencyPolicy\":\"Forbid\","
                + "\"jobTemplate\":{\"spec\":{\"template\":{\"spec\":{\"restartPolicy\":\"OnFailure\"}}}}}");
    }

    @Test
    void readsAServicesPortsWithANumberOrANamedTargetPort() {
        Out byNumber = new Out().string(1, "http").string(2, "TCP").number(3, 80).message(4, new Out().number(1, 0).number(2, 8080))
                .number(5, 0);
        Out byName = new Out().number(3, 443).message(4, new Out().number(1, 1).string(3, "https"));
        Out spec = new Out().message(1, byNumber).message(1, byName).message(2, new Out().string(1, "app").string(2, "web"))
                .string(4, "ClusterIP");
        ObjectNode json = ProtobufDecoder.decode(envelope("v1", "Service", new Out().message(1, meta("svc")).message(2, spec)));
        assertThat(json.path("spec").path("ports").toString()).isEqualTo("[{\"name\":\"http\",\"protocol\":\"TCP\",\"port\":80,"
                + "\"targetPort\":8080},{\"port\":443,\"targetPort\":\"https\"}]");
    }
}

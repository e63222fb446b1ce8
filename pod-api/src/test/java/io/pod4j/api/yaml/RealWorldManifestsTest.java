package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.validation.ObjectRules;
import io.pod4j.api.validation.PodWarnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests as Helm charts, StatefulSets and {@code kubectl get -o yaml} write them, using the
 * fields the hand-written model refused (seccompProfile, topologySpreadConstraints, pod-level
 * resources, resizePolicy, image volumes, resourceClaims...), and the other kinds pod4j keeps with
 * every field a cluster writes. Each loads, and is written back field for field.
 */
class RealWorldManifestsTest {

    private static final Path DIR = Path.of("src/test/resources/real-world");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> manifests() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** The documents of a file as plain trees; an explicit null is no value, as for the API server. */
    private static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(withoutNulls(doc));
                }
            }
        }
        return docs;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getValue().isNull()) {
                    it.remove();
                } else {
                    withoutNulls(f.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(RealWorldManifestsTest::withoutNulls);
        }
        return node;
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void writesBackEveryFieldAsYaml(String file) throws IOException {
        String text = Files.readString(DIR.resolve(file));
        List<HasMetadata> objects = Manifests.load(text);

        assertThat(documents(Manifests.toYaml(objects))).isEqualTo(documents(text));
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void writesBackEveryFieldAsJson(String file) throws IOException {
        String text = Files.readString(DIR.resolve(file));
        List<JsonNode> input = documents(text);
        List<HasMetadata> objects = Manifests.load(text);

        for (int i = 0; i < objects.size(); i++) {
            assertThat(JSON.readTree(Manifests.toJson(objects.get(i)))).isEqualTo(input.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void keepsEveryFieldThroughAdmissionAndPassesValidation(String file) throws IOException {
        String text = Files.readString(DIR.resolve(file));
        List<JsonNode> input = documents(text);
        List<HasMetadata> objects = Manifests.load(text);

        for (int i = 0; i < objects.size(); i++) {
            HasMetadata admitted = ObjectRules.defaults(objects.get(i));
            assertThat(ObjectRules.validate(admitted)).as(file + " #" + i).isEmpty();
            assertContains(documents(Manifests.toYaml(admitted)).get(0), input.get(i), "");
        }
    }

    @Test
    void fillsInTheDefaultsBesideTheFieldsAsWritten() throws IOException {
        Pod pod = (Pod) Manifests.load(Files.readString(DIR.resolve("projected-and-images.yaml"))).get(0);

        JsonNode admitted = documents(Manifests.toYaml(ObjectRules.defaults(pod))).get(0);

        assertThat(admitted.at("/metadata/namespace").asText()).isEqualTo("default");
        assertThat(admitted.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
        assertThat(admitted.at("/spec/restartPolicy").asText()).isEqualTo("Always");
        assertThat(admitted.at("/spec/enableServiceLinks").asBoolean()).as("as written, not defaulted").isFalse();
    }

    @Test
    void warnsOnceForEachFieldTheLocalEngineDoesNotActOn() throws IOException {
        Pod pod = (Pod) Manifests.load(Files.readString(DIR.resolve("helm-web.yaml"))).get(1);

        assertThat(PodWarnings.of(pod)).containsExactly(
                "spec.affinity.podAntiAffinity: " + PodWarnings.NOT_ACTED_ON,
                "spec.automountServiceAccountToken: " + PodWarnings.NOT_ACTED_ON,
                "spec.securityContext.fsGroup: " + PodWarnings.NOT_ACTED_ON,
                "spec.securityContext.fsGroupChangePolicy: " + PodWarnings.NOT_ACTED_ON,
                "spec.topologySpreadConstraints: " + PodWarnings.NOT_ACTED_ON);
    }

    /** Every field of {@code expected} is in {@code actual} with the same value; {@code actual} may have more. */
    private static void assertContains(JsonNode actual, JsonNode expected, String path) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path).isTrue();
            expected.fields().forEachRemaining(f ->
                    assertContains(actual.path(f.getKey()), f.getValue(), path + "." + f.getKey()));
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(actual.get(i), expected.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}

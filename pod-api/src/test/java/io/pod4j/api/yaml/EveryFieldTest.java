package io.pod4j.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every field of the kinds pod4j keeps, at every depth, set at once: the document loads under
 * strict decoding and is written back field for field. The document is generated from the model
 * classes, so a field the loader or the writer would drop cannot hide.
 */
class EveryFieldTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"Pod", "ConfigMap", "Secret", "Namespace", "Node", "Event",
            "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob"})
    void loadsAndWritesBackEveryFieldOfTheKind(String kind) throws Exception {
        ObjectNode document = (ObjectNode) sample(Mappers.READER.constructType(ManifestReader.KINDS.get(kind)), new HashSet<>());
        document.put("apiVersion", HasMetadata.getApiVersion(ManifestReader.KINDS.get(kind))).put("kind", kind);

        List<HasMetadata> loaded = Manifests.strict().read(kind + ".json", document.toString());

        assertThat(JSON.readTree(Manifests.toJson(loaded.get(0)))).isEqualTo(document);
        assertThat(Manifests.load(Manifests.toYaml(loaded.get(0)))).isEqualTo(loaded);
    }

    /** A value for every property of the type, recursively; a type already on the path is left out. */
    private static JsonNode sample(JavaType type, Set<Class<?>> path) {
        Class<?> raw = type.getRawClass();
        if (raw == String.class || raw == Object.class) {
            return NODES.textNode("x");
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return NODES.numberNode(7);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return NODES.booleanNode(true);
        }
        if (raw == Quantity.class) {
            return NODES.textNode("250m");
        }
        if (raw == MicroTime.class) {
            return NODES.textNode("2026-11-30T10:16:00.123456Z"); // fabric8 holds it as an object, JSON as a string
        }
        if (raw == IntOrString.class) {
            return NODES.numberNode(8080);
        }
        if (type.isCollectionLikeType()) {
            JsonNode element = sample(type.getContentType(), path);
            return element == null ? NODES.arrayNode() : NODES.arrayNode().add(element);
        }
        if (type.isMapLikeType()) {
            JsonNode value = sample(type.getContentType(), path);
            return value == null ? NODES.objectNode() : NODES.objectNode().set("key.example.com/k", value);
        }
        if (!path.add(raw)) {
            return null;
        }
        ObjectNode object = NODES.objectNode();
        for (BeanPropertyDefinition p : Mappers.READER.getDeserializationConfig().introspect(type).findProperties()) {
            if (p.couldDeserialize()) {
                JsonNode value = sample(p.getPrimaryType(), path);
                if (value != null) {
                    object.set(p.getName(), value);
                }
            }
        }
        path.remove(raw);
        return object;
    }
}

package io.pod4j.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.store.ResourceTypes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaGeneratorTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    /** The fields Jackson decodes a class from, as the store's decoding sees them. */
    private static List<String> jacksonProperties(Class<?> type) {
        BeanDescription d = JACKSON.getDeserializationConfig().introspect(JACKSON.constructType(type));
        return d.findProperties().stream().map(BeanPropertyDefinition::getName).toList();
    }

    @Test
    void everyDefinedModelClassHasTheFieldsJacksonDecodes() {
        SchemaGenerator generator = new SchemaGenerator(Documents.V3_REFS);
        generator.addKind(Pod.class, "Pod", "", "v1", "Pod");
        List<Class<?>> classes = Stream.of(ResourceTypes.PODS, ResourceTypes.NODES, ResourceTypes.EVENTS,
                ResourceTypes.CONFIG_MAPS, ResourceTypes.SECRETS, ResourceTypes.NAMESPACES)
                .<Class<?>>map(t -> t.type()).toList();
        classes.forEach(generator::ref);
        assertThat(generator.definitions()).hasSizeGreaterThan(100);
        generator.definitions().forEach((name, schema) -> {
            if (schema.has("properties")) {
                Class<?> type = classFor(name);
                assertThat(schema.get("properties").fieldNames()).toIterable().as(name)
                        .containsExactlyInAnyOrderElementsOf(jacksonProperties(type));
            }
        });
    }

    private static Class<?> classFor(String definition) {
        String simple = definition.substring(definition.lastIndexOf('.') + 1);
        try {
            return Class.forName("io.fabric8.kubernetes.api.model." + simple);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no fabric8 class for " + definition, e);
        }
    }

    @Test
    void quantityIsAStringInV2() {
        SchemaGenerator generator = new SchemaGenerator(Documents.V2_REFS);
        assertThat(generator.ref(Quantity.class).get("$ref").asText())
                .isEqualTo("#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity");
        assertThat(generator.definitions().get("io.k8s.apimachinery.pkg.api.resource.Quantity").toString())
                .isEqualTo("{\"type\":\"string\"}");
    }
}

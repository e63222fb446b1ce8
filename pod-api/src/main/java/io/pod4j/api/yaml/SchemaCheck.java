package io.pod4j.api.yaml;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.SettableBeanProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.api.quantity.Quantities;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Walks a document's tree beside the fabric8 class it will become, doing what the API server's
 * decoding does and fabric8's classes do not: a field Kubernetes does not have is found (fabric8
 * would keep it silently in {@code additionalProperties}), and a quantity is checked and put in
 * canonical form ({@code cpu: 0.5} is stored as {@code 500m}), in place in the tree.
 */
final class SchemaCheck {

    /** A field the type does not have: its path from the document root, its name, and the names that were known there. */
    record Unknown(String path, String name, Collection<String> known) {
    }

    /** A value that is not what its field holds, in the API server's words. */
    record Invalid(String path, String message) {
    }

    private static final Map<Class<?>, Map<String, JavaType>> PROPERTIES = new ConcurrentHashMap<>();

    private final List<Unknown> unknown;
    private final List<Invalid> invalid;

    private SchemaCheck(List<Unknown> unknown, List<Invalid> invalid) {
        this.unknown = unknown;
        this.invalid = invalid;
    }

    /**
     * @param document a document; its quantities are rewritten in canonical form
     * @param type the fabric8 class it is read as
     * @param unknown receives every unknown field, in document order
     * @param invalid receives every invalid quantity, in document order
     */
    static void check(ObjectNode document, Class<?> type, List<Unknown> unknown, List<Invalid> invalid) {
        new SchemaCheck(unknown, invalid).object(document, Mappers.READER.constructType(type), "");
    }

    /** @return the value to keep in place of {@code node} (itself, or a canonical quantity) */
    private JsonNode value(JsonNode node, JavaType type, String path) {
        if (node == null || node.isNull()) {
            return node;
        }
        if (type.getRawClass() == Quantity.class) {
            return quantity(node, path);
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    array.set(i, value(array.get(i), type.getContentType(), path + "[" + i + "]"));
                }
            }
        } else if (type.isMapLikeType()) {
            if (node instanceof ObjectNode map) {
                for (Map.Entry<String, JsonNode> f : map.properties()) {
                    f.setValue(value(f.getValue(), type.getContentType(), join(path, f.getKey())));
                }
            }
        } else if (node instanceof ObjectNode object) {
            object(object, type, path);
        }
        return node;
    }

    private void object(ObjectNode node, JavaType type, String path) {
        Map<String, JavaType> properties = properties(type.getRawClass());
        if (properties.isEmpty()) {
            return; // free-form (fieldsV1, RawExtension...): anything goes, as in Kubernetes
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            JavaType child = properties.get(f.getKey());
            String childPath = join(path, f.getKey());
            if (child == null) {
                unknown.add(new Unknown(childPath, f.getKey(), properties.keySet()));
            } else {
                f.setValue(value(f.getValue(), child, childPath));
            }
        }
    }

    private JsonNode quantity(JsonNode node, String path) {
        String text;
        if (node.isTextual()) {
            text = node.asText().strip(); // Kubernetes' UnmarshalJSON trims spaces
        } else if (node.isNumber()) {
            text = numberText(node.decimalValue()); // an unquoted YAML number is read by its value
        } else {
            invalid.add(new Invalid(path, "invalid type: expected a quantity such as \"500m\" or \"1Gi\""));
            return node;
        }
        try {
            return TextNode.valueOf(Quantities.canonical(Quantities.parse(text)).toString());
        } catch (IllegalArgumentException e) {
            invalid.add(new Invalid(path, e.getMessage()));
            return node;
        }
    }

    /** A number as Kubernetes sees an unquoted YAML number: {@code 1000} rather than {@code 1E+3}, huge exponents kept short. */
    private static String numberText(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return Math.abs((long) v.scale()) > 100 ? v.toString() : v.toPlainString();
    }

    /**
     * The JSON properties of a fabric8 model class, read from the deserializer Jackson builds for it
     * anyway (introspecting the class a second time would double the cost of a cold start); empty for
     * anything that is not a structured model type.
     */
    private static Map<String, JavaType> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            if (!t.getName().startsWith("io.fabric8.kubernetes.api.model.") || t.isInterface() || t.isEnum()
                    || AnyType.class.isAssignableFrom(t) || t == KubernetesResource.class) {
                return Map.of();
            }
            DefaultDeserializationContext context = ((DefaultDeserializationContext) Mappers.READER
                    .getDeserializationContext()).createDummyInstance(Mappers.READER.getDeserializationConfig());
            JsonDeserializer<Object> deserializer;
            try {
                deserializer = context.findRootValueDeserializer(Mappers.READER.constructType(t));
            } catch (DatabindException e) {
                throw new IllegalStateException("no deserializer for " + t.getName(), e);
            }
            Map<String, JavaType> byName = new LinkedHashMap<>();
            if (deserializer instanceof BeanDeserializerBase bean) {
                for (Iterator<SettableBeanProperty> it = bean.properties(); it.hasNext();) {
                    SettableBeanProperty p = it.next();
                    byName.put(p.getName(), p.getType());
                }
            }
            return Map.copyOf(byName);
        });
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}

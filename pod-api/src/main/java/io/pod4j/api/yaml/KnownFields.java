package io.pod4j.api.yaml;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the fields of a manifest that its Kubernetes type does not have, by walking the tree beside
 * the fabric8 class it will become. fabric8 keeps such fields in {@code additionalProperties}; the
 * API server's strict decoding refuses them, and so does the loader.
 */
final class KnownFields {

    /** An unknown field: its path from the document root, and the names that were known there. */
    record Unknown(String path, String name, java.util.Collection<String> known) {
    }

    private static final Map<Class<?>, Map<String, JavaType>> PROPERTIES = new ConcurrentHashMap<>();

    private KnownFields() {
    }

    /**
     * @param node a document or part of one
     * @param type the fabric8 class it is read as
     * @param path the node's path from the document root ("" for the root)
     * @param found receives every unknown field, in document order
     */
    static void scan(JsonNode node, Class<?> type, String path, List<Unknown> found) {
        scan(node, Mappers.READER.constructType(type), path, found);
    }

    private static void scan(JsonNode node, JavaType type, String path, List<Unknown> found) {
        if (node == null || node.isNull()) {
            return;
        }
        if (type.isCollectionLikeType() || type.isArrayType()) {
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    scan(node.get(i), type.getContentType(), path + "[" + i + "]", found);
                }
            }
            return;
        }
        if (type.isMapLikeType()) {
            if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> f = fields.next();
                    scan(f.getValue(), type.getContentType(), join(path, f.getKey()), found);
                }
            }
            return;
        }
        Map<String, JavaType> properties = properties(type.getRawClass());
        if (properties.isEmpty() || !node.isObject()) {
            return; // free-form (fieldsV1, RawExtension...) or a scalar: nothing to check, or Jackson's type error
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JavaType child = properties.get(f.getKey());
            String childPath = join(path, f.getKey());
            if (child == null) {
                found.add(new Unknown(childPath, f.getKey(), properties.keySet()));
            } else {
                scan(f.getValue(), child, childPath, found);
            }
        }
    }

    /** The JSON properties of a fabric8 model class; empty for anything that is not a structured model type. */
    private static Map<String, JavaType> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            if (!t.getName().startsWith("io.fabric8.kubernetes.api.model.") || t.isInterface()
                    || AnyType.class.isAssignableFrom(t) || t == Quantity.class
                    || t.isEnum() || (KubernetesResource.class == t)) {
                return Map.of();
            }
            Map<String, JavaType> byName = new LinkedHashMap<>();
            for (BeanPropertyDefinition p : Mappers.READER.getDeserializationConfig()
                    .introspect(Mappers.READER.constructType(t)).findProperties()) {
                if (p.couldDeserialize()) {
                    byName.put(p.getName(), p.getPrimaryType());
                }
            }
            return Map.copyOf(byName);
        });
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}

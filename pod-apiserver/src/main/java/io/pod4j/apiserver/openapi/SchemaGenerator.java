package io.pod4j.apiserver.openapi;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.store.PatchSchema;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Schema definitions made from fabric8's model classes by reflection over their fields' Jackson
 * annotations ({@code @JsonProperty}: the fields a document may carry; far cheaper than Jackson's
 * own introspection, which a test checks it agrees with), with Kubernetes' definition names, the kinds'
 * {@code x-kubernetes-group-version-kind}, the strategic-merge metadata of pod-store's
 * {@link PatchSchema} as {@code x-kubernetes-patch-strategy} and {@code x-kubernetes-patch-merge-key},
 * and the required fields Kubernetes marks, with the descriptions of fabric8's model sources
 * ({@link ModelDescriptions}). Not thread-safe: one generator builds one document.
 */
final class SchemaGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Each class's JSON properties and their Java types, kept across documents (v2 and each v3). */
    private static final Map<Class<?>, Map<String, Type>> PROPERTIES = new ConcurrentHashMap<>();

    private final String refPrefix;
    private final SortedMap<String, ObjectNode> definitions = new TreeMap<>();
    /** The PatchSchema type each class was reached as (a class reached only without one maps to null). */
    private final Map<Class<?>, String> patchTypes = new HashMap<>();

    /** @param refPrefix {@code #/components/schemas/} (OpenAPI v3) or {@code #/definitions/} (v2) */
    SchemaGenerator(String refPrefix) {
        this.refPrefix = refPrefix;
    }

    /**
     * Adds a kind and every type it reaches.
     *
     * @param type the kind's class
     * @param patchType its root in {@link PatchSchema}, or null
     * @param group its group, empty for core
     * @param version its version
     * @param kind its kind (also for its list class: {@code PodList})
     * @return its definition's name
     */
    String addKind(Class<?> type, String patchType, String group, String version, String kind) {
        String name = define(type, patchType);
        ObjectNode gvk = NODES.objectNode().put("group", group).put("kind", kind).put("version", version);
        definitions.get(name).putArray("x-kubernetes-group-version-kind").add(gvk);
        return name;
    }

    /** @return a reference to the definition of a model class, defining it (and what it reaches) first */
    ObjectNode ref(Class<?> type) {
        return NODES.objectNode().put("$ref", refPrefix + define(type, null));
    }

    /** @return the definitions made so far, by name */
    SortedMap<String, ObjectNode> definitions() {
        return definitions;
    }

    private String define(Class<?> type, String patchType) {
        String name = DefinitionNames.of(type);
        boolean known = patchTypes.containsKey(type);
        if (known && (patchType == null || patchType.equals(patchTypes.get(type)))) {
            return name;
        }
        patchTypes.put(type, patchType);
        ObjectNode schema = NODES.objectNode();
        definitions.put(name, schema); // before the properties, so that a cycle ends here
        special(type, schema);
        if (!schema.isEmpty()) {
            return name;
        }
        ModelDescriptions.Described described = ModelDescriptions.of(type);
        if (described.type() != null) {
            schema.put("description", described.type());
        }
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (Map.Entry<String, Type> p : properties(type).entrySet()) {
            PatchSchema.Field field = PatchSchema.field(patchType, p.getKey());
            ObjectNode property = described(schemaOf(p.getValue(), field == null ? null : field.type()),
                    described.properties().get(p.getKey()));
            if (field != null && field.merge()) {
                property.put("x-kubernetes-patch-strategy", field.retainKeys() ? "merge,retainKeys" : "merge");
                if (field.mergeKey() != null) {
                    property.put("x-kubernetes-patch-merge-key", field.mergeKey());
                }
            }
            properties.set(p.getKey(), property);
        }
        List<String> required = RequiredFields.of(name).stream().filter(properties::has).toList();
        if (!required.isEmpty()) {
            required.forEach(schema.putArray("required")::add);
        }
        return name;
    }

    /**
     * @return the property's schema with its description: beside a {@code $ref} in v2, around it in
     *     v3 ({@code allOf}), where a {@code $ref}'s siblings are ignored, as Kubernetes' documents do
     */
    private ObjectNode described(ObjectNode property, String description) {
        if (description == null) {
            return property;
        }
        if (property.has("$ref") && refPrefix.startsWith("#/components/")) {
            ObjectNode wrapped = NODES.objectNode();
            wrapped.putArray("allOf").add(property);
            return wrapped.put("description", description);
        }
        return property.put("description", description);
    }

    /**
     * Types fabric8 (de)serializes by hand, as Kubernetes defines them (v3 says a quantity may be a
     * number and an IntOrString either; v2 has no oneOf); leaves the schema empty for the others.
     */
    private void special(Class<?> type, ObjectNode schema) {
        boolean v3 = refPrefix.startsWith("#/components/");
        if (type == Quantity.class) {
            if (v3) {
                schema.putArray("oneOf").add(NODES.objectNode().put("type", "string"))
                        .add(NODES.objectNode().put("type", "number"));
            } else {
                schema.put("type", "string");
            }
        } else if (type == IntOrString.class) {
            schema.put("format", "int-or-string");
            if (v3) {
                schema.putArray("oneOf").add(NODES.objectNode().put("type", "integer"))
                        .add(NODES.objectNode().put("type", "string"));
            } else {
                schema.put("type", "string");
            }
        } else if (type == MicroTime.class) {
            schema.put("type", "string").put("format", "date-time");
        } else if (type == Duration.class) {
            schema.put("type", "string");
        } else if (type.getSimpleName().equals("RawExtension") || type.getSimpleName().equals("FieldsV1")) {
            schema.put("type", "object");
        }
    }

    private ObjectNode schemaOf(Type type, String patchType) {
        if (type instanceof GenericArrayType array) {
            return arrayOf(array.getGenericComponentType(), patchType);
        }
        Class<?> raw = raw(type);
        if (raw.isArray() && raw != byte[].class) {
            return arrayOf(raw.getComponentType(), patchType);
        }
        if (raw == byte[].class) {
            return NODES.objectNode().put("type", "string").put("format", "byte");
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return arrayOf(argument(type, 0), patchType);
        }
        if (Map.class.isAssignableFrom(raw)) {
            ObjectNode map = NODES.objectNode().put("type", "object");
            map.set("additionalProperties", schemaOf(argument(type, 1), null));
            return map;
        }
        if (raw == String.class || raw.isEnum() || raw == Character.class) {
            return NODES.objectNode().put("type", "string");
        }
        if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int32");
        }
        if (raw == Long.class || raw == long.class) {
            return NODES.objectNode().put("type", "integer").put("format", "int64");
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return NODES.objectNode().put("type", "boolean");
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            return NODES.objectNode().put("type", "number").put("format", "double");
        }
        if (model(raw)) {
            return NODES.objectNode().put("$ref", refPrefix + define(raw, patchType));
        }
        // Object, JsonNode, AnyType, an embedded KubernetesResource: anything goes, as for RawExtension
        return NODES.objectNode().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
    }

    private static boolean model(Class<?> raw) {
        return raw.getName().startsWith("io.fabric8.kubernetes.api.model.") && !raw.isInterface()
                && (raw == IntOrString.class || !AnyType.class.isAssignableFrom(raw))
                && raw != KubernetesResource.class && !JsonNode.class.isAssignableFrom(raw)
                && !raw.getSimpleName().equals("GenericKubernetesResource");
    }

    private ObjectNode arrayOf(Type items, String patchType) {
        ObjectNode array = NODES.objectNode().put("type", "array");
        array.set("items", schemaOf(items, patchType));
        return array;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class; // a type variable or wildcard: anything
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }

    /** @return the JSON properties of a model class: its (and its model superclasses') {@code @JsonProperty} fields */
    static Map<String, Type> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            List<Class<?>> hierarchy = new ArrayList<>();
            for (Class<?> c = t; c != null && c.getName().startsWith("io.fabric8."); c = c.getSuperclass()) {
                hierarchy.add(0, c);
            }
            Map<String, Type> byName = new LinkedHashMap<>();
            for (Class<?> c : hierarchy) {
                for (Field f : c.getDeclaredFields()) {
                    JsonProperty json = f.getAnnotation(JsonProperty.class);
                    if (json == null || Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(JsonIgnore.class)) {
                        continue;
                    }
                    byName.put(json.value().isEmpty() ? f.getName() : json.value(), f.getGenericType());
                }
            }
            return byName;
        });
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema server-side apply works with, as the API server builds it from its OpenAPI: field
 * names and types come from fabric8's model classes (the same Go types, generated); list types
 * from {@code k8s.io/api}'s {@code +listType}/{@code +listMapKey} tags, or, for lists that only have
 * strategic-merge tags, from their {@code patchMergeKey} (as kube-openapi converts them); every
 * other list is atomic. A kind pod4j has no class for is untyped below its metadata, as a custom
 * resource without a schema.
 */
final class ApplySchema {

    private static final JsonNode TCP = TextNode.valueOf("TCP");

    private record Lists(FieldType.ListType type, List<String> keys, Map<String, JsonNode> defaults) {
        static Lists map(String... keys) {
            return new Lists(FieldType.ListType.MAP, List.of(keys), Map.of());
        }
    }

    private static final Lists SET = new Lists(FieldType.ListType.SET, List.of(), Map.of());
    private static final Lists PORTS = new Lists(FieldType.ListType.MAP, List.of("containerPort", "protocol"), Map.of("protocol", TCP));

    /** By the model class's simple name and the field. */
    private static final Map<String, Lists> LISTS = Map.ofEntries(
            Map.entry("ObjectMeta.finalizers", SET),
            Map.entry("ObjectMeta.ownerReferences", Lists.map("uid")),
            Map.entry("PodSpec.containers", Lists.map("name")),
            Map.entry("PodSpec.initContainers", Lists.map("name")),
            Map.entry("PodSpec.ephemeralContainers", Lists.map("name")),
            Map.entry("PodSpec.volumes", Lists.map("name")),
            Map.entry("PodSpec.imagePullSecrets", Lists.map("name")),
            Map.entry("PodSpec.hostAliases", Lists.map("ip")),
            Map.entry("PodSpec.topologySpreadConstraints", Lists.map("topologyKey", "whenUnsatisfiable")),
            Map.entry("PodSpec.schedulingGates", Lists.map("name")),
            Map.entry("PodSpec.resourceClaims", Lists.map("name")),
            Map.entry("Container.ports", PORTS),
            Map.entry("Container.env", Lists.map("name")),
            Map.entry("Container.volumeMounts", Lists.map("mountPath")),
            Map.entry("Container.volumeDevices", Lists.map("devicePath")),
            Map.entry("EphemeralContainer.ports", PORTS),
            Map.entry("EphemeralContainer.env", Lists.map("name")),
            Map.entry("EphemeralContainer.volumeMounts", Lists.map("mountPath")),
            Map.entry("EphemeralContainer.volumeDevices", Lists.map("devicePath")),
            Map.entry("PodStatus.conditions", Lists.map("type")),
            Map.entry("PodStatus.podIPs", Lists.map("ip")),
            Map.entry("PodStatus.hostIPs", Lists.map("ip")),
            Map.entry("PodStatus.resourceClaimStatuses", Lists.map("name")),
            Map.entry("NodeSpec.podCIDRs", SET),
            Map.entry("NodeStatus.conditions", Lists.map("type")),
            Map.entry("NodeStatus.addresses", Lists.map("type")),
            Map.entry("ServiceSpec.ports", new Lists(FieldType.ListType.MAP, List.of("port", "protocol"), Map.of("protocol", TCP))),
            Map.entry("NamespaceStatus.conditions", Lists.map("type")),
            Map.entry("PersistentVolumeClaimStatus.conditions", Lists.map("type")));

    /** Structs tagged {@code +structType=atomic}: owned and replaced whole. */
    private static final Set<String> ATOMIC_STRUCTS = Set.of("LabelSelector", "NodeSelector", "ObjectReference",
            "LocalObjectReference", "TypedLocalObjectReference", "ConfigMapKeySelector", "SecretKeySelector",
            "ObjectFieldSelector", "ResourceFieldSelector");

    /** Classes written as a JSON scalar (a string or a number). */
    private static final Set<String> SCALARS = Set.of("Quantity", "IntOrString", "MicroTime", "Duration", "Time");

    private static final Map<JavaType, FieldType> TYPES = new ConcurrentHashMap<>();

    private ApplySchema() {
    }

    /** @return the root type of a kind's objects */
    static FieldType of(ResourceType<?> type) {
        if (type.type() == GenericKubernetesResource.class) {
            return FieldType.struct(() -> Map.of("apiVersion", FieldType.SCALAR, "kind", FieldType.SCALAR,
                    "metadata", typeOf(Json.MAPPER.constructType(ObjectMeta.class))), false, true);
        }
        return typeOf(Json.MAPPER.constructType(type.type()));
    }

    private static FieldType typeOf(JavaType t) {
        FieldType known = TYPES.get(t);
        if (known != null) {
            return known;
        }
        FieldType made = make(t, null);
        FieldType raced = TYPES.putIfAbsent(t, made);
        return raced == null ? made : raced;
    }

    private static FieldType make(JavaType t, Lists lists) {
        Class<?> raw = t.getRawClass();
        if (t.isCollectionLikeType() || t.isArrayType()) {
            JavaType item = t.getContentType();
            Lists l = lists == null ? new Lists(FieldType.ListType.ATOMIC, List.of(), Map.of()) : lists;
            return FieldType.list(() -> typeOf(item), l.type(), l.keys(), l.defaults());
        }
        if (t.isMapLikeType()) {
            JavaType value = t.getContentType();
            return FieldType.map(() -> typeOf(value));
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.getSimpleName().equals("AnyType")) {
            return FieldType.UNTYPED;
        }
        if (raw.isPrimitive() || raw.isEnum() || raw == String.class || Number.class.isAssignableFrom(raw)
                || raw == Boolean.class || SCALARS.contains(raw.getSimpleName())
                || raw.isAnnotationPresent(JsonDeserialize.class) && raw.getAnnotation(JsonDeserialize.class).using()
                        != com.fasterxml.jackson.databind.JsonDeserializer.None.class
                || raw.isAnnotationPresent(JsonSerialize.class) && raw.getAnnotation(JsonSerialize.class).using()
                        != com.fasterxml.jackson.databind.JsonSerializer.None.class) {
            return FieldType.SCALAR;
        }
        return FieldType.struct(() -> fields(t), ATOMIC_STRUCTS.contains(raw.getSimpleName()), false);
    }

    /**
     * The fields fabric8 declares with {@code @JsonProperty} (read from the class itself: Jackson's
     * full introspection costs tens of milliseconds on a cold JVM, and this runs on the first write).
     */
    private static Map<String, FieldType> fields(JavaType t) {
        Map<String, FieldType> out = new LinkedHashMap<>();
        String owner = t.getRawClass().getSimpleName();
        for (Class<?> c = t.getRawClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                JsonProperty property = f.getAnnotation(JsonProperty.class);
                if (Modifier.isStatic(f.getModifiers()) || property == null || property.value().isEmpty()
                        || f.isAnnotationPresent(JsonIgnore.class)) {
                    continue;
                }
                String name = property.value();
                Lists lists = LISTS.get(owner + "." + name);
                JavaType pt = Json.MAPPER.getTypeFactory().constructType(f.getGenericType());
                out.putIfAbsent(name, lists == null ? typeOf(pt) : make(pt, lists));
            }
        }
        return out;
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pod4j.api.validation.NameRules;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The API server's rules for {@code metadata}, the same for every kind: what a create fills in
 * ({@code rest.BeforeCreate}), what an update may not change ({@code rest.BeforeUpdate}), and the
 * common validation ({@code ValidateObjectMeta}, {@code ValidateObjectMetaUpdate}).
 */
final class MetaRules {

    static final String DEFAULT_NAMESPACE = "default";
    /** Kubernetes' alphabet for generated names: no vowels (no words), no look-alikes. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int MAX_GENERATED_PREFIX = 58;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MetaRules() {
    }

    /** @return an RFC 3339 time at second precision, as {@code metav1.Time} is written */
    static String timestamp(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static ObjectNode meta(ObjectNode object) {
        return Json.obj(object, "metadata");
    }

    /** Reads without adding a {@code metadata} (stored trees are never changed). */
    static String name(ObjectNode object) {
        return object.path("metadata").path("name").asText("");
    }

    static String namespace(ObjectNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    /** Puts the object in its namespace ("default" when it names none) or, for a cluster-scoped kind, in none. */
    static void placeNamespace(ResourceType<?> type, ObjectNode object) {
        ObjectNode m = meta(object);
        if (!type.namespaced()) {
            m.remove("namespace");
        } else if (m.path("namespace").asText("").isEmpty()) {
            m.put("namespace", DEFAULT_NAMESPACE);
        }
    }

    /** A name from {@code generateName}: the prefix (cut to 58 characters) and 5 random characters. */
    static String generateName(String prefix) {
        String p = prefix.length() > MAX_GENERATED_PREFIX ? prefix.substring(0, MAX_GENERATED_PREFIX) : prefix;
        StringBuilder b = new StringBuilder(p);
        for (int i = 0; i < 5; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** What {@code rest.BeforeCreate} sets: a new uid, the creation time, no deletion, generation 1. */
    static void prepareForCreate(ResourceType<?> type, ObjectNode object, Instant now) {
        prepareForCreate(type, object, now, UUID.randomUUID().toString());
    }

    /** As {@link #prepareForCreate(ResourceType, ObjectNode, Instant)}, with the uid given (admission may not change it). */
    static void prepareForCreate(ResourceType<?> type, ObjectNode object, Instant now, String uid) {
        ObjectNode m = meta(object);
        m.put("uid", uid);
        m.put("creationTimestamp", timestamp(now));
        m.remove("deletionTimestamp");
        m.remove("deletionGracePeriodSeconds");
        m.remove("selfLink");
        if (type.tracksGeneration()) {
            m.put("generation", 1);
        } else {
            m.remove("generation");
        }
    }

    /**
     * What {@code rest.BeforeUpdate} keeps from the stored object: uid when none is given, the
     * creation time, the generation, the deletion timestamp and grace period.
     */
    static void keepSystemFields(ObjectNode object, ObjectNode old) {
        ObjectNode m = meta(object);
        ObjectNode o = meta(old);
        if (m.path("uid").asText("").isEmpty()) {
            m.set("uid", o.get("uid"));
        }
        copyOrRemove(o, m, "creationTimestamp");
        copyOrRemove(o, m, "generation");
        if (o.has("deletionTimestamp")) {
            m.set("deletionTimestamp", o.get("deletionTimestamp"));
        } else {
            m.remove("deletionTimestamp");
        }
        if (o.has("deletionGracePeriodSeconds") && !m.has("deletionGracePeriodSeconds")) {
            m.set("deletionGracePeriodSeconds", o.get("deletionGracePeriodSeconds"));
        }
    }

    private static void copyOrRemove(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field));
        } else {
            to.remove(field);
        }
    }

    /**
     * {@code ValidateObjectMeta} beyond the name (which pod-api's rules check): the namespace, label
     * keys and values, annotation keys. Pods get all of it from pod-api's PodValidator.
     */
    static List<FieldError> validate(ResourceType<?> type, ObjectNode object) {
        List<FieldError> errors = new ArrayList<>();
        if (PodStrategy.isPod(type)) {
            return errors;
        }
        ObjectNode m = meta(object);
        if (type.namespaced()) {
            String ns = m.path("namespace").asText("");
            NameRules.dns1123Label(ns).forEach(p -> errors.add(FieldError.invalid("metadata.namespace", ns, p)));
        }
        for (Map.Entry<String, String> e : strings(m.get("labels"))) {
            NameRules.qualifiedName(e.getKey()).forEach(p -> errors.add(FieldError.invalid("metadata.labels", e.getKey(), p)));
            NameRules.labelValue(e.getValue()).forEach(p -> errors.add(FieldError.invalid("metadata.labels", e.getValue(), p)));
        }
        for (Map.Entry<String, String> e : strings(m.get("annotations"))) {
            NameRules.qualifiedName(e.getKey().toLowerCase(java.util.Locale.ROOT))
                    .forEach(p -> errors.add(FieldError.invalid("metadata.annotations", e.getKey(), p)));
        }
        return errors;
    }

    /**
     * {@code ValidateObjectMetaUpdate}: the uid and the deletion grace period stay, and no finalizer
     * is added once deletion began.
     */
    static List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
        List<FieldError> errors = new ArrayList<>();
        String uid = meta(object).path("uid").asText("");
        if (!uid.equals(old.path("metadata").path("uid").asText(""))) {
            errors.add(FieldError.invalid("metadata.uid", uid, "field is immutable"));
        }
        JsonNode grace = meta(object).get("deletionGracePeriodSeconds");
        if (!Json.same(grace, old.path("metadata").get("deletionGracePeriodSeconds"))) {
            errors.add(FieldError.invalid("metadata.deletionGracePeriodSeconds", grace == null ? null : grace.asLong(),
                    "field is immutable"));
        }
        if (old.path("metadata").has("deletionTimestamp")) {
            Set<String> added = new LinkedHashSet<>(finalizers(object));
            added.removeAll(finalizers(old));
            if (!added.isEmpty()) {
                errors.add(FieldError.forbidden("metadata.finalizers",
                        "no new finalizers can be added if the object is being deleted, found new finalizers []string{"
                                + String.join(", ", added.stream().map(f -> '"' + f + '"').toList()) + "}"));
            }
        }
        return errors;
    }

    static List<String> finalizers(ObjectNode object) {
        List<String> out = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> out.add(f.asText()));
        return out;
    }

    private static List<Map.Entry<String, String>> strings(JsonNode map) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (map != null) {
            for (Map.Entry<String, JsonNode> e : map.properties()) {
                out.add(Map.entry(e.getKey(), e.getValue().asText()));
            }
        }
        return out;
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API server's fieldmanager: records in {@code metadata.managedFields} which manager owns which
 * fields, on every write (an update takes the fields it changed from their previous owners), and
 * performs server-side apply (the configuration is the manager's whole intent: what it set before
 * and no longer sets is removed unless someone else owns it; setting a field another manager owns
 * to another value is a conflict unless forced). Works on the store's JSON trees, before admission.
 */
final class FieldManager {

    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    /** kubectl's manager for {@code apply --server-side}: the only one that upgrades from client-side apply. */
    private static final String KUBECTL = "kubectl";
    /** Who owns what an object had before its first apply, when it has no managedFields at all. */
    private static final String BEFORE_FIRST_APPLY = "before-first-apply";
    private static final String STATUS = "status";

    /** Identity and system metadata: no manager owns them (the fieldmanager's stripMeta). */
    private static final FieldSet META = new FieldSet()
            .insert(List.of("f:apiVersion")).insert(List.of("f:kind")).insert(List.of("f:metadata"))
            .insert(meta("name")).insert(meta("namespace")).insert(meta("creationTimestamp"))
            .insert(meta("selfLink")).insert(meta("uid")).insert(meta("clusterName")).insert(meta("generation"))
            .insert(meta("managedFields")).insert(meta("resourceVersion"));

    private FieldManager() {
    }

    private static List<String> meta(String field) {
        return List.of("f:metadata", "f:" + field);
    }

    /**
     * Records an update (create, update, patch) by {@code manager}: it owns what it added or
     * changed, nobody owns what it removed. Managed fields in the new object replace the stored
     * ones (a client may edit them) unless they are empty or this is the status subresource.
     *
     * @param old the stored object, null for a create
     * @param obj the object to store; its managedFields are set
     */
    static void update(ResourceType<?> type, ObjectNode old, ObjectNode obj, String manager, boolean status, Instant now) {
        update(type, old, obj, manager, status, now, new FieldSet());
    }

    /**
     * Records a create by {@code manager}. The API server records it before admission plugins run,
     * so what they add (a Pod's priority and preemption policy, its service account) is nobody's; defaults are the creator's.
     *
     * @param requested the object as the request gave it, before admission
     */
    static void create(ResourceType<?> type, ObjectNode requested, ObjectNode obj, String manager, Instant now) {
        FieldSet admitted = new FieldSet();
        if (PodStrategy.isPod(type)) {
            for (String field : List.of("priority", "preemptionPolicy", "serviceAccountName", "serviceAccount")) {
                if (!requested.path("spec").has(field)) {
                    admitted.insert(List.of("f:spec", "f:" + field));
                }
            }
        }
        update(type, null, obj, manager, false, now, admitted);
    }

    private static void update(ResourceType<?> type, ObjectNode old, ObjectNode obj, String manager, boolean status,
            Instant now, FieldSet notOwned) {
        FieldType schema = ApplySchema.of(type);
        ManagedFields managed = null;
        if (!status) {
            managed = decodeOrNull(obj);
        }
        if (managed == null || managed.isEmpty()) {
            managed = old == null ? ManagedFields.none() : decodeOrEmpty(old);
        }
        JsonNode before = old == null ? emptyOf(type, schema) : old;
        FieldPaths.Comparison c = FieldPaths.compare(before, obj, schema, ignored(type, status).union(notOwned)
                .union(new FieldSet().insert(meta("managedFields"))));
        record(managed, c, new ManagedFields.Owner(manager, ManagedFields.UPDATE, type.apiVersion(), status ? STATUS : ""),
                type.apiVersion(), now);
        managed.writeTo(obj);
    }

    private static void record(ManagedFields managed, FieldPaths.Comparison c, ManagedFields.Owner self, String apiVersion,
            Instant now) {
        FieldSet changed = c.changed();
        for (Map.Entry<ManagedFields.Owner, ManagedFields.Entry> e : new ArrayList<>(managed.entries().entrySet())) {
            if (!e.getKey().equals(self)) {
                ManagedFields.Entry v = e.getValue();
                managed.put(e.getKey(), new ManagedFields.Entry(v.apiVersion(), v.time(),
                        v.fields().difference(changed).difference(c.removed())));
            }
        }
        ManagedFields.Entry previous = managed.get(self);
        FieldSet taken = changed.difference(META);
        FieldSet mine = previous == null ? taken : previous.fields().difference(c.removed()).union(taken);
        String time = !taken.isEmpty() || previous == null ? MetaRules.timestamp(now) : previous.time();
        managed.put(self, new ManagedFields.Entry(apiVersion, time, mine.difference(META)));
    }

    /**
     * Server-side apply of {@code config} by {@code manager}.
     *
     * @param live the stored object, null when the apply creates it
     * @return the object to store (not yet through admission), with its managedFields
     * @throws StoreException 409 Conflict with the conflicting fields as causes; 400 for a bad
     *     configuration; 500 for one that does not fit the schema, in the API server's words
     */
    static ObjectNode apply(ResourceType<?> type, ObjectNode live, ObjectNode config, String manager, boolean force,
            boolean status, Instant now) {
        JsonNode given = config.path("metadata").get("managedFields");
        if (given != null && !given.isNull()) {
            throw new StoreException(Statuses.badRequest("metadata.managedFields must be nil"));
        }
        String version = config.path("apiVersion").asText("");
        if (!version.equals(type.apiVersion())) {
            throw new StoreException(Statuses.badRequest("Incorrect version specified in apply patch. Specified patch"
                    + " version: " + version + ", expected: " + type.apiVersion()));
        }
        FieldType schema = ApplySchema.of(type);
        List<FieldPaths.Problem> problems = new ArrayList<>();
        FieldSet applied = FieldPaths.of(config, schema, problems);
        if (!problems.isEmpty()) {
            throw new StoreException(Statuses.internal("failed to create typed patch object (" + MetaRules.namespace(config)
                    + "/" + MetaRules.name(config) + "; " + (type.group().isEmpty() ? "" : type.group()) + "/"
                    + type.version() + ", Kind=" + type.kind() + "): " + describe(problems)));
        }
        FieldSet ignored = ignored(type, status);
        applied = applied.withoutPrefixes(ignored).difference(META);
        ManagedFields managed = live == null ? ManagedFields.none() : decodeOrEmpty(live);
        JsonNode before = live == null ? emptyOf(type, schema) : stripped(live);
        if (live != null && managed.isEmpty()) {
            record(managed, FieldPaths.compare(emptyOf(type, schema), before, schema).without(ignored),
                    new ManagedFields.Owner(BEFORE_FIRST_APPLY, ManagedFields.UPDATE, type.apiVersion(), ""), type.apiVersion(), now);
        }
        ManagedFields.Owner self = new ManagedFields.Owner(manager, ManagedFields.APPLY, "", status ? STATUS : "");
        ManagedFields.Entry last = managed.get(self);
        ObjectNode merged = (ObjectNode) ApplyMerge.merge(before, config, schema);
        managed.put(self, new ManagedFields.Entry(type.apiVersion(), last == null ? null : last.time(), applied));
        if (last != null) {
            prune(merged, last.fields(), managed, schema);
        }
        FieldPaths.Comparison c = FieldPaths.compare(before, merged, schema).without(ignored);
        Map<ManagedFields.Owner, FieldSet> conflicts = conflicts(managed, self, c.changed());
        if (!conflicts.isEmpty() && !force && !(manager.equals(KUBECTL) && upgradesClientSideApply(live, conflicts, schema))) {
            throw new StoreException(Statuses.applyConflict(conflicts.entrySet().stream()
                    .map(e -> Map.entry(e.getKey().describe(), e.getValue())).toList()));
        }
        for (Map.Entry<ManagedFields.Owner, ManagedFields.Entry> e : new ArrayList<>(managed.entries().entrySet())) {
            if (!e.getKey().equals(self)) {
                ManagedFields.Entry v = e.getValue();
                managed.put(e.getKey(), new ManagedFields.Entry(v.apiVersion(), v.time(),
                        v.fields().difference(c.changed()).difference(c.removed())));
            }
        }
        ManagedFields.Entry mine = managed.get(self);
        if (mine != null && (mine.time() == null || !Json.same(before, merged))) {
            managed.put(self, new ManagedFields.Entry(type.apiVersion(), MetaRules.timestamp(now), mine.fields()));
        }
        if (manager.equals(KUBECTL) && live != null && live.path("metadata").path("annotations").has(LAST_APPLIED)) {
            Json.obj(MetaRules.meta(merged), "annotations").put(LAST_APPLIED, lastApplied(config));
        }
        merged.put("apiVersion", type.apiVersion()).put("kind", type.kind());
        managed.writeTo(merged);
        return merged;
    }

    /** Removes what the applier owned last time and no longer applies, unless another manager owns it or below it. */
    private static void prune(ObjectNode merged, FieldSet last, ManagedFields managed, FieldType schema) {
        FieldSet owned = new FieldSet();
        for (ManagedFields.Entry e : managed.entries().values()) {
            owned = owned.union(e.fields());
        }
        FieldSet owners = owned;
        last.difference(owned).forEach(path -> {
            if (!owners.hasAtOrBelow(path)) {
                ApplyMerge.remove(merged, path, schema);
            }
        });
    }

    /** @return per other manager (sorted by name), the fields it owns that this apply changes */
    private static Map<ManagedFields.Owner, FieldSet> conflicts(ManagedFields managed, ManagedFields.Owner self,
            FieldSet changed) {
        Map<ManagedFields.Owner, FieldSet> out = new TreeMap<>((a, b) -> a.describe().compareTo(b.describe()));
        managed.entries().forEach((owner, entry) -> {
            FieldSet mine = entry.fields().intersection(changed);
            if (!owner.equals(self) && !mine.isEmpty()) {
                out.put(owner, mine);
            }
        });
        return out;
    }

    /**
     * kubectl's {@code apply --server-side} after client-side applies: a conflict is allowed (and
     * forced) on fields whose value is still what the last-applied-configuration annotation says.
     */
    private static boolean upgradesClientSideApply(ObjectNode live, Map<ManagedFields.Owner, FieldSet> conflicts,
            FieldType schema) {
        JsonNode annotation = live == null ? null : live.path("metadata").path("annotations").get(LAST_APPLIED);
        if (annotation == null || annotation.asText().isEmpty()) {
            return false;
        }
        JsonNode lastApplied;
        try {
            lastApplied = Json.MAPPER.readTree(annotation.asText());
        } catch (java.io.IOException e) {
            return false;
        }
        FieldSet allowed = FieldPaths.of(lastApplied, schema, new ArrayList<>());
        FieldPaths.Comparison c = FieldPaths.compare(lastApplied, stripped(live), schema);
        allowed = allowed.difference(c.modified()).difference(c.added()).difference(c.removed());
        for (FieldSet s : conflicts.values()) {
            if (!s.difference(allowed).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The annotation kubectl's client-side apply reads: the configuration as JSON, keys sorted, without itself. */
    private static String lastApplied(ObjectNode config) {
        ObjectNode copy = config.deepCopy();
        JsonNode annotations = copy.path("metadata").get("annotations");
        if (annotations instanceof ObjectNode a) {
            a.remove(LAST_APPLIED);
            if (a.isEmpty()) {
                MetaRules.meta(copy).remove("annotations");
            }
        }
        try {
            return Json.MAPPER.writer().with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .writeValueAsString(Json.MAPPER.treeToValue(copy, Object.class)) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fields the write does not own: the status for the main resource of a kind with a status subresource, the spec for its status. */
    private static FieldSet ignored(ResourceType<?> type, boolean status) {
        if (status) {
            return new FieldSet().insert(List.of("f:spec"));
        }
        return type.statusSubresource() ? new FieldSet().insert(List.of("f:status")) : new FieldSet();
    }

    /**
     * What a new object is compared with: Go's zero value of the kind, whose struct fields (spec,
     * status) are empty rather than absent, and whose fields without {@code omitempty} (a Pod's
     * containers) are null: they are there before the create, so no creator owns them as a whole.
     */
    private static ObjectNode emptyOf(ResourceType<?> type, FieldType schema) {
        ObjectNode empty = Json.MAPPER.createObjectNode();
        for (String root : List.of("spec", "status")) {
            FieldType t = schema.kind() == FieldType.Kind.STRUCT ? schema.field(root) : null;
            if (t != null && t.kind() == FieldType.Kind.STRUCT) {
                empty.putObject(root);
            }
        }
        if (PodStrategy.isPod(type)) {
            Json.obj(empty, "spec").putNull("containers");
        }
        return empty;
    }

    private static ObjectNode stripped(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        JsonNode meta = copy.get("metadata");
        if (meta instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        return copy;
    }

    private static ManagedFields decodeOrNull(ObjectNode object) {
        try {
            return ManagedFields.of(object);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A stored object's managedFields; ones that do not decode are dropped, as if it had none. */
    private static ManagedFields decodeOrEmpty(ObjectNode object) {
        ManagedFields m = decodeOrNull(object);
        return m == null ? ManagedFields.none() : m;
    }

    private static String describe(List<FieldPaths.Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder b = new StringBuilder("errors:");
        problems.forEach(p -> b.append("\n  ").append(p));
        return b.toString();
    }
}

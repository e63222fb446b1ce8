package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Preconditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a delete does, decided as the API server's generic registry decides it ({@code BeforeDelete},
 * {@code updateForGracefulDeletionAndFinalizers}): a Pod is first marked with a
 * {@code deletionTimestamp} and a grace period and removed when its kubelet deletes it again with
 * grace 0; an object with finalizers is marked and stays until the last finalizer is removed (a
 * Namespace also for those of its {@code spec.finalizers}, and it is {@code Terminating} meanwhile);
 * anything else is removed at once.
 */
final class DeleteRules {

    /** What the store does with the object. */
    enum Outcome {
        /** A deletion is already under way with a grace period no longer than asked: nothing changes. */
        PENDING,
        /** Write {@link Plan#object()}, which now carries a deletionTimestamp; it stays. */
        MARK,
        /** Remove the object now. */
        REMOVE
    }

    record Plan(Outcome outcome, ObjectNode object) {
    }

    private DeleteRules() {
    }

    /**
     * @param current the stored object (not changed)
     * @throws StoreException Conflict when a precondition (uid, resourceVersion) does not hold
     */
    static Plan plan(ResourceType<?> type, ObjectNode current, DeleteOptions options, Instant now) {
        checkPreconditions(type, current, options == null ? null : options.getPreconditions());
        Long requested = options == null ? null : options.getGracePeriodSeconds();
        if (requested != null && requested < 0) {
            requested = 1L; // negative means "as soon as possible", never "never"
        }
        ObjectNode object = current.deepCopy();
        ObjectNode m = MetaRules.meta(object);
        propagation(object, options);
        if (m.has("deletionGracePeriodSeconds") && m.get("deletionGracePeriodSeconds").asLong() < 0) {
            m.put("deletionGracePeriodSeconds", 1);
        }
        boolean graceful = false;
        long grace = 0;
        if (PodStrategy.isPod(type)) {
            if (m.hasNonNull("deletionTimestamp")) {
                long current0 = m.path("deletionGracePeriodSeconds").asLong(0);
                if (current0 != 0) {
                    if (requested == null || requested >= current0) {
                        return new Plan(Outcome.PENDING, current); // only a shorter grace period may be asked for
                    }
                    Instant start = Instant.parse(m.get("deletionTimestamp").asText()).minusSeconds(current0);
                    m.put("deletionTimestamp", MetaRules.timestamp(start.plusSeconds(requested)));
                    m.put("deletionGracePeriodSeconds", requested);
                    graceful = true;
                    grace = requested;
                }
            } else {
                grace = PodStrategy.gracePeriod(object, requested);
                m.put("deletionTimestamp", MetaRules.timestamp(now.plusSeconds(grace)));
                m.put("deletionGracePeriodSeconds", grace);
                bumpGeneration(m);
                graceful = true;
            }
        }
        boolean finalizers = !MetaRules.finalizers(object).isEmpty() || NamespaceAdmission.held(object);
        if (type.groupResource().equals(ResourceTypes.NAMESPACES.groupResource())) {
            object.withObject("status").put("phase", "Terminating"); // as the namespace registry's delete
        }
        if (graceful) {
            return new Plan(finalizers || grace > 0 ? Outcome.MARK : Outcome.REMOVE, object);
        }
        if (!finalizers) {
            return new Plan(Outcome.REMOVE, object);
        }
        // Marked as deleting, at once: the finalizers' owners see it and remove theirs.
        if (!m.hasNonNull("deletionTimestamp")) {
            bumpGeneration(m);
        }
        if (!m.hasNonNull("deletionTimestamp") || Instant.parse(m.get("deletionTimestamp").asText()).isAfter(now)) {
            m.put("deletionTimestamp", MetaRules.timestamp(now));
        }
        m.put("deletionGracePeriodSeconds", 0);
        return new Plan(Outcome.MARK, object);
    }

    /** The garbage collector's finalizers, which the API server adds for these propagation policies. */
    static final String ORPHAN = "orphan";
    static final String FOREGROUND = "foregroundDeletion";

    /**
     * {@code propagationPolicy} (or the older {@code orphanDependents}), as the API server's
     * {@code deletionFinalizersForGarbageCollection}: Orphan adds the {@code orphan} finalizer (the
     * garbage collector then removes the dependents' references to the object), Foreground the
     * {@code foregroundDeletion} finalizer (it deletes the dependents first); Background, the
     * default, adds none (dependents are deleted after the object is gone).
     */
    private static void propagation(ObjectNode object, DeleteOptions options) {
        if (options == null) {
            return;
        }
        String policy = options.getPropagationPolicy();
        Boolean orphanDependents = options.getOrphanDependents();
        if (policy != null && orphanDependents != null) {
            throw new StoreException(Statuses.invalidOptions("DeleteOptions", FieldError.invalid("propagationPolicy",
                    policy, "orphanDependents and deletionPropagation cannot be both set")));
        }
        if (policy == null && orphanDependents != null) {
            policy = orphanDependents ? "Orphan" : "Background";
        }
        if (policy == null) {
            return;
        }
        String add;
        switch (policy) {
            case "Orphan" -> add = ORPHAN;
            case "Foreground" -> add = FOREGROUND;
            case "Background" -> add = null;
            default -> throw new StoreException(Statuses.invalidOptions("DeleteOptions", new FieldError(
                    FieldError.Type.NOT_SUPPORTED, "propagationPolicy", "Unsupported value: \"" + policy
                            + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")));
        }
        List<String> finalizers = new ArrayList<>(MetaRules.finalizers(object));
        finalizers.remove(ORPHAN);
        finalizers.remove(FOREGROUND);
        if (add != null) {
            finalizers.add(add);
        }
        ObjectNode meta = MetaRules.meta(object);
        if (finalizers.isEmpty()) {
            meta.remove("finalizers");
        } else {
            var list = meta.putArray("finalizers");
            finalizers.forEach(list::add);
        }
    }

    /**
     * Whether an update removes an object whose deletion only waited for its finalizers
     * ({@code ShouldDeleteDuringUpdate}): no finalizer left, and the deletion has no grace period
     * left to wait for.
     */
    static boolean removesOnUpdate(ObjectNode updated, ObjectNode old) {
        ObjectNode o = MetaRules.meta(old);
        return MetaRules.finalizers(updated).isEmpty() && !NamespaceAdmission.held(updated) && o.hasNonNull("deletionTimestamp")
                && o.path("deletionGracePeriodSeconds").asLong(0) == 0;
    }

    private static void bumpGeneration(ObjectNode meta) {
        if (meta.path("generation").asLong(0) > 0) {
            meta.put("generation", meta.get("generation").asLong() + 1);
        }
    }

    private static void checkPreconditions(ResourceType<?> type, ObjectNode current, Preconditions p) {
        if (p == null) {
            return;
        }
        ObjectNode m = MetaRules.meta(current);
        String name = m.path("name").asText();
        String uid = m.path("uid").asText("");
        String rv = m.path("resourceVersion").asText("");
        // The API server names the kind here, not the resource: "Operation cannot be fulfilled on Pod ...".
        if (p.getUid() != null && !p.getUid().equals(uid)) {
            throw new StoreException(Statuses.conflict(type, type.kind(), name, "the UID in the precondition ("
                    + p.getUid() + ") does not match the UID in record (" + uid
                    + "). The object might have been deleted and then recreated"));
        }
        if (p.getResourceVersion() != null && !p.getResourceVersion().equals(rv)) {
            throw new StoreException(Statuses.conflict(type, type.kind(), name, "the ResourceVersion in the precondition ("
                    + p.getResourceVersion() + ") does not match the ResourceVersion in record (" + rv
                    + "). The object might have been modified"));
        }
    }
}

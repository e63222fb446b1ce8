package io.pod4j.controllers.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The garbage collector's decision for one object, pure ({@code attemptToDeleteItem},
 * {@code processDeletingDependentsItem}, {@code orphanDependents}): an object deleted with the
 * {@code orphan} finalizer releases its dependents; one deleted with {@code foregroundDeletion}
 * deletes the dependents that block it, then lets itself go; any other object is deleted when all
 * its owners are gone, or drops the references to gone owners while another owner stays.
 */
public final class GcPlanner {

    public static final String ORPHAN = "orphan";
    public static final String FOREGROUND = "foregroundDeletion";

    private GcPlanner() {
    }

    /**
     * @param object the object as stored
     * @param owners the state behind each of its ownerReferences, by owner uid
     * @param dependents the objects that reference it (needed while it is being deleted with one
     *     of the collector's finalizers, or when none of its owners stays)
     * @return the writes, in order; empty when there is nothing to do
     */
    public static List<GcAction> plan(HasMetadata object, Map<String, OwnerState> owners, List<HasMetadata> dependents) {
        String uid = object.getMetadata().getUid();
        List<String> finalizers = object.getMetadata().getFinalizers() == null ? List.of() : object.getMetadata().getFinalizers();
        boolean deleting = object.getMetadata().getDeletionTimestamp() != null;
        List<GcAction> actions = new ArrayList<>();
        if (deleting && finalizers.contains(ORPHAN)) {
            dependents.forEach(d -> actions.add(new GcAction.Orphan(d)));
            actions.add(new GcAction.RemoveFinalizer(ORPHAN));
            return actions;
        }
        if (deleting && finalizers.contains(FOREGROUND)) {
            List<HasMetadata> blocking = dependents.stream().filter(d -> blocks(d, uid)).toList();
            if (blocking.isEmpty()) {
                actions.add(new GcAction.RemoveFinalizer(FOREGROUND));
            }
            blocking.stream().filter(d -> d.getMetadata().getDeletionTimestamp() == null)
                    .forEach(d -> actions.add(new GcAction.DeleteDependent(d)));
            return actions;
        }
        if (deleting) {
            return actions;
        }
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences() == null ? List.of()
                : object.getMetadata().getOwnerReferences();
        if (refs.isEmpty()) {
            return actions;
        }
        List<String> solid = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (OwnerReference r : refs) {
            OwnerState s = owners.getOrDefault(r.getUid(), OwnerState.UNKNOWN);
            switch (s) {
                case UNKNOWN -> {
                    return actions; // as the collector with an owner kind it cannot resolve: nothing, for now
                }
                case PRESENT -> solid.add(r.getUid());
                case ABSENT, DELETING_DEPENDENTS -> gone.add(r.getUid());
            }
        }
        if (!solid.isEmpty()) {
            if (!gone.isEmpty()) {
                actions.add(new GcAction.RemoveOwnerReferences(gone));
            }
            return actions;
        }
        boolean ownerWaits = refs.stream().anyMatch(r -> owners.get(r.getUid()) == OwnerState.DELETING_DEPENDENTS);
        String policy = finalizers.contains(ORPHAN) ? "Orphan"
                : (ownerWaits && !dependents.isEmpty()) || finalizers.contains(FOREGROUND) ? "Foreground" : "Background";
        actions.add(new GcAction.DeleteSelf(policy));
        return actions;
    }

    /** A dependent blocks its owner's foreground deletion when its reference says {@code blockOwnerDeletion}. */
    private static boolean blocks(HasMetadata dependent, String ownerUid) {
        return dependent.getMetadata().getOwnerReferences() != null && dependent.getMetadata().getOwnerReferences().stream()
                .anyMatch(r -> ownerUid.equals(r.getUid()) && Boolean.TRUE.equals(r.getBlockOwnerDeletion()));
    }
}

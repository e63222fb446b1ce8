package io.pod4j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.pod4j.controllers.history.ControllerHistory;
import java.util.List;

/**
 * What one sync of a StatefulSet does, decided by {@link StatefulSetPlanner}, in this order.
 *
 * @param adopt orphans the selector matches, named as members: they get the set as controller
 * @param release pods the set controls that its selector no longer matches: they lose the reference
 * @param revisions the update revision, and the revision to create or renumber
 * @param createClaims claims of volumeClaimTemplates missing for pods to be (or already) made
 * @param claimOwners owner references to add to claims (persistentVolumeClaimRetentionPolicy)
 * @param createPods pods to create, in ordinal order
 * @param deletePods pods to delete: failed ones, condemned ones (scale down) and outdated ones (update)
 * @param deleteRevisions revisions beyond revisionHistoryLimit
 * @param status the status to write
 * @param recheck when to look again though nothing changes (a Ready pod becoming available after minReadySeconds)
 */
public record StatefulSetPlan(List<Pod> adopt, List<Pod> release, ControllerHistory.Revisions revisions, List<PersistentVolumeClaim> createClaims,
        List<ClaimOwner> claimOwners, List<Pod> createPods, List<Pod> deletePods, List<ControllerRevision> deleteRevisions,
        StatefulSetStatus status, java.util.Optional<java.time.Duration> recheck) {

    /**
     * An owner reference a claim gets.
     *
     * @param claim the claim
     * @param owner the StatefulSet (whenDeleted: Delete) or the condemned pod (whenScaled: Delete)
     */
    public record ClaimOwner(PersistentVolumeClaim claim, OwnerReference owner) {
    }
}

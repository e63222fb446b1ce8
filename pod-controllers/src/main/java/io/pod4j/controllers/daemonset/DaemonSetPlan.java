package io.pod4j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.pod4j.controllers.history.ControllerHistory;
import java.util.List;

/**
 * What one sync of a DaemonSet does, decided by {@link DaemonSetPlanner}.
 *
 * @param revisions the update revision, and the revision to create or renumber
 * @param createPods one pod for each node that should run one and has none
 * @param deletePods pods on nodes that should not run one, surplus and failed pods, and outdated pods (update)
 * @param deleteRevisions revisions beyond revisionHistoryLimit
 * @param status the status to write
 * @param recheck when to look again though nothing changes (a Ready pod becoming available after minReadySeconds)
 */
public record DaemonSetPlan(ControllerHistory.Revisions revisions, List<Pod> createPods, List<Pod> deletePods,
        List<ControllerRevision> deleteRevisions, DaemonSetStatus status, java.util.Optional<java.time.Duration> recheck) {
}

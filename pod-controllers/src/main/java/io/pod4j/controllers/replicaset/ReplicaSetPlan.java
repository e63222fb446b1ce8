package io.pod4j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one sync of a ReplicaSet does, decided by {@link ReplicaSetPlanner}.
 *
 * @param adopt orphans the selector matches: they get the ReplicaSet as controller
 * @param release pods it controls that its selector no longer matches: they lose the reference
 * @param create how many pods to create from the template
 * @param delete the pods to delete, the least valuable first
 * @param status the status to write, counted from the pods it controls now
 * @param recheck when to look again though nothing changes (a pod becoming available)
 */
public record ReplicaSetPlan(List<Pod> adopt, List<Pod> release, int create, List<Pod> delete, ReplicaSetStatus status,
        Optional<Duration> recheck) {
}

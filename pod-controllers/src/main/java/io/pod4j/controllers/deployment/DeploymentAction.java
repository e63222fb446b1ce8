package io.pod4j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;

/** One write of a Deployment's sync, in the order {@link DeploymentPlanner} decided it. */
public sealed interface DeploymentAction {

    /** Make the Deployment the ReplicaSet's controller. */
    record Adopt(ReplicaSet replicaSet) implements DeploymentAction {
    }

    /** Remove the Deployment's reference from a ReplicaSet its selector no longer matches. */
    record Release(ReplicaSet replicaSet) implements DeploymentAction {
    }

    /** Create the new ReplicaSet (its name carries the template's hash). */
    record Create(ReplicaSet replicaSet) implements DeploymentAction {
    }

    /** Write a ReplicaSet's replicas and annotations (a scale, a revision). */
    record Update(ReplicaSet replicaSet) implements DeploymentAction {
    }

    /** Delete an old ReplicaSet beyond {@code revisionHistoryLimit}. */
    record Delete(ReplicaSet replicaSet) implements DeploymentAction {
    }

    /** An event on the Deployment, e.g. {@code ScalingReplicaSet}. */
    record Event(String type, String reason, String message) implements DeploymentAction {
    }
}

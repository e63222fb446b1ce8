package io.pod4j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one sync of a Deployment does, decided by {@link DeploymentPlanner}.
 *
 * @param actions the ReplicaSet writes and events, in order
 * @param status the Deployment's status after them
 * @param annotations the Deployment's annotations after them (its revision)
 * @param recheck when to look again though nothing changes (the progress deadline)
 */
public record DeploymentPlan(List<DeploymentAction> actions, DeploymentStatus status, Map<String, String> annotations,
        Optional<Duration> recheck) {
}

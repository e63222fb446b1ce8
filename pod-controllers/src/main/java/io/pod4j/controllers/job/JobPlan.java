package io.pod4j.controllers.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one sync of a Job does, decided by {@link JobPlanner}.
 *
 * @param create the pods to create, made from the template (with their completion index when Indexed)
 * @param delete the active pods to delete (too many, suspended, or the Job failed)
 * @param status the Job's status after them (as it was, possibly null, for a Job managed elsewhere)
 * @param events the events to record, each {@code type, reason, message}
 * @param deleteJob whether ttlSecondsAfterFinished has passed: the Job goes, its pods with it
 * @param recheck when to look again though nothing changes (a back-off, a deadline, a TTL)
 */
public record JobPlan(List<Pod> create, List<Pod> delete, JobStatus status, List<String[]> events, boolean deleteJob,
        Optional<Duration> recheck) {
}

package io.pod4j.controllers.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one sync of a CronJob does, decided by {@link CronJobPlanner}.
 *
 * @param create the Job to create for the schedule time that came, if any
 * @param delete Jobs to delete: active ones a {@code Replace} policy replaces, finished ones beyond the history limits
 * @param status the CronJob's status after them (active Jobs, last schedule and success times)
 * @param events the events to record, each {@code type, reason, message}
 * @param recheck when the next schedule time comes
 */
public record CronJobPlan(Optional<Job> create, List<Job> delete, CronJobStatus status, List<String[]> events,
        Optional<Duration> recheck) {
}

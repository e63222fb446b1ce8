package io.pod4j.controllers.cronjob;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.pod4j.api.build.Copies;
import io.pod4j.api.cron.CronSchedule;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The CronJob controller's decision ({@code syncCronJob}), pure: the CronJob, the Jobs it owns and
 * the time → the Job for the latest schedule time that came (named {@code NAME-<minutes since the
 * epoch>}), respecting {@code suspend}, {@code startingDeadlineSeconds} and
 * {@code concurrencyPolicy} (Allow, Forbid, Replace); finished Jobs beyond the history limits to
 * delete; the status (active Jobs, lastScheduleTime, lastSuccessfulTime) and events.
 */
public final class CronJobPlanner {

    static final String SCHEDULED = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    private CronJobPlanner() {
    }

    public static CronJobPlan plan(CronJob cj, List<Job> jobs, Instant now) {
        CronJobStatus s = cj.getStatus() == null ? new CronJobStatus() : new CronJobStatusBuilder(cj.getStatus()).build();
        List<String[]> events = new ArrayList<>();
        List<Job> delete = new ArrayList<>();
        List<ObjectReference> active = new ArrayList<>();
        List<String> wasActive = s.getActive() == null ? List.of() : s.getActive().stream().map(ObjectReference::getUid).toList();
        for (Job j : jobs) {
            Optional<String> finished = finished(j);
            if (finished.isEmpty()) {
                active.add(reference(j));
            } else {
                if (wasActive.contains(j.getMetadata().getUid())) {
                    events.add(new String[] {"Normal", "SawCompletedJob", "Saw completed job: " + j.getMetadata().getName()
                            + ", condition: " + finished.get()});
                }
                if ("Complete".equals(finished.get()) && j.getStatus().getCompletionTime() != null
                        && (s.getLastSuccessfulTime() == null
                        || j.getStatus().getCompletionTime().compareTo(s.getLastSuccessfulTime()) > 0)) {
                    s.setLastSuccessfulTime(j.getStatus().getCompletionTime());
                }
            }
        }
        s.setActive(active.isEmpty() ? null : active);
        history(cj, jobs, "Complete", cj.getSpec().getSuccessfulJobsHistoryLimit(), delete);
        history(cj, jobs, "Failed", cj.getSpec().getFailedJobsHistoryLimit(), delete);
        if (cj.getMetadata().getDeletionTimestamp() != null || Boolean.TRUE.equals(cj.getSpec().getSuspend())) {
            return new CronJobPlan(Optional.empty(), delete, s, events, Optional.empty());
        }
        String timeZone = cj.getSpec().getTimeZone();
        Optional<ZoneId> named = timeZone == null ? Optional.of(ZoneOffset.UTC) : CronSchedule.zone(timeZone);
        if (named.isEmpty()) {
            events.add(new String[] {"Warning", "UnknownTimeZone", "invalid timeZone: \"" + timeZone
                    + "\": unknown time zone " + timeZone});
            return new CronJobPlan(Optional.empty(), delete, s, events, Optional.empty());
        }
        CronSchedule schedule;
        try {
            schedule = CronSchedule.parse(cj.getSpec().getSchedule());
        } catch (IllegalArgumentException e) {
            events.add(new String[] {"Warning", "UnparseableSchedule", "unparseable schedule: \"" + cj.getSpec().getSchedule()
                    + "\" : " + e.getMessage()});
            return new CronJobPlan(Optional.empty(), delete, s, events, Optional.empty());
        }
        ZoneId zone = schedule.zone().orElse(named.get()); // a TZ= prefix wins, as formatSchedule lets it
        Optional<Duration> next = schedule.next(now, zone).map(t -> Duration.between(now, t).plusMillis(100));
        Instant earliest = Instant.parse(s.getLastScheduleTime() != null ? s.getLastScheduleTime()
                : cj.getMetadata().getCreationTimestamp());
        Long deadline = cj.getSpec().getStartingDeadlineSeconds();
        if (deadline != null && earliest.isBefore(now.minusSeconds(deadline))) {
            earliest = now.minusSeconds(deadline);
        }
        int[] missed = new int[1];
        Optional<Instant> scheduled = schedule.lastBetween(earliest, now, zone, missed);
        if (missed[0] > 100) {
            events.add(new String[] {"Warning", "TooManyMissedTimes", "too many missed start times: " + missed[0]
                    + ". Set or decrease .spec.startingDeadlineSeconds or check clock skew"});
        }
        if (scheduled.isEmpty()) {
            return new CronJobPlan(Optional.empty(), delete, s, events, next);
        }
        Instant t = scheduled.get();
        String name = cj.getMetadata().getName() + "-" + t.getEpochSecond() / 60;
        boolean created = jobs.stream().anyMatch(j -> j.getMetadata().getName().equals(name))
                || time(t).equals(s.getLastScheduleTime());
        if (created) {
            return new CronJobPlan(Optional.empty(), delete, s, events, next);
        }
        if ("Forbid".equals(cj.getSpec().getConcurrencyPolicy()) && !active.isEmpty()) {
            events.add(new String[] {"Normal", "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid"});
            return new CronJobPlan(Optional.empty(), delete, s, events, next);
        }
        if ("Replace".equals(cj.getSpec().getConcurrencyPolicy())) {
            for (Job j : jobs) {
                if (finished(j).isEmpty()) {
                    delete.add(j);
                }
            }
            s.setActive(null);
            active.clear();
        }
        Job job = job(cj, name, t, zone);
        s.setLastScheduleTime(time(t));
        List<ObjectReference> withNew = new ArrayList<>(active);
        withNew.add(new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName(name)
                .withNamespace(cj.getMetadata().getNamespace()).build());
        s.setActive(withNew);
        return new CronJobPlan(Optional.of(job), delete, s, events, next);
    }

    /** The Job for one schedule time, from the Job template (the controller's {@code getJobFromTemplate2}). */
    private static Job job(CronJob cj, String name, Instant scheduled, ZoneId zone) {
        var template = cj.getSpec().getJobTemplate();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(cj.getMetadata().getNamespace());
        ObjectMeta t = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        meta.setLabels(t.getLabels() == null ? null : new LinkedHashMap<>(t.getLabels()));
        LinkedHashMap<String, String> annotations = t.getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(t.getAnnotations());
        annotations.put(SCHEDULED, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(scheduled.atZone(zone)));
        meta.setAnnotations(annotations);
        meta.setOwnerReferences(new ArrayList<>(List.of(OwnerRefs.controllerRef(ResourceTypes.CRON_JOBS, cj))));
        Job job = new Job();
        job.setApiVersion("batch/v1");
        job.setKind("Job");
        job.setMetadata(meta);
        job.setSpec(Copies.of(template.getSpec()));
        return job;
    }

    /** Finished Jobs of one kind beyond the limit, the oldest first. */
    private static void history(CronJob cj, List<Job> jobs, String condition, Integer limit, List<Job> delete) {
        if (limit == null) {
            return;
        }
        List<Job> done = new ArrayList<>(jobs.stream().filter(j -> finished(j).filter(condition::equals).isPresent()).toList());
        done.sort(Comparator.comparing((Job j) -> j.getStatus().getStartTime() == null ? "" : j.getStatus().getStartTime()));
        for (int i = 0; i < done.size() - limit; i++) {
            delete.add(done.get(i));
        }
    }

    private static Optional<String> finished(Job j) {
        List<JobCondition> cs = j.getStatus() == null || j.getStatus().getConditions() == null ? List.of()
                : j.getStatus().getConditions();
        return cs.stream().filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .map(JobCondition::getType).findFirst();
    }

    private static ObjectReference reference(Job j) {
        return new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job").withName(j.getMetadata().getName())
                .withNamespace(j.getMetadata().getNamespace()).withUid(j.getMetadata().getUid())
                .withResourceVersion(j.getMetadata().getResourceVersion()).build();
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}

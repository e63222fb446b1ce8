package io.pod4j.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.store.ResourceTypes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronJobPlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:30Z");

    static CronJob cronJob(String schedule, String policy) {
        return new CronJobBuilder().withNewMetadata().withName("tick").withNamespace("default").withUid("uid-tick")
                .withCreationTimestamp("2026-12-03T11:58:10Z").endMetadata()
                .withNewSpec().withSchedule(schedule).withConcurrencyPolicy(policy).withSuspend(false)
                .withSuccessfulJobsHistoryLimit(3).withFailedJobsHistoryLimit(1)
                .withNewJobTemplate().withNewMetadata().addToLabels("app", "tick").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c")
                .withImage("busybox").endContainer().endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    }

    private static Job running(CronJob cj, String name) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                .addToOwnerReferences(OwnerRefs.controllerRef(ResourceTypes.CRON_JOBS, cj)).endMetadata()
                .withNewStatus().withActive(1).endStatus().build();
    }

    @Test
    void createsTheJobOfTheLatestScheduleTimeNamedByItsMinute() {
        CronJobPlan plan = CronJobPlanner.plan(cronJob("* * * * *", "Allow"), List.of(), NOW);

        Job job = plan.create().orElseThrow();
        assertThat(job.getMetadata().getName()).isEqualTo("tick-" + Instant.parse("2026-12-03T12:00:00Z").getEpochSecond() / 60);
        assertThat(job.getMetadata().getLabels()).containsEntry("app", "tick");
        assertThat(job.getMetadata().getAnnotations()).containsEntry(CronJobPlanner.SCHEDULED, "2026-12-03T12:00:00Z");
        assertThat(job.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("CronJob");
        assertThat(plan.status().getLastScheduleTime()).isEqualTo("2026-12-03T12:00:00Z");
        assertThat(plan.status().getActive()).hasSize(1);
        assertThat(plan.recheck()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isEqualTo(30));
    }

    @Test
    void forbidSkipsWhileAJobRunsAndReplaceDeletesIt() {
        CronJob forbid = cronJob("* * * * *", "Forbid");
        Job previous = running(forbid, "tick-1");

        assertThat(CronJobPlanner.plan(forbid, List.of(previous), NOW).create()).isEmpty();
        CronJobPlan replace = CronJobPlanner.plan(cronJob("* * * * *", "Replace"), List.of(previous), NOW);
        assertThat(replace.delete()).containsExactly(previous);
        assertThat(replace.create()).isPresent();
    }

    @Test
    void aSuspendedCronJobCreatesNothing() {
        CronJob suspended = new CronJobBuilder(cronJob("* * * * *", "Allow")).editSpec().withSuspend(true).endSpec().build();

        assertThat(CronJobPlanner.plan(suspended, List.of(), NOW).create()).isEmpty();
    }

    @Test
    void aScheduleTimeAlreadyServedIsNotServedAgain() {
        CronJob cj = new CronJobBuilder(cronJob("* * * * *", "Allow")).withNewStatus()
                .withLastScheduleTime("2026-12-03T12:00:00Z").endStatus().build();

        assertThat(CronJobPlanner.plan(cj, List.of(), NOW).create()).isEmpty();
    }

    @Test
    void forbidSaysWhyItSkipsAScheduleTime() {
        CronJob forbid = cronJob("* * * * *", "Forbid");

        CronJobPlan plan = CronJobPlanner.plan(forbid, List.of(running(forbid, "tick-1")), NOW);

        assertThat(plan.events()).extracting(e -> e[1] + ": " + e[2]).containsExactly(
                "JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid");
        assertThat(plan.status().getLastScheduleTime()).as("the time stays unserved").isNull();
    }

    @Test
    void aScheduleTimeOlderThanStartingDeadlineSecondsIsMissedNotRun() {
        CronJob late = new CronJobBuilder(cronJob("* * * * *", "Allow")).editSpec().withStartingDeadlineSeconds(10L).endSpec().build();
        CronJob inTime = new CronJobBuilder(late).editSpec().withStartingDeadlineSeconds(60L).endSpec().build();

        assertThat(CronJobPlanner.plan(late, List.of(), NOW).create()).as("12:00:00 is 30 s ago").isEmpty();
        assertThat(CronJobPlanner.plan(inTime, List.of(), NOW).create()).isPresent();
    }

    @Test
    void aCompletedJobSetsLastSuccessfulTimeAndIsReported() {
        CronJob cj = new CronJobBuilder(cronJob("0 0 1 1 *", "Allow")).withNewStatus().addNewActive().withName("tick-1")
                .withUid("uid-tick-1").endActive().endStatus().build();
        Job done = new JobBuilder(running(cj, "tick-1")).withNewStatus().withCompletionTime("2026-12-03T11:59:00Z")
                .addNewCondition().withType("SuccessCriteriaMet").withStatus("True").endCondition()
                .addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus().build();

        CronJobPlan plan = CronJobPlanner.plan(cj, List.of(done), NOW);

        assertThat(plan.status().getLastSuccessfulTime()).isEqualTo("2026-12-03T11:59:00Z");
        assertThat(plan.status().getActive()).isNull();
        assertThat(plan.events()).extracting(e -> e[2]).containsExactly("Saw completed job: tick-1, condition: Complete");
    }

    @Test
    void theScheduleRunsInItsTimeZone() {
        CronJob tokyo = new CronJobBuilder(cronJob("0 21 * * *", "Allow")).editSpec().withTimeZone("Asia/Tokyo").endSpec().build();

        CronJobPlan plan = CronJobPlanner.plan(tokyo, List.of(), NOW);

        assertThat(plan.create()).as("21:00 in Tokyo is 12:00 UTC").hasValueSatisfying(j -> assertThat(j.getMetadata()
                .getAnnotations()).containsEntry(CronJobPlanner.SCHEDULED, "2026-12-03T21:00:00+09:00"));
    }

    @Test
    void anUnknownTimeZoneIsReportedAndNothingRuns() {
        CronJob mars = new CronJobBuilder(cronJob("* * * * *", "Allow")).editSpec().withTimeZone("Mars/Olympus").endSpec().build();

        CronJobPlan plan = CronJobPlanner.plan(mars, List.of(), NOW);

        assertThat(plan.create()).isEmpty();
        assertThat(plan.events()).extracting(e -> e[1]).containsExactly("UnknownTimeZone");
    }
}

package io.pod4j.controllers.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.store.ResourceTypes;
import java.time.Instant;
import java.time.ZoneOffset;
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
    void parsesCronFieldsAsTheControllerDoes() {
        CronSchedule every5 = CronSchedule.parse("*/5 * * * *");
        assertThat(every5.next(Instant.parse("2026-12-03T12:01:00Z"), ZoneOffset.UTC)).hasValue(Instant.parse("2026-12-03T12:05:00Z"));
        assertThat(CronSchedule.parse("@daily").next(NOW, ZoneOffset.UTC)).hasValue(Instant.parse("2026-12-04T00:00:00Z"));
        assertThat(CronSchedule.parse("30 9 * * mon-fri").next(NOW, ZoneOffset.UTC))
                .hasValue(Instant.parse("2026-12-04T09:30:00Z"));
        assertThatThrownBy(() -> CronSchedule.parse("* * * *")).hasMessage("expected exactly 5 fields, found 4: [* * * *]");
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).hasMessageContaining("above maximum (59)");
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
}

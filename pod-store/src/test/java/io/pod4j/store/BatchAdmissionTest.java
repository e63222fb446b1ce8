package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

/** batch/v1 Jobs' per-index, policy and managedBy fields and CronJobs' schedules, refused in the API server's words. */
class BatchAdmissionTest {

    private static Job indexed(String name) {
        return new JobBuilder(WorkloadAdmissionTest.job(name)).editSpec().withCompletionMode("Indexed").withCompletions(3)
                .withParallelism(3).endSpec().build();
    }

    private static CronJob cronJob(String name, String schedule) {
        return new CronJobBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withSchedule(schedule)
                .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
                .addNewContainer().withName("c").withImage("busybox:1").endContainer().endSpec().endTemplate().endSpec()
                .endJobTemplate().endSpec().build();
    }

    @Test
    void backoffLimitPerIndexDefaultsBackoffLimitToTheMaximum() {
        Job j = store().create(new JobBuilder(indexed("pi")).editSpec().withBackoffLimitPerIndex(1).withMaxFailedIndexes(1)
                .endSpec().build());

        assertThat(j.getSpec().getBackoffLimit()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void perIndexLimitsNeedTheIndexedMode() {
        Job j = new JobBuilder(WorkloadAdmissionTest.job("pi")).editSpec().withBackoffLimitPerIndex(1).withMaxFailedIndexes(2)
                .endSpec().build();

        assertRefused(() -> store().create(j), 422, "Invalid", null).hasMessage("Job.batch \"pi\" is invalid: ["
                + "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode, "
                + "spec.maxFailedIndexes: Invalid value: 2: requires indexed completion mode]");
    }

    @Test
    void maxFailedIndexesNeedsBackoffLimitPerIndexAndAtMostCompletions() {
        Job j = new JobBuilder(indexed("pi")).editSpec().withMaxFailedIndexes(4).endSpec().build();

        assertRefused(() -> store().create(j), 422, "Invalid", null).hasMessage("Job.batch \"pi\" is invalid: ["
                + "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified, "
                + "spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions]");
    }

    @Test
    void aFailIndexRuleNeedsBackoffLimitPerIndex() {
        Job j = new JobBuilder(indexed("pi")).editSpec().withNewPodFailurePolicy().addNewRule().withAction("FailIndex")
                .withNewOnExitCodes().withOperator("In").withValues(42).endOnExitCodes().endRule().endPodFailurePolicy()
                .endSpec().build();

        assertRefused(() -> store().create(j), 422, "Invalid", null).hasMessage("Job.batch \"pi\" is invalid: "
                + "spec.podFailurePolicy.rules[0].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set");
    }

    @Test
    void podFailurePolicyRulesAreCheckedAsTheApiServerChecksThem() {
        Job j = new JobBuilder(WorkloadAdmissionTest.job("pi")).editSpec().withPodReplacementPolicy("TerminatingOrFailed")
                .withNewPodFailurePolicy()
                .addNewRule().withAction("Retry").withNewOnExitCodes().withOperator("In").withValues(0, 3, 2).endOnExitCodes().endRule()
                .addNewRule().withAction("Ignore").endRule()
                .endPodFailurePolicy().editTemplate().editSpec().withRestartPolicy("OnFailure").endSpec().endTemplate()
                .endSpec().build();

        assertRefused(() -> store().create(j), 422, "Invalid", null).hasMessage("Job.batch \"pi\" is invalid: ["
                + "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Retry\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\", "
                + "spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator, "
                + "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [0 3 2]: must be ordered, "
                + "spec.podFailurePolicy.rules[1]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required, "
                + "spec.podReplacementPolicy: Unsupported value: \"TerminatingOrFailed\": supported values: \"Failed\", "
                + "spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified]");
    }

    @Test
    void aSuccessPolicyNeedsTheIndexedModeAndIndexesWithinCompletions() {
        Job nonIndexed = new JobBuilder(WorkloadAdmissionTest.job("pi")).editSpec().withNewSuccessPolicy().addNewRule()
                .withSucceededCount(1).endRule().endSuccessPolicy().endSpec().build();
        Job badRules = new JobBuilder(indexed("pi")).editSpec().withNewSuccessPolicy()
                .addNewRule().withSucceededIndexes("0-1,5").endRule()
                .addNewRule().withSucceededIndexes("0-1").withSucceededCount(3).endRule()
                .addNewRule().endRule().endSuccessPolicy().endSpec().build();

        assertRefused(() -> store().create(nonIndexed), 422, "Invalid", null)
                .hasMessageContaining("spec.successPolicy: Invalid value: batch.SuccessPolicy{...}: requires indexed completion mode");
        assertRefused(() -> store().create(badRules), 422, "Invalid", null).hasMessage("Job.batch \"pi\" is invalid: ["
                + "spec.successPolicy.rules[0].succeededIndexes: Invalid value: \"0-1,5\": error parsing succeededIndexes: too large index: \"5\", "
                + "spec.successPolicy.rules[1].succeededCount: Invalid value: 3: must be less than or equal to 2 "
                + "(the number of indexes in the specified succeededIndexes field), "
                + "spec.successPolicy.rules[2]: Required value: at least one of succeededCount or succeededIndexes must be specified]");
    }

    @Test
    void managedByMustBeADomainPrefixedPathAndNeverChanges() {
        ObjectStore store = store();
        Job bad = new JobBuilder(WorkloadAdmissionTest.job("bad")).editSpec().withManagedBy("kueue").endSpec().build();
        Job j = store.create(new JobBuilder(WorkloadAdmissionTest.job("pi")).editSpec().withManagedBy("kueue.x-k8s.io/multikueue")
                .endSpec().build());
        j.getSpec().setManagedBy("example.com/other");

        assertRefused(() -> store.create(bad), 422, "Invalid", null).hasMessage("Job.batch \"bad\" is invalid: "
                + "spec.managedBy: Invalid value: \"kueue\": must be a domain-prefixed path (such as \"acme.io/foo\")");
        assertRefused(() -> store.update(j), 422, "Invalid", null).hasMessage("Job.batch \"pi\" is invalid: "
                + "spec.managedBy: Invalid value: \"example.com/other\": field is immutable");
    }

    @Test
    void aCronJobsScheduleIsParsedAsTheApiServerParsesIt() {
        assertRefused(() -> store().create(cronJob("tick", "* * * *")), 422, "Invalid", null).hasMessage("CronJob.batch \"tick\" is invalid: "
                + "spec.schedule: Invalid value: \"* * * *\": expected exactly 5 fields, found 4: [* * * *]");
        assertRefused(() -> store().create(cronJob("tick", "0 25 * * *")), 422, "Invalid", null)
                .hasMessageEndingWith("spec.schedule: Invalid value: \"0 25 * * *\": end of range (25) above maximum (23): 25");
        assertThat(store().create(cronJob("tick", "@hourly")).getSpec().getSchedule()).isEqualTo("@hourly");
        assertThat(store().create(cronJob("tick", "*/15 9-17 * jan-jun mon-fri")).getMetadata().getUid()).isNotNull();
    }

    @Test
    void aTzPrefixIsRefusedAsKubernetesRefusesIt() {
        assertRefused(() -> store().create(cronJob("tick", "TZ=UTC 0 * * * *")), 422, "Invalid", null).hasMessage(
                "CronJob.batch \"tick\" is invalid: spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": "
                + "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
    }

    @Test
    void aTimeZoneMustBeOneTheJdkKnowsByItsIanaName() {
        CronJob mars = new CronJobBuilder(cronJob("tick", "0 9 * * *")).editSpec().withTimeZone("Mars/Olympus").endSpec().build();
        CronJob local = new CronJobBuilder(cronJob("tick", "0 9 * * *")).editSpec().withTimeZone("Local").endSpec().build();
        CronJob berlin = new CronJobBuilder(cronJob("tick", "0 9 * * *")).editSpec().withTimeZone("Europe/Berlin").endSpec().build();

        assertRefused(() -> store().create(mars), 422, "Invalid", null).hasMessage("CronJob.batch \"tick\" is invalid: "
                + "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus");
        assertRefused(() -> store().create(local), 422, "Invalid", null).hasMessage("CronJob.batch \"tick\" is invalid: "
                + "spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones");
        assertThat(store().create(berlin).getSpec().getTimeZone()).isEqualTo("Europe/Berlin");
    }

    @Test
    void aCronJobNameLeavesRoomForTheJobsSuffix() {
        String name = "a".repeat(53);

        assertRefused(() -> store().create(cronJob(name, "@daily")), 422, "Invalid", null)
                .hasMessageEndingWith("metadata.name: Invalid value: \"" + name + "\": must be no more than 52 characters");
    }
}

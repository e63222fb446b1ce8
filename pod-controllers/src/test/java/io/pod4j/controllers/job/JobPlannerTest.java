package io.pod4j.controllers.job;

import static io.pod4j.controllers.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JobPlannerTest {

    static Job job(int completions, int parallelism, int backoffLimit) {
        return new JobBuilder().withNewMetadata().withName("pi").withNamespace("default").withUid("uid-pi").endMetadata()
                .withNewSpec().withCompletions(completions).withParallelism(parallelism).withBackoffLimit(backoffLimit)
                .withCompletionMode("NonIndexed").withSuspend(false)
                .withNewTemplate().withNewMetadata().addToLabels("job-name", "pi").endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().build();
    }

    private static Pod pod(Job job, String name, String phase, String finishedAt) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                .withCreationTimestamp("2026-12-03T11:00:00Z")
                .addToOwnerReferences(OwnerRefs.controllerRef(ResourceTypes.JOBS, job)).endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (finishedAt != null) {
            b.editStatus().addNewContainerStatus().withName("c").withNewState().withNewTerminated().withFinishedAt(finishedAt)
                    .withExitCode("Failed".equals(phase) ? 1 : 0).endTerminated().endState().endContainerStatus().endStatus();
        }
        return b.build();
    }

    private static JobCondition condition(JobPlan plan, String type) {
        return plan.status().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    @Test
    void startsParallelismPodsNamedAfterTheJob() {
        JobPlan plan = JobPlanner.plan(job(5, 2, 6), List.of(), NOW);

        assertThat(plan.create()).hasSize(2).allSatisfy(p -> {
            assertThat(p.getMetadata().getGenerateName()).isEqualTo("pi-");
            assertThat(p.getMetadata().getOwnerReferences().get(0).getController()).isTrue();
        });
        assertThat(plan.status().getActive()).isEqualTo(2);
        assertThat(plan.status().getStartTime()).isEqualTo("2026-12-03T12:00:00Z");
    }

    @Test
    void neverRunsMorePodsThanTheCompletionsLeft() {
        Job j = job(5, 2, 6);
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pods.add(pod(j, "pi-" + i, "Succeeded", "2026-12-03T11:50:00Z"));
        }

        JobPlan plan = JobPlanner.plan(j, pods, NOW);

        assertThat(plan.create()).hasSize(1);
        assertThat(plan.status().getSucceeded()).isEqualTo(4);
    }

    @Test
    void completesWithTheClustersConditionsOnceCompletionsSucceeded() {
        Job j = job(2, 2, 6);
        JobPlan plan = JobPlanner.plan(j, List.of(pod(j, "a", "Succeeded", null), pod(j, "b", "Succeeded", null)), NOW);

        assertThat(plan.create()).isEmpty();
        assertThat(condition(plan, "SuccessCriteriaMet").getReason()).isEqualTo("CompletionsReached");
        assertThat(condition(plan, "Complete")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("CompletionsReached");
            assertThat(c.getMessage()).isEqualTo("Reached expected number of succeeded pods");
        });
        assertThat(plan.status().getCompletionTime()).isEqualTo("2026-12-03T12:00:00Z");
        assertThat(plan.events()).extracting(e -> e[1]).containsExactly("Completed");
    }

    @Test
    void waitsTheBackOffBeforeReplacingAFailedPod() {
        Job j = job(1, 1, 6);
        JobPlan plan = JobPlanner.plan(j, List.of(pod(j, "a", "Failed", "2026-12-03T11:59:56Z")), NOW);

        assertThat(plan.create()).isEmpty();
        assertThat(plan.recheck()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7)));
        assertThat(JobPlanner.plan(j, List.of(pod(j, "a", "Failed", "2026-12-03T11:59:40Z")), NOW).create()).hasSize(1);
    }

    @Test
    void failsWithBackoffLimitExceededWhenFailuresPassTheLimit() {
        Job j = job(1, 1, 1);
        JobPlan plan = JobPlanner.plan(j, List.of(pod(j, "a", "Failed", "2026-12-03T11:50:00Z"),
                pod(j, "b", "Failed", "2026-12-03T11:55:00Z")), NOW);

        assertThat(plan.create()).isEmpty();
        assertThat(condition(plan, "FailureTarget").getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition(plan, "Failed")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded");
            assertThat(c.getMessage()).isEqualTo("Job has reached the specified backoff limit");
        });
        assertThat(plan.status().getFailed()).isEqualTo(2);
        assertThat(plan.status().getCompletionTime()).isNull();
    }

    @Test
    void aJobActiveLongerThanItsDeadlineFailsAndItsPodsAreDeleted() {
        Job j = new JobBuilder(job(1, 1, 6)).editSpec().withActiveDeadlineSeconds(30L).endSpec()
                .withNewStatus().withStartTime("2026-12-03T11:59:00Z").endStatus().build();
        Pod running = pod(j, "a", "Running", null);

        JobPlan plan = JobPlanner.plan(j, List.of(running), NOW);

        assertThat(plan.delete()).containsExactly(running);
        assertThat(condition(plan, "FailureTarget").getReason()).isEqualTo("DeadlineExceeded");
        assertThat(condition(plan, "FailureTarget").getMessage()).isEqualTo("Job was active longer than specified deadline");
    }

    @Test
    void aSuspendedJobDeletesItsActivePods() {
        Job j = new JobBuilder(job(1, 1, 6)).editSpec().withSuspend(true).endSpec().build();
        Pod running = pod(j, "a", "Running", null);

        JobPlan plan = JobPlanner.plan(j, List.of(running), NOW);

        assertThat(plan.delete()).containsExactly(running);
        assertThat(condition(plan, "Suspended").getReason()).isEqualTo("JobSuspended");
    }

    @Test
    void indexedPodsCarryTheirIndexAndCompletedIndexesAreRanges() {
        Job j = new JobBuilder(job(3, 3, 6)).editSpec().withCompletionMode("Indexed").endSpec().build();

        JobPlan plan = JobPlanner.plan(j, List.of(), NOW);

        assertThat(plan.create()).extracting(p -> p.getMetadata().getAnnotations().get(JobIndexes.INDEX)).containsExactly("0", "1", "2");
        assertThat(plan.create().get(1).getMetadata().getGenerateName()).isEqualTo("pi-1-");
        assertThat(plan.create().get(0).getSpec().getContainers().get(0).getEnv().get(0).getName()).isEqualTo("JOB_COMPLETION_INDEX");
        assertThat(JobIndexes.ranges(new TreeSet<>(List.of(0, 1, 2, 4, 6, 7)))).isEqualTo("0-2,4,6-7");
    }

    @Test
    void aFinishedJobIsDeletedOnceItsTtlPasses() {
        Job j = new JobBuilder(job(1, 1, 6)).editSpec().withTtlSecondsAfterFinished(5).endSpec().withNewStatus()
                .withCompletionTime("2026-12-03T11:59:50Z").addNewCondition().withType("Complete").withStatus("True")
                .withLastTransitionTime("2026-12-03T11:59:50Z").endCondition().endStatus().build();

        assertThat(JobPlanner.plan(j, List.of(), NOW).deleteJob()).isTrue();
        Job fresh = new JobBuilder(j).editSpec().withTtlSecondsAfterFinished(60).endSpec().build();
        assertThat(JobPlanner.plan(fresh, List.of(), NOW).recheck()).isPresent();
    }

    private static Job withPolicy(String action, int code) {
        return new JobBuilder(job(1, 1, 0)).editSpec().withNewPodFailurePolicy().addNewRule().withAction(action)
                .withNewOnExitCodes().withOperator("In").withValues(code).endOnExitCodes().endRule().endPodFailurePolicy()
                .endSpec().build();
    }

    private static Pod exited(Job j, String name, int code) {
        Pod p = pod(j, name, "Failed", "2026-12-03T11:00:00Z");
        p.getStatus().getContainerStatuses().get(0).getState().getTerminated().setExitCode(code);
        return p;
    }

    @Test
    void aFailJobRuleFailsTheJobAtOnceInTheControllersWords() {
        Job j = withPolicy("FailJob", 42);

        JobPlan plan = JobPlanner.plan(new JobBuilder(j).editSpec().withBackoffLimit(6).endSpec().build(),
                List.of(exited(j, "a", 42)), NOW);

        assertThat(condition(plan, "Failed")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("PodFailurePolicy");
            assertThat(c.getMessage()).isEqualTo("Container c for pod default/a failed with exit code 42 matching FailJob rule at index 0");
        });
        assertThat(plan.create()).isEmpty();
    }

    @Test
    void anIgnoreRuleKeepsAFailureOutOfTheBackoffLimit() {
        Job j = withPolicy("Ignore", 137);

        JobPlan ignored = JobPlanner.plan(j, List.of(exited(j, "a", 137)), NOW);
        JobPlan counted = JobPlanner.plan(j, List.of(exited(j, "a", 1)), NOW);

        assertThat(ignored.status().getFailed()).isNull();
        assertThat(ignored.create()).hasSize(1);
        assertThat(condition(counted, "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
    }

    private static Job indexed(int completions, int parallelism) {
        return new JobBuilder(job(completions, parallelism, 6)).editSpec().withCompletionMode("Indexed").endSpec().build();
    }

    private static Job perIndex(int completions, int backoffLimitPerIndex) {
        return new JobBuilder(indexed(completions, completions)).editSpec().withBackoffLimitPerIndex(backoffLimitPerIndex)
                .withBackoffLimit(Integer.MAX_VALUE).endSpec().build();
    }

    /** A pod of an Indexed Job, with its index and (backoffLimitPerIndex) the index's failures before it. */
    private static Pod indexPod(Job j, int index, String phase, Integer failuresBefore) {
        Pod p = pod(j, "pi-" + index + "-" + phase.toLowerCase() + failuresBefore, phase,
                "Running".equals(phase) ? null : "2026-12-03T11:00:00Z");
        p.getMetadata().setAnnotations(new java.util.LinkedHashMap<>(java.util.Map.of(JobIndexes.INDEX, Integer.toString(index))));
        if (failuresBefore != null) {
            p.getMetadata().getAnnotations().put(JobIndexes.FAILURE_COUNT, failuresBefore.toString());
        }
        return p;
    }

    private static boolean hasCondition(JobPlan plan, String type) {
        return plan.status().getConditions() != null && plan.status().getConditions().stream().anyMatch(c -> type.equals(c.getType()));
    }

    @Test
    void aFailedIndexIsRetriedAloneWithItsFailureCountUntilItsOwnLimit() {
        Job j = perIndex(2, 1);

        JobPlan retry = JobPlanner.plan(j, List.of(indexPod(j, 0, "Failed", 0), indexPod(j, 1, "Running", 0)), NOW);

        assertThat(retry.create()).singleElement().satisfies(p -> {
            assertThat(p.getMetadata().getAnnotations()).containsEntry(JobIndexes.INDEX, "0").containsEntry(JobIndexes.FAILURE_COUNT, "1");
        });
        assertThat(retry.status().getFailedIndexes()).as("none failed yet, written empty as a cluster writes it").isEmpty();
        assertThat(retry.status().getFailed()).isEqualTo(1);
    }

    @Test
    void anIndexPastBackoffLimitPerIndexFailsAndTheJobFailsWithFailedIndexesOnceEveryIndexIsDone() {
        Job j = perIndex(3, 1);
        List<Pod> pods = List.of(indexPod(j, 0, "Failed", 0), indexPod(j, 0, "Failed", 1), indexPod(j, 1, "Succeeded", 0),
                indexPod(j, 2, "Running", 0));

        JobPlan running = JobPlanner.plan(j, pods, NOW);
        JobPlan done = JobPlanner.plan(j, List.of(pods.get(0), pods.get(1), pods.get(2), indexPod(j, 2, "Succeeded", 0)), NOW);

        assertThat(running.status().getFailedIndexes()).isEqualTo("0");
        assertThat(running.create()).as("a failed index gets no new pod").isEmpty();
        assertThat(hasCondition(running, "FailureTarget")).isFalse();
        assertThat(condition(done, "FailureTarget")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("FailedIndexes");
            assertThat(c.getMessage()).isEqualTo("Job has failed indexes");
        });
        assertThat(condition(done, "Failed").getReason()).isEqualTo("FailedIndexes");
        assertThat(done.status().getCompletedIndexes()).isEqualTo("1-2");
    }

    @Test
    void moreFailedIndexesThanMaxFailedIndexesFailTheJobAtOnce() {
        Job j = new JobBuilder(perIndex(3, 0)).editSpec().withMaxFailedIndexes(0).endSpec().build();
        Pod running = indexPod(j, 1, "Running", 0);

        JobPlan plan = JobPlanner.plan(j, List.of(indexPod(j, 0, "Failed", 0), running), NOW);

        assertThat(condition(plan, "FailureTarget")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("MaxFailedIndexesExceeded");
            assertThat(c.getMessage()).isEqualTo("Job has exceeded the specified maximal number of failed indexes");
        });
        assertThat(plan.delete()).containsExactly(running);
        assertThat(hasCondition(plan, "Failed")).as("Failed waits for the running pod to go").isFalse();
    }

    @Test
    void aFailIndexRuleFailsTheIndexOnItsFirstFailure() {
        Job j = new JobBuilder(perIndex(2, 3)).editSpec().withNewPodFailurePolicy().addNewRule().withAction("FailIndex")
                .withNewOnExitCodes().withOperator("In").withValues(42).endOnExitCodes().endRule().endPodFailurePolicy()
                .endSpec().build();
        Pod failed = indexPod(j, 0, "Failed", 0);
        failed.getStatus().getContainerStatuses().get(0).getState().getTerminated().setExitCode(42);

        JobPlan plan = JobPlanner.plan(j, List.of(failed, indexPod(j, 1, "Running", 0)), NOW);

        assertThat(plan.status().getFailedIndexes()).isEqualTo("0");
        assertThat(plan.create()).isEmpty();
    }

    @Test
    void aSuccessPolicyRuleMetEndsTheJobWithSuccessCriteriaMetThenComplete() {
        Job j = new JobBuilder(indexed(3, 3)).editSpec().withNewSuccessPolicy().addNewRule().withSucceededIndexes("0")
                .endRule().endSuccessPolicy().endSpec().build();
        Pod running = indexPod(j, 1, "Running", null);

        JobPlan met = JobPlanner.plan(j, List.of(indexPod(j, 0, "Succeeded", null), running), NOW);
        Job afterMet = new JobBuilder(j).withStatus(met.status()).build();
        JobPlan complete = JobPlanner.plan(afterMet, List.of(indexPod(j, 0, "Succeeded", null)), NOW);

        assertThat(condition(met, "SuccessCriteriaMet")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("SuccessPolicy");
            assertThat(c.getMessage()).isEqualTo("Matched rules at index 0");
        });
        assertThat(met.delete()).containsExactly(running);
        assertThat(hasCondition(met, "Complete")).isFalse();
        assertThat(condition(complete, "Complete")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo("SuccessPolicy");
            assertThat(c.getMessage()).isEqualTo("Matched rules at index 0");
        });
        assertThat(complete.status().getCompletionTime()).isEqualTo("2026-12-03T12:00:00Z");
    }

    @Test
    void aSucceededCountRuleCountsTheSucceededIndexes() {
        Job j = new JobBuilder(indexed(4, 4)).editSpec().withNewSuccessPolicy().addNewRule().withSucceededIndexes("1-3")
                .withSucceededCount(2).endRule().endSuccessPolicy().endSpec().build();

        JobPlan one = JobPlanner.plan(j, List.of(indexPod(j, 0, "Succeeded", null), indexPod(j, 1, "Succeeded", null)), NOW);
        JobPlan two = JobPlanner.plan(j, List.of(indexPod(j, 1, "Succeeded", null), indexPod(j, 3, "Succeeded", null)), NOW);

        assertThat(hasCondition(one, "SuccessCriteriaMet")).as("index 0 is not in the rule's indexes").isFalse();
        assertThat(condition(two, "SuccessCriteriaMet").getMessage()).isEqualTo("Matched rules at index 0");
    }

    private static Pod terminating(Job j) {
        Pod p = pod(j, "leaving", "Running", null);
        p.getMetadata().setDeletionTimestamp("2026-12-03T11:59:59Z");
        return p;
    }

    @Test
    void withPodReplacementPolicyFailedATerminatingPodIsReplacedOnlyOnceItFailed() {
        Job j = new JobBuilder(job(1, 1, 6)).editSpec().withPodReplacementPolicy("Failed").endSpec().build();

        JobPlan plan = JobPlanner.plan(j, List.of(terminating(j)), NOW);

        assertThat(plan.create()).isEmpty();
        assertThat(plan.status().getTerminating()).isEqualTo(1);
    }

    @Test
    void withPodReplacementPolicyTerminatingOrFailedATerminatingPodIsReplacedAtOnce() {
        Job j = new JobBuilder(job(1, 1, 6)).editSpec().withPodReplacementPolicy("TerminatingOrFailed").endSpec().build();

        JobPlan plan = JobPlanner.plan(j, List.of(terminating(j)), NOW);

        assertThat(plan.create()).hasSize(1);
        assertThat(plan.status().getTerminating()).isEqualTo(1);
    }

    @Test
    void aJobManagedByAnotherControllerIsLeftAlone() {
        Job j = new JobBuilder(job(2, 2, 6)).editSpec().withManagedBy("example.com/batch-scheduler").endSpec().build();

        JobPlan plan = JobPlanner.plan(j, List.of(pod(j, "a", "Failed", "2026-12-03T11:00:00Z")), NOW);

        assertThat(plan.create()).isEmpty();
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.status()).as("its status is the other controller's").isNull();
        assertThat(JobPlanner.plan(new JobBuilder(j).editSpec().withManagedBy(JobPlanner.JOB_CONTROLLER).endSpec().build(),
                List.of(), NOW).create()).as("the job controller's own name").hasSize(2);
    }

    @Test
    void aFailureTargetComesFirstAndFailedOnlyOnceNoPodIsLeftRunning() {
        Job j = job(2, 2, 0);
        Pod running = pod(j, "b", "Running", null);

        JobPlan target = JobPlanner.plan(j, List.of(pod(j, "a", "Failed", "2026-12-03T11:59:00Z"), running), NOW);

        assertThat(condition(target, "FailureTarget")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded");
        });
        assertThat(hasCondition(target, "Failed")).isFalse();
        assertThat(target.delete()).containsExactly(running);
    }
}

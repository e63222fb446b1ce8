package io.pod4j.controllers.job;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.controllers.PodStates;
import io.pod4j.controllers.PodTemplates;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The job controller's decision ({@code syncJob}), pure: the Job, its pods and the time → pods to
 * create or delete, the status (active, ready, succeeded, failed, terminating, start and
 * completion times, completedIndexes, failedIndexes) and the conditions a 1.31+ cluster writes:
 * the interim SuccessCriteriaMet ({@code CompletionsReached}, or {@code SuccessPolicy} when a rule
 * of the {@code successPolicy} is met, {@link SuccessPolicies}) then Complete with its reason once
 * no pod is left running, the interim FailureTarget ({@code BackoffLimitExceeded},
 * {@code DeadlineExceeded}, {@code PodFailurePolicy}, {@code FailedIndexes},
 * {@code MaxFailedIndexesExceeded}) then Failed likewise, Suspended ({@code JobSuspended}). Failed
 * pods go through the {@code podFailurePolicy} ({@link PodFailurePolicies}: FailJob, FailIndex,
 * Ignore, Count); with {@code backoffLimitPerIndex} each index has its own failure count
 * ({@link JobIndexes}) and fails alone. Replacements wait the controller's back-off (10 s doubling,
 * at most 6 min; per index with backoffLimitPerIndex) and, with {@code podReplacementPolicy: Failed},
 * until the pod they replace stopped terminating. ttlSecondsAfterFinished deletes a finished Job. A
 * Job whose {@code managedBy} names another controller is left alone.
 */
public final class JobPlanner {

    /** The {@code managedBy} of Jobs this controller runs (also when unset). */
    static final String JOB_CONTROLLER = "kubernetes.io/job-controller";
    private static final Duration BACKOFF = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(6);

    private final Job job;
    private final List<Pod> pods;
    private final Instant now;
    private final List<Pod> create = new ArrayList<>();
    private final List<Pod> delete = new ArrayList<>();
    private final List<String[]> events = new ArrayList<>();
    private Optional<Duration> recheck = Optional.empty();

    private JobPlanner(Job job, List<Pod> pods, Instant now) {
        this.job = job;
        this.pods = pods;
        this.now = now;
    }

    /**
     * @param job the Job as stored
     * @param pods the pods it controls (any phase)
     * @param now the time deadlines and back-offs are judged at
     */
    public static JobPlan plan(Job job, List<Pod> pods, Instant now) {
        return new JobPlanner(job, pods, now).sync();
    }

    private JobPlan sync() {
        String managedBy = job.getSpec().getManagedBy();
        if (managedBy != null && !JOB_CONTROLLER.equals(managedBy)) {
            return new JobPlan(List.of(), List.of(), job.getStatus(), List.of(), false, Optional.empty()); // its status is not ours
        }
        JobStatus old = job.getStatus() == null ? new JobStatus() : job.getStatus();
        JobStatus s = new JobStatusBuilder(old).build();
        boolean indexed = "Indexed".equals(job.getSpec().getCompletionMode());
        boolean perIndex = indexed && job.getSpec().getBackoffLimitPerIndex() != null;
        List<Pod> active = pods.stream().filter(PodStates::isActive).toList();
        List<Pod> terminatingPods = pods.stream().filter(p -> PodStates.isTerminating(p) && !finished(p)).toList();
        int terminating = terminatingPods.size();
        int succeeded = (int) pods.stream().filter(p -> "Succeeded".equals(PodStates.phase(p))).count();
        TreeSet<Integer> doneIndexes = new TreeSet<>();
        if (indexed) {
            pods.stream().filter(p -> "Succeeded".equals(PodStates.phase(p))).map(JobIndexes::index).flatMap(Optional::stream)
                    .filter(i -> i < completions()).forEach(doneIndexes::add);
            succeeded = doneIndexes.size();
        }
        int failed = 0;
        String policyFailure = null;
        TreeSet<Integer> failedIndexes = new TreeSet<>();
        for (Pod p : pods) {
            if (!"Failed".equals(PodStates.phase(p))) {
                continue;
            }
            PodFailurePolicies.Decision d = PodFailurePolicies.evaluate(job.getSpec().getPodFailurePolicy(), p);
            if (d.action() == PodFailurePolicies.Action.IGNORE) {
                continue; // not counted toward backoffLimit, nor as failed
            }
            failed++;
            if (d.action() == PodFailurePolicies.Action.FAIL_JOB && policyFailure == null) {
                policyFailure = d.message();
            }
            Optional<Integer> index = JobIndexes.index(p).filter(i -> i < completions() && !doneIndexes.contains(i));
            if (perIndex && index.isPresent() && (d.action() == PodFailurePolicies.Action.FAIL_INDEX
                    || JobIndexes.failureCount(p) >= job.getSpec().getBackoffLimitPerIndex())) {
                failedIndexes.add(index.get());
            }
        }
        JobCounts counts = new JobCounts(succeeded, failed, doneIndexes, indexed, perIndex ? failedIndexes : null);
        if (finishedCondition(s).isPresent()) {
            counts.write(s, active, terminating);
            return done(s, ttl(s));
        }
        boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
        if (suspended) {
            delete.addAll(active);
            if (setCondition(s, "Suspended", "True", "JobSuspended", "Job suspended")) {
                events.add(new String[] {"Normal", "Suspended", "Job suspended"});
            }
            s.setStartTime(null);
            counts.write(s, List.of(), terminating + active.size());
            return done(s, false);
        }
        if (conditionTrue(s, "Suspended")) {
            setCondition(s, "Suspended", "False", "JobResumed", "Job resumed");
            events.add(new String[] {"Normal", "Resumed", "Job resumed"});
            s.setStartTime(null);
        }
        if (s.getStartTime() == null) {
            s.setStartTime(time(now));
        }
        String[] failure = failureReason(s, failed, active, policyFailure);
        if (failure == null && perIndex) {
            failure = indexFailure(failedIndexes, doneIndexes);
        }
        if (failure != null) {
            if (setCondition(s, "FailureTarget", "True", failure[0], failure[1])) {
                events.add(new String[] {"Warning", failure[0], failure[1]});
            }
            delete.addAll(active);
            if (active.isEmpty() && terminating == 0) {
                setCondition(s, "Failed", "True", failure[0], failure[1]);
            }
            counts.write(s, List.of(), terminating + active.size());
            return done(s, false);
        }
        String[] success = successReason(s, succeeded, active, doneIndexes, indexed);
        if (success != null) {
            setCondition(s, "SuccessCriteriaMet", "True", success[0], success[1]);
            delete.addAll(active);
            if (active.isEmpty() && terminating == 0) {
                setCondition(s, "Complete", "True", success[0], success[1]);
                s.setCompletionTime(time(now));
                events.add(new String[] {"Normal", "Completed", "Job completed"});
            }
            counts.write(s, List.of(), terminating + active.size());
            return done(s, ttl(s));
        }
        manageActive(active, terminatingPods, succeeded, failed, doneIndexes, failedIndexes, indexed, perIndex);
        deadline(s);
        counts.write(s, active.stream().filter(p -> !delete.contains(p)).toList(), terminating + delete.size());
        s.setActive(n(s.getActive()) + create.size() == 0 ? null : n(s.getActive()) + create.size());
        return done(s, false);
    }

    private int completions() {
        return job.getSpec().getCompletions() == null ? 0 : job.getSpec().getCompletions();
    }

    private int parallelism() {
        return job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
    }

    private boolean complete(int succeeded, List<Pod> active) {
        if (job.getSpec().getCompletions() == null) {
            return succeeded > 0 && active.isEmpty();
        }
        return succeeded >= completions();
    }

    /**
     * {@code PodFailurePolicy}, {@code BackoffLimitExceeded} or {@code DeadlineExceeded} with the
     * controller's message, or null while the Job may go on.
     */
    private String[] failureReason(JobStatus s, int failed, List<Pod> active, String policyFailure) {
        Optional<JobCondition> target = condition(s, "FailureTarget");
        if (target.isPresent() && "True".equals(target.get().getStatus())) {
            return new String[] {target.get().getReason(), target.get().getMessage()};
        }
        if (policyFailure != null) {
            return new String[] {"PodFailurePolicy", policyFailure};
        }
        String backoff = "Job has reached the specified backoff limit";
        int limit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
        if (failed > limit) {
            return new String[] {"BackoffLimitExceeded", backoff};
        }
        if ("OnFailure".equals(job.getSpec().getTemplate().getSpec().getRestartPolicy())) {
            int restarts = active.stream().mapToInt(PodStates::restarts).sum();
            if (limit == 0 ? restarts > 0 : restarts >= limit) {
                return new String[] {"BackoffLimitExceeded", backoff};
            }
        }
        Long deadline = job.getSpec().getActiveDeadlineSeconds();
        if (deadline != null && s.getStartTime() != null
                && !Instant.parse(s.getStartTime()).plusSeconds(deadline).isAfter(now)) {
            return new String[] {"DeadlineExceeded", "Job was active longer than specified deadline"};
        }
        return null;
    }

    /** With backoffLimitPerIndex: too many failed indexes, or every index done and some failed. */
    private String[] indexFailure(TreeSet<Integer> failedIndexes, TreeSet<Integer> doneIndexes) {
        Integer max = job.getSpec().getMaxFailedIndexes();
        if (max != null && failedIndexes.size() > max) {
            return new String[] {"MaxFailedIndexesExceeded", "Job has exceeded the specified maximal number of failed indexes"};
        }
        if (!failedIndexes.isEmpty() && failedIndexes.size() + doneIndexes.size() >= completions()) {
            return new String[] {"FailedIndexes", "Job has failed indexes"};
        }
        return null;
    }

    /** SuccessCriteriaMet's reason and message: kept once set, else a successPolicy rule met, else completions reached. */
    private String[] successReason(JobStatus s, int succeeded, List<Pod> active, TreeSet<Integer> doneIndexes, boolean indexed) {
        Optional<JobCondition> met = condition(s, "SuccessCriteriaMet").filter(c -> "True".equals(c.getStatus()));
        if (met.isPresent()) {
            return new String[] {met.get().getReason(), met.get().getMessage()};
        }
        if (indexed) {
            Optional<String> rule = SuccessPolicies.match(job.getSpec().getSuccessPolicy(), completions(), doneIndexes);
            if (rule.isPresent()) {
                return new String[] {"SuccessPolicy", rule.get()};
            }
        }
        return complete(succeeded, active)
                ? new String[] {"CompletionsReached", "Reached expected number of succeeded pods"} : null;
    }

    private void deadline(JobStatus s) {
        Long deadline = job.getSpec().getActiveDeadlineSeconds();
        if (deadline != null && s.getStartTime() != null) {
            sooner(Duration.between(now, Instant.parse(s.getStartTime()).plusSeconds(deadline)));
        }
    }

    /**
     * Pods to create (after the failure back-off) or, beyond parallelism, to delete. With
     * {@code podReplacementPolicy: Failed} a terminating pod holds its place until it failed.
     */
    private void manageActive(List<Pod> active, List<Pod> terminating, int succeeded, int failed, TreeSet<Integer> doneIndexes,
            TreeSet<Integer> failedIndexes, boolean indexed, boolean perIndex) {
        int want;
        if (job.getSpec().getCompletions() == null) {
            want = succeeded > 0 ? 0 : parallelism();
        } else {
            want = Math.max(0, Math.min(parallelism(), completions() - succeeded - failedIndexes.size()));
        }
        if (active.size() > want) {
            List<Pod> sorted = new ArrayList<>(active);
            sorted.sort(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp() == null ? ""
                    : p.getMetadata().getCreationTimestamp()).reversed());
            delete.addAll(sorted.subList(0, active.size() - want));
            return;
        }
        List<Pod> holding = replaceOnlyFailed() ? terminating : List.of();
        int missing = want - active.size() - holding.size();
        if (missing <= 0) {
            return;
        }
        if (!perIndex) {
            Optional<Duration> wait = backOff(failed);
            if (wait.isPresent()) {
                sooner(wait.get());
                return;
            }
        }
        if (!indexed) {
            for (int i = 0; i < missing; i++) {
                create.add(PodTemplates.newPod(job.getSpec().getTemplate(), job.getMetadata().getNamespace(),
                        job.getMetadata().getName() + "-", OwnerRefs.controllerRef(ResourceTypes.JOBS, job)));
            }
            return;
        }
        TreeSet<Integer> taken = new TreeSet<>(doneIndexes);
        taken.addAll(failedIndexes);
        active.stream().map(JobIndexes::index).flatMap(Optional::stream).forEach(taken::add);
        holding.stream().map(JobIndexes::index).flatMap(Optional::stream).forEach(taken::add);
        for (int i = 0; i < completions() && missing > 0; i++) {
            if (taken.contains(i)) {
                continue;
            }
            Optional<Pod> replaced = perIndex ? lastFailed(i) : Optional.empty();
            Optional<Duration> wait = replaced.flatMap(this::indexBackOff);
            if (wait.isPresent()) {
                sooner(wait.get());
                continue;
            }
            create.add(indexedPod(i, replaced, perIndex));
            missing--;
        }
    }

    private boolean replaceOnlyFailed() {
        String policy = job.getSpec().getPodReplacementPolicy();
        return policy == null ? job.getSpec().getPodFailurePolicy() != null : "Failed".equals(policy);
    }

    /** The index's latest failed pod: the one its replacement follows. */
    private Optional<Pod> lastFailed(int index) {
        return pods.stream().filter(p -> "Failed".equals(PodStates.phase(p)) && JobIndexes.index(p).orElse(-1) == index)
                .max(Comparator.comparing((Pod p) -> JobIndexes.failureCount(p) + JobIndexes.ignoredFailureCount(p))
                        .thenComparing(JobPlanner::finishedAt));
    }

    /** The back-off before an index's replacement, by the failures of that index. */
    private Optional<Duration> indexBackOff(Pod replaced) {
        int failures = JobIndexes.failureCount(replaced) + JobIndexes.ignoredFailureCount(replaced) + 1;
        return remaining(finishedAt(replaced), failures);
    }

    /**
     * The Indexed mode's pod: its index as annotation and label, {@code JOB_COMPLETION_INDEX}, a
     * hostname under a subdomain; with backoffLimitPerIndex, the index's failures so far.
     */
    private Pod indexedPod(int index, Optional<Pod> replaced, boolean perIndex) {
        String name = job.getMetadata().getName();
        Pod p = PodTemplates.newPod(job.getSpec().getTemplate(), job.getMetadata().getNamespace(), name + "-" + index + "-",
                OwnerRefs.controllerRef(ResourceTypes.JOBS, job));
        if (p.getMetadata().getAnnotations() == null) {
            p.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
        }
        p.getMetadata().getAnnotations().put(JobIndexes.INDEX, Integer.toString(index));
        if (perIndex) {
            int failures = replaced.map(JobIndexes::failureCount).orElse(0);
            int ignored = replaced.map(JobIndexes::ignoredFailureCount).orElse(0);
            if (replaced.isPresent()) {
                boolean counted = PodFailurePolicies.evaluate(job.getSpec().getPodFailurePolicy(), replaced.get()).action()
                        != PodFailurePolicies.Action.IGNORE;
                failures += counted ? 1 : 0;
                ignored += counted ? 0 : 1;
            }
            p.getMetadata().getAnnotations().put(JobIndexes.FAILURE_COUNT, Integer.toString(failures));
            if (ignored > 0) {
                p.getMetadata().getAnnotations().put(JobIndexes.IGNORED_FAILURE_COUNT, Integer.toString(ignored));
            }
        }
        if (p.getMetadata().getLabels() == null) {
            p.getMetadata().setLabels(new java.util.LinkedHashMap<>());
        }
        p.getMetadata().getLabels().put(JobIndexes.INDEX, Integer.toString(index));
        EnvVar env = new EnvVarBuilder().withName("JOB_COMPLETION_INDEX").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['" + JobIndexes.INDEX + "']").endFieldRef().endValueFrom().build();
        p.getSpec().getContainers().forEach(c -> c.getEnv().add(0, env));
        if (p.getSpec().getInitContainers() != null) {
            p.getSpec().getInitContainers().forEach(c -> c.getEnv().add(0, env));
        }
        if (p.getSpec().getSubdomain() != null && !p.getSpec().getSubdomain().isEmpty()) {
            p.getSpec().setHostname(name + "-" + index);
        }
        return p;
    }

    /** The back-off before a replacement: 10 s after the first failure, doubling, at most 6 minutes. */
    private Optional<Duration> backOff(int failed) {
        if (failed == 0) {
            return Optional.empty();
        }
        Instant last = pods.stream().filter(p -> "Failed".equals(PodStates.phase(p))).map(JobPlanner::finishedAt)
                .max(Instant::compareTo).orElse(Instant.EPOCH);
        return remaining(last, failed);
    }

    private Optional<Duration> remaining(Instant last, int failures) {
        Duration delay = BACKOFF.multipliedBy(1L << Math.min(failures - 1, 10));
        if (delay.compareTo(MAX_BACKOFF) > 0) {
            delay = MAX_BACKOFF;
        }
        Duration left = Duration.between(now, last.plus(delay));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private static Instant finishedAt(Pod p) {
        if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
            Optional<Instant> t = p.getStatus().getContainerStatuses().stream()
                    .filter(c -> c.getState() != null && c.getState().getTerminated() != null
                            && c.getState().getTerminated().getFinishedAt() != null)
                    .map(c -> Instant.parse(c.getState().getTerminated().getFinishedAt())).max(Instant::compareTo);
            if (t.isPresent()) {
                return t.get();
            }
        }
        return p.getMetadata().getCreationTimestamp() == null ? Instant.EPOCH : Instant.parse(p.getMetadata().getCreationTimestamp());
    }

    /** ttlSecondsAfterFinished: whether the finished Job is due for deletion; otherwise when it will be. */
    private boolean ttl(JobStatus s) {
        Integer ttl = job.getSpec().getTtlSecondsAfterFinished();
        Optional<JobCondition> finished = finishedCondition(s);
        if (ttl == null || finished.isEmpty()) {
            return false;
        }
        String at = s.getCompletionTime() != null ? s.getCompletionTime() : finished.get().getLastTransitionTime();
        Instant expires = Instant.parse(at).plusSeconds(ttl);
        if (!expires.isAfter(now)) {
            return true;
        }
        sooner(Duration.between(now, expires));
        return false;
    }

    private void sooner(Duration d) {
        Duration wait = d.isNegative() ? Duration.ZERO : d.plusMillis(50);
        if (recheck.isEmpty() || wait.compareTo(recheck.get()) < 0) {
            recheck = Optional.of(wait);
        }
    }

    private JobPlan done(JobStatus s, boolean deleteJob) {
        if (s.getConditions() != null && s.getConditions().isEmpty()) {
            s.setConditions(null);
        }
        return new JobPlan(List.copyOf(create), List.copyOf(delete), s, List.copyOf(events), deleteJob, recheck);
    }

    private static boolean finished(Pod p) {
        String phase = PodStates.phase(p);
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    private static Optional<JobCondition> condition(JobStatus s, String type) {
        return s.getConditions() == null ? Optional.empty()
                : s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static boolean conditionTrue(JobStatus s, String type) {
        return condition(s, type).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    private static Optional<JobCondition> finishedCondition(JobStatus s) {
        return s.getConditions() == null ? Optional.empty() : s.getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .findFirst();
    }

    /** @return whether the condition changed (a new status or reason) */
    private boolean setCondition(JobStatus s, String type, String status, String reason, String message) {
        Optional<JobCondition> current = condition(s, type);
        if (current.isPresent() && status.equals(current.get().getStatus()) && reason.equals(current.get().getReason())) {
            return false;
        }
        List<JobCondition> all = s.getConditions() == null ? new ArrayList<>() : new ArrayList<>(s.getConditions());
        all.removeIf(c -> type.equals(c.getType()));
        all.add(new JobConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastProbeTime(time(now)).withLastTransitionTime(time(now)).build());
        s.setConditions(all);
        return true;
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}

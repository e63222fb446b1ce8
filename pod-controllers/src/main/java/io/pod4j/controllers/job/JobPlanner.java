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
 * completion times, completedIndexes) and the conditions a cluster writes: SuccessCriteriaMet and
 * Complete ({@code CompletionsReached}), FailureTarget and Failed ({@code BackoffLimitExceeded},
 * {@code DeadlineExceeded}, {@code PodFailurePolicy}), Suspended ({@code JobSuspended}); failed pods
 * go through the {@code podFailurePolicy} ({@link PodFailurePolicies}). Replacement pods after failures wait
 * the controller's back-off (10 s doubling, at most 6 min); ttlSecondsAfterFinished deletes a
 * finished Job.
 */
public final class JobPlanner {

    static final String INDEX = "batch.kubernetes.io/job-completion-index";
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
        JobStatus old = job.getStatus() == null ? new JobStatus() : job.getStatus();
        JobStatus s = new JobStatusBuilder(old).build();
        List<Pod> active = pods.stream().filter(PodStates::isActive).toList();
        int succeeded = (int) pods.stream().filter(p -> "Succeeded".equals(PodStates.phase(p))).count();
        int failed = 0;
        String policyFailure = null;
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
        }
        int terminating = (int) pods.stream().filter(p -> PodStates.isTerminating(p) && !finished(p)).count();
        boolean indexed = "Indexed".equals(job.getSpec().getCompletionMode());
        TreeSet<Integer> doneIndexes = new TreeSet<>();
        if (indexed) {
            pods.stream().filter(p -> "Succeeded".equals(PodStates.phase(p))).map(JobPlanner::index).flatMap(Optional::stream)
                    .filter(i -> i < completions()).forEach(doneIndexes::add);
            succeeded = doneIndexes.size();
        }
        if (finishedCondition(s).isPresent()) {
            counts(s, active, succeeded, failed, terminating, doneIndexes, indexed);
            return done(s, ttl(s));
        }
        boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
        if (suspended) {
            delete.addAll(active);
            if (setCondition(s, "Suspended", "True", "JobSuspended", "Job suspended")) {
                events.add(new String[] {"Normal", "Suspended", "Job suspended"});
            }
            s.setStartTime(null);
            counts(s, List.of(), succeeded, failed, terminating + active.size(), doneIndexes, indexed);
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
        String[] reasonAndMessage = failureReason(s, failed, active, policyFailure);
        if (reasonAndMessage != null) {
            String failure = reasonAndMessage[0];
            String message = reasonAndMessage[1];
            if (setCondition(s, "FailureTarget", "True", failure, message)) {
                events.add(new String[] {"Warning", failure, message});
            }
            delete.addAll(active);
            if (active.isEmpty() && terminating == 0) {
                setCondition(s, "Failed", "True", failure, message);
            }
            counts(s, List.of(), succeeded, failed, terminating + active.size(), doneIndexes, indexed);
            return done(s, false);
        }
        if (complete(succeeded, active)) {
            setCondition(s, "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods");
            delete.addAll(active);
            if (active.isEmpty() && terminating == 0) {
                setCondition(s, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods");
                s.setCompletionTime(time(now));
                events.add(new String[] {"Normal", "Completed", "Job completed"});
            }
            counts(s, List.of(), succeeded, failed, terminating + active.size(), doneIndexes, indexed);
            return done(s, ttl(s));
        }
        manageActive(active, succeeded, failed, doneIndexes, indexed);
        deadline(s);
        counts(s, active.stream().filter(p -> !delete.contains(p)).toList(), succeeded, failed,
                terminating + delete.size(), doneIndexes, indexed);
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

    private void deadline(JobStatus s) {
        Long deadline = job.getSpec().getActiveDeadlineSeconds();
        if (deadline != null && s.getStartTime() != null) {
            sooner(Duration.between(now, Instant.parse(s.getStartTime()).plusSeconds(deadline)));
        }
    }

    /** Pods to create (after the failure back-off) or, beyond parallelism, to delete. */
    private void manageActive(List<Pod> active, int succeeded, int failed, TreeSet<Integer> doneIndexes, boolean indexed) {
        int want;
        if (job.getSpec().getCompletions() == null) {
            want = succeeded > 0 ? 0 : parallelism();
        } else {
            want = Math.max(0, Math.min(parallelism(), completions() - succeeded));
        }
        if (active.size() > want) {
            List<Pod> sorted = new ArrayList<>(active);
            sorted.sort(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp() == null ? ""
                    : p.getMetadata().getCreationTimestamp()).reversed());
            delete.addAll(sorted.subList(0, active.size() - want));
            return;
        }
        int missing = want - active.size();
        if (missing == 0) {
            return;
        }
        Optional<Duration> wait = backOff(failed);
        if (wait.isPresent()) {
            sooner(wait.get());
            return;
        }
        if (!indexed) {
            for (int i = 0; i < missing; i++) {
                create.add(PodTemplates.newPod(job.getSpec().getTemplate(), job.getMetadata().getNamespace(),
                        job.getMetadata().getName() + "-", OwnerRefs.controllerRef(ResourceTypes.JOBS, job)));
            }
            return;
        }
        TreeSet<Integer> taken = new TreeSet<>(doneIndexes);
        active.stream().map(JobPlanner::index).flatMap(Optional::stream).forEach(taken::add);
        for (int i = 0; i < completions() && missing > 0; i++) {
            if (!taken.contains(i)) {
                create.add(indexedPod(i));
                missing--;
            }
        }
    }

    /** The Indexed mode's pod: its index as annotation and label, {@code JOB_COMPLETION_INDEX}, and a hostname under a subdomain. */
    private Pod indexedPod(int index) {
        String name = job.getMetadata().getName();
        Pod p = PodTemplates.newPod(job.getSpec().getTemplate(), job.getMetadata().getNamespace(), name + "-" + index + "-",
                OwnerRefs.controllerRef(ResourceTypes.JOBS, job));
        if (p.getMetadata().getAnnotations() == null) {
            p.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
        }
        p.getMetadata().getAnnotations().put(INDEX, Integer.toString(index));
        if (p.getMetadata().getLabels() == null) {
            p.getMetadata().setLabels(new java.util.LinkedHashMap<>());
        }
        p.getMetadata().getLabels().put(INDEX, Integer.toString(index));
        EnvVar env = new EnvVarBuilder().withName("JOB_COMPLETION_INDEX").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['" + INDEX + "']").endFieldRef().endValueFrom().build();
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
        Duration delay = BACKOFF.multipliedBy(1L << Math.min(failed - 1, 10));
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

    private void counts(JobStatus s, List<Pod> active, int succeeded, int failed, int terminating, TreeSet<Integer> doneIndexes,
            boolean indexed) {
        s.setActive(active.isEmpty() ? null : active.size());
        s.setReady((int) active.stream().filter(PodStates::isReady).count());
        s.setSucceeded(succeeded == 0 ? null : succeeded);
        s.setFailed(failed == 0 ? null : failed);
        s.setTerminating(terminating);
        if (indexed) {
            s.setCompletedIndexes(doneIndexes.isEmpty() ? null : ranges(doneIndexes));
        }
    }

    /** As the Job's {@code completedIndexes}: {@code 0-2,4}. */
    static String ranges(TreeSet<Integer> indexes) {
        StringBuilder b = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : indexes) {
            if (start == null) {
                start = i;
            } else if (i != prev + 1) {
                append(b, start, prev);
                start = i;
            }
            prev = i;
        }
        if (start != null) {
            append(b, start, prev);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, int start, int end) {
        if (b.length() > 0) {
            b.append(',');
        }
        b.append(start == end ? Integer.toString(start) : start + "-" + end);
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

    private static Optional<Integer> index(Pod p) {
        String v = p.getMetadata().getAnnotations() == null ? null : p.getMetadata().getAnnotations().get(INDEX);
        try {
            return v == null ? Optional.empty() : Optional.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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

package io.pod4j.store;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The batch/v1 Job's admission: its defaults ({@code SetDefaults_Job}: completions and
 * parallelism 1 when neither is set, backoffLimit 6, NonIndexed, not suspended, the Job's labels
 * from its template's), the selector the API server generates on create unless
 * {@code manualSelector} (the {@code batch.kubernetes.io/controller-uid} label, with the
 * {@code job-name} labels on the template), and {@code ValidateJob}'s rules in its words
 * ({@link JobSpecRules}: counts, completion mode, backoffLimitPerIndex, podFailurePolicy,
 * successPolicy, podReplacementPolicy, managedBy).
 */
final class JobAdmission implements Admission<Job> {

    static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    static final String JOB_NAME = "batch.kubernetes.io/job-name";

    @Override
    public Job mutate(Operation operation, Job object, Job old) {
        Job job = ObjectRules.defaults(object);
        if (job.getSpec() == null) {
            job.setSpec(new JobSpec());
        }
        JobSpec s = job.getSpec();
        if (s.getCompletions() == null && s.getParallelism() == null) {
            s.setCompletions(1);
        }
        if (s.getParallelism() == null) {
            s.setParallelism(1);
        }
        if (s.getBackoffLimit() == null) {
            s.setBackoffLimit(s.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : 6);
        }
        if (s.getCompletionMode() == null) {
            s.setCompletionMode("NonIndexed");
        }
        if (s.getSuspend() == null) {
            s.setSuspend(false);
        }
        if (s.getPodReplacementPolicy() == null) {
            s.setPodReplacementPolicy(s.getPodFailurePolicy() != null ? "Failed" : "TerminatingOrFailed");
        }
        s.setTemplate(PodTemplateRules.defaults(s.getTemplate()));
        if (operation == Operation.CREATE && !Boolean.TRUE.equals(s.getManualSelector())) {
            generateSelector(job);
        }
        Map<String, String> templateLabels = s.getTemplate().getMetadata().getLabels();
        if (templateLabels != null && !templateLabels.isEmpty()
                && (job.getMetadata().getLabels() == null || job.getMetadata().getLabels().isEmpty())) {
            job.getMetadata().setLabels(new LinkedHashMap<>(templateLabels));
        }
        return job;
    }

    /** As the Job strategy's {@code generateSelector}: labels the user set are left as they are. */
    private static void generateSelector(Job job) {
        ObjectMeta meta = job.getMetadata();
        ObjectMeta template = job.getSpec().getTemplate().getMetadata();
        Map<String, String> labels = template.getLabels() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(template.getLabels());
        labels.putIfAbsent(CONTROLLER_UID, meta.getUid());
        labels.putIfAbsent(JOB_NAME, meta.getName());
        labels.putIfAbsent("controller-uid", meta.getUid());
        labels.putIfAbsent("job-name", meta.getName());
        template.setLabels(labels);
        if (job.getSpec().getSelector() == null) {
            job.getSpec().setSelector(new LabelSelector());
        }
        LabelSelector selector = job.getSpec().getSelector();
        if (selector.getMatchLabels() == null) {
            selector.setMatchLabels(new LinkedHashMap<>());
        }
        selector.getMatchLabels().putIfAbsent(CONTROLLER_UID, meta.getUid());
    }

    @Override
    public List<FieldError> validate(Operation operation, Job job, Job old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(job)));
        JobSpec s = job.getSpec();
        errors.addAll(JobSpecRules.validate(s, "spec"));
        if (s.getSelector() == null) {
            errors.add(FieldError.required("spec.selector", ""));
        }
        errors.addAll(PodTemplateRules.templateLabels(s.getSelector(), s.getTemplate(), "spec.template"));
        errors.addAll(PodTemplateRules.validate(s.getTemplate(), "spec.template"));
        List<FieldError> restart = PodTemplateRules.restartPolicy(s.getTemplate(), "spec.template", "OnFailure", "Never");
        errors.addAll(restart.isEmpty() ? JobSpecRules.restartPolicyWithPodFailurePolicy(s, "spec") : restart);
        if (operation == Operation.UPDATE) {
            JobSpec o = old.getSpec();
            errors.addAll(PodTemplateRules.immutableSelector(s.getSelector(), o.getSelector()));
            if (!Objects.equals(s.getCompletions(), o.getCompletions())) {
                errors.add(FieldError.invalid("spec.completions", s.getCompletions(), "field is immutable"));
            }
            errors.addAll(JobSpecRules.immutable(s, o));
        }
        return errors;
    }
}

package io.pod4j.store;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The batch/v1 CronJob's admission: its defaults (concurrencyPolicy Allow, not suspended, 3
 * successful and 1 failed Job kept, the Job template's pod defaults) and validation: a schedule,
 * a known concurrency policy, the Job template's restartPolicy.
 */
final class CronJobAdmission implements Admission<CronJob> {

    @Override
    public CronJob mutate(Operation operation, CronJob object, CronJob old) {
        CronJob cj = ObjectRules.defaults(object);
        if (cj.getSpec() == null) {
            cj.setSpec(new CronJobSpec());
        }
        CronJobSpec s = cj.getSpec();
        if (s.getConcurrencyPolicy() == null || s.getConcurrencyPolicy().isEmpty()) {
            s.setConcurrencyPolicy("Allow");
        }
        if (s.getSuspend() == null) {
            s.setSuspend(false);
        }
        if (s.getSuccessfulJobsHistoryLimit() == null) {
            s.setSuccessfulJobsHistoryLimit(3);
        }
        if (s.getFailedJobsHistoryLimit() == null) {
            s.setFailedJobsHistoryLimit(1);
        }
        if (s.getJobTemplate() == null) {
            s.setJobTemplate(new JobTemplateSpec());
        }
        if (s.getJobTemplate().getSpec() == null) {
            s.getJobTemplate().setSpec(new JobSpec());
        }
        JobSpec job = s.getJobTemplate().getSpec();
        job.setTemplate(PodTemplateRules.defaults(job.getTemplate()));
        return cj;
    }

    @Override
    public List<FieldError> validate(Operation operation, CronJob cj, CronJob old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(cj)));
        CronJobSpec s = cj.getSpec();
        if (s.getSchedule() == null || s.getSchedule().isEmpty()) {
            errors.add(FieldError.required("spec.schedule", ""));
        }
        if (!List.of("Allow", "Forbid", "Replace").contains(s.getConcurrencyPolicy())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.concurrencyPolicy", "Unsupported value: \""
                    + s.getConcurrencyPolicy() + "\": supported values: \"Allow\", \"Forbid\", \"Replace\""));
        }
        errors.addAll(PodTemplateRules.nonNegative("spec.startingDeadlineSeconds", s.getStartingDeadlineSeconds()));
        errors.addAll(PodTemplateRules.nonNegative("spec.successfulJobsHistoryLimit", s.getSuccessfulJobsHistoryLimit()));
        errors.addAll(PodTemplateRules.nonNegative("spec.failedJobsHistoryLimit", s.getFailedJobsHistoryLimit()));
        String template = "spec.jobTemplate.spec.template";
        errors.addAll(PodTemplateRules.validate(s.getJobTemplate().getSpec().getTemplate(), template));
        errors.addAll(PodTemplateRules.restartPolicy(s.getJobTemplate().getSpec().getTemplate(), template, "OnFailure", "Never"));
        return errors;
    }
}

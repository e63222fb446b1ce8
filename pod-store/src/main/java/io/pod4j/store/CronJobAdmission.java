package io.pod4j.store;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.pod4j.api.cron.CronSchedule;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The batch/v1 CronJob's admission: its defaults (concurrencyPolicy Allow, not suspended, 3
 * successful and 1 failed Job kept, the Job template's pod defaults) and validation in the API
 * server's words: a schedule robfig/cron parses ({@link CronSchedule}) without a {@code TZ=}
 * prefix (unless the old schedule had one), a {@code timeZone} the JDK knows by that IANA name,
 * a name the controller can suffix, a known concurrency policy, and the Job template's rules
 * ({@link JobSpecRules}; its selector is generated, never given).
 */
final class CronJobAdmission implements Admission<CronJob> {

    /** The Job names {@code NAME-<11 characters>} must stay within 63. */
    private static final int MAX_NAME = 52;
    private static final Pattern ZONE_PART = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

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
        CronJobSpec o = old == null ? null : old.getSpec();
        if (s.getSchedule() == null || s.getSchedule().isEmpty()) {
            errors.add(FieldError.required("spec.schedule", ""));
        } else {
            errors.addAll(schedule(s.getSchedule(), o != null && o.getSchedule() != null && o.getSchedule().contains("TZ"),
                    s.getTimeZone() != null));
        }
        errors.addAll(PodTemplateRules.nonNegative("spec.startingDeadlineSeconds", s.getStartingDeadlineSeconds()));
        if (o == null || !Objects.equals(o.getTimeZone(), s.getTimeZone())) {
            errors.addAll(timeZone(s.getTimeZone()));
        }
        if (!List.of("Allow", "Forbid", "Replace").contains(s.getConcurrencyPolicy())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.concurrencyPolicy", "Unsupported value: \""
                    + s.getConcurrencyPolicy() + "\": supported values: \"Allow\", \"Forbid\", \"Replace\""));
        }
        JobSpec job = s.getJobTemplate().getSpec();
        String path = "spec.jobTemplate.spec";
        errors.addAll(JobSpecRules.validate(job, path));
        errors.addAll(PodTemplateRules.validate(job.getTemplate(), path + ".template"));
        List<FieldError> restart = PodTemplateRules.restartPolicy(job.getTemplate(), path + ".template", "OnFailure", "Never");
        errors.addAll(restart.isEmpty() ? JobSpecRules.restartPolicyWithPodFailurePolicy(job, path) : restart);
        if (job.getSelector() != null) {
            errors.add(FieldError.invalid(path + ".selector", GoSyntax.selector(job.getSelector()), "`selector` will be auto-generated"));
        }
        if (Boolean.TRUE.equals(job.getManualSelector())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, path + ".manualSelector",
                    "Unsupported value: true: supported values: \"nil\", \"false\""));
        }
        errors.addAll(PodTemplateRules.nonNegative("spec.successfulJobsHistoryLimit", s.getSuccessfulJobsHistoryLimit()));
        errors.addAll(PodTemplateRules.nonNegative("spec.failedJobsHistoryLimit", s.getFailedJobsHistoryLimit()));
        String name = cj.getMetadata().getName();
        if (operation == Operation.CREATE && name != null && name.length() > MAX_NAME) {
            errors.add(FieldError.invalid("metadata.name", name, "must be no more than " + MAX_NAME + " characters"));
        }
        return errors;
    }

    /** {@code validateScheduleFormat}: robfig/cron's verdict, and no TZ in a new schedule. */
    private static List<FieldError> schedule(String schedule, boolean allowTz, boolean timeZoneSet) {
        List<FieldError> errors = new ArrayList<>();
        try {
            CronSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.invalid("spec.schedule", schedule, e.getMessage()));
        }
        if (allowTz && schedule.contains("TZ") && timeZoneSet) {
            errors.add(FieldError.invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
        } else if (!allowTz && schedule.contains("TZ")) {
            errors.add(FieldError.invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
        }
        return errors;
    }

    /** {@code validateTimeZone}: an IANA name, as Go's {@code time.LoadLocation} would load it (here: the JDK's zone ids). */
    private static List<FieldError> timeZone(String zone) {
        if (zone == null) {
            return List.of();
        }
        if (zone.isEmpty()) {
            return List.of(FieldError.invalid("spec.timeZone", zone, "timeZone must be nil or non-empty string"));
        }
        for (String part : zone.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !ZONE_PART.matcher(part).matches()) {
                return List.of(FieldError.invalid("spec.timeZone", zone, "unknown time zone " + zone));
            }
        }
        List<FieldError> errors = new ArrayList<>();
        if (zone.equalsIgnoreCase("Local")) {
            errors.add(FieldError.invalid("spec.timeZone", zone,
                    "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        }
        if (!zone.equals("Local") && CronSchedule.zone(zone).isEmpty()) {
            errors.add(FieldError.invalid("spec.timeZone", zone, "unknown time zone " + zone));
        }
        return errors;
    }
}

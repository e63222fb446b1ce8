package io.pod4j.store;

import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnExitCodesRequirement;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.api.model.batch.v1.SuccessPolicyRule;
import io.pod4j.api.validation.NameRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Job spec's rules, as the API server's {@code validateJobSpec} words them, for Jobs and for
 * CronJobs' Job templates: the counts, the completion mode and what needs it
 * ({@code backoffLimitPerIndex}, {@code maxFailedIndexes}, {@code successPolicy}), the
 * {@code podFailurePolicy}'s rules, {@code podReplacementPolicy}, {@code managedBy}; and which of
 * them an update may not change.
 */
final class JobSpecRules {

    private static final int MAX_INDEXED_PARALLELISM = 100_000;
    private static final int MAX_FAILED_INDEXES = 100_000;
    private static final int COMPLETIONS_SOFT_LIMIT = 100_000;
    private static final int HIGH_COMPLETIONS_LIMIT = 10_000;
    private static final int MAX_RULES = 20;
    private static final int MAX_EXIT_CODES = 255;
    private static final int MAX_CONDITION_PATTERNS = 20;
    private static final int MAX_MANAGED_BY = 63;
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");

    private JobSpecRules() {
    }

    /** @param path {@code spec}, or {@code spec.jobTemplate.spec} for a CronJob */
    static List<FieldError> validate(JobSpec s, String path) {
        List<FieldError> errors = new ArrayList<>();
        errors.addAll(PodTemplateRules.nonNegative(path + ".parallelism", s.getParallelism()));
        errors.addAll(PodTemplateRules.nonNegative(path + ".completions", s.getCompletions()));
        errors.addAll(PodTemplateRules.nonNegative(path + ".activeDeadlineSeconds", s.getActiveDeadlineSeconds()));
        errors.addAll(PodTemplateRules.nonNegative(path + ".backoffLimit", s.getBackoffLimit()));
        errors.addAll(PodTemplateRules.nonNegative(path + ".ttlSecondsAfterFinished", s.getTtlSecondsAfterFinished()));
        errors.addAll(PodTemplateRules.nonNegative(path + ".backoffLimitPerIndex", s.getBackoffLimitPerIndex()));
        if (s.getMaxFailedIndexes() != null) {
            errors.addAll(PodTemplateRules.nonNegative(path + ".maxFailedIndexes", s.getMaxFailedIndexes()));
            if (s.getBackoffLimitPerIndex() == null) {
                errors.add(FieldError.required(path + ".backoffLimitPerIndex", "when maxFailedIndexes is specified"));
            }
        }
        if (s.getManagedBy() != null) {
            errors.addAll(managedBy(path + ".managedBy", s.getManagedBy()));
        }
        errors.addAll(completionMode(s, path));
        if (s.getPodFailurePolicy() != null) {
            errors.addAll(podFailurePolicy(s, path + ".podFailurePolicy"));
        }
        if (s.getSuccessPolicy() != null) {
            if (!"Indexed".equals(s.getCompletionMode())) {
                errors.add(FieldError.invalid(path + ".successPolicy", new GoSyntax.Printed("batch.SuccessPolicy{...}"),
                        "requires indexed completion mode"));
            } else {
                errors.addAll(successPolicy(s, path + ".successPolicy"));
            }
        }
        String replacement = s.getPodReplacementPolicy();
        if (replacement != null) {
            if (s.getPodFailurePolicy() != null && !"Failed".equals(replacement)) {
                errors.add(notSupported(path + ".podReplacementPolicy", replacement, "Failed"));
            } else if (!List.of("Failed", "TerminatingOrFailed").contains(replacement)) {
                errors.add(notSupported(path + ".podReplacementPolicy", replacement, "Failed", "TerminatingOrFailed"));
            }
        }
        return errors;
    }

    /** What a cluster refuses on the restart policy of a Job with a podFailurePolicy (after the restart policy's own checks). */
    static List<FieldError> restartPolicyWithPodFailurePolicy(JobSpec s, String path) {
        String restart = s.getTemplate() == null || s.getTemplate().getSpec() == null ? null : s.getTemplate().getSpec().getRestartPolicy();
        if (s.getPodFailurePolicy() != null && "OnFailure".equals(restart)) {
            return List.of(FieldError.invalid(path + ".template.spec.restartPolicy", restart,
                    "only \"Never\" is supported when podFailurePolicy is specified"));
        }
        return List.of();
    }

    /** The fields {@code ValidateJobSpecUpdate} keeps as they were (besides completions, selector and template). */
    static List<FieldError> immutable(JobSpec now, JobSpec old) {
        List<FieldError> errors = new ArrayList<>();
        immutable(errors, "spec.completionMode", now.getCompletionMode(), old.getCompletionMode());
        immutable(errors, "spec.podFailurePolicy", now.getPodFailurePolicy(), old.getPodFailurePolicy());
        immutable(errors, "spec.backoffLimitPerIndex", now.getBackoffLimitPerIndex(), old.getBackoffLimitPerIndex());
        immutable(errors, "spec.managedBy", now.getManagedBy(), old.getManagedBy());
        immutable(errors, "spec.successPolicy", now.getSuccessPolicy(), old.getSuccessPolicy());
        return errors;
    }

    private static void immutable(List<FieldError> errors, String path, Object now, Object old) {
        if (!Objects.equals(now, old)) {
            Object shown = now == null || now instanceof String || now instanceof Number ? now
                    : new GoSyntax.Printed(now.getClass().getSimpleName());
            errors.add(FieldError.invalid(path, shown, "field is immutable"));
        }
    }

    private static List<FieldError> completionMode(JobSpec s, String path) {
        List<FieldError> errors = new ArrayList<>();
        String mode = s.getCompletionMode();
        if (mode != null && !List.of("NonIndexed", "Indexed").contains(mode)) {
            errors.add(notSupported(path + ".completionMode", mode, "NonIndexed", "Indexed"));
        }
        if ("Indexed".equals(mode)) {
            Integer completions = s.getCompletions();
            Integer parallelism = s.getParallelism();
            Integer maxFailed = s.getMaxFailedIndexes();
            if (completions == null) {
                errors.add(FieldError.required(path + ".completions", "when completion mode is Indexed"));
            }
            if (parallelism != null && parallelism > MAX_INDEXED_PARALLELISM) {
                errors.add(FieldError.invalid(path + ".parallelism", parallelism,
                        "must be less than or equal to " + MAX_INDEXED_PARALLELISM + " when completion mode is Indexed"));
            }
            if (completions != null && maxFailed != null && maxFailed > completions) {
                errors.add(FieldError.invalid(path + ".maxFailedIndexes", maxFailed, "must be less than or equal to completions"));
            }
            if (maxFailed != null && maxFailed > MAX_FAILED_INDEXES) {
                errors.add(FieldError.invalid(path + ".maxFailedIndexes", maxFailed, "must be less than or equal to " + MAX_FAILED_INDEXES));
            }
            if (completions != null && completions > COMPLETIONS_SOFT_LIMIT && s.getBackoffLimitPerIndex() != null) {
                String high = " when completions are above " + COMPLETIONS_SOFT_LIMIT + " and used with backoff limit per index";
                if (maxFailed == null) {
                    errors.add(FieldError.required(path + ".maxFailedIndexes",
                            "must be specified when completions is above " + COMPLETIONS_SOFT_LIMIT));
                }
                if (parallelism != null && parallelism > HIGH_COMPLETIONS_LIMIT) {
                    errors.add(FieldError.invalid(path + ".parallelism", parallelism,
                            "must be less than or equal to " + HIGH_COMPLETIONS_LIMIT + high));
                }
                if (maxFailed != null && maxFailed > HIGH_COMPLETIONS_LIMIT) {
                    errors.add(FieldError.invalid(path + ".maxFailedIndexes", maxFailed,
                            "must be less than or equal to " + HIGH_COMPLETIONS_LIMIT + high));
                }
            }
        }
        if (mode == null || "NonIndexed".equals(mode)) {
            if (s.getBackoffLimitPerIndex() != null) {
                errors.add(FieldError.invalid(path + ".backoffLimitPerIndex", s.getBackoffLimitPerIndex(), "requires indexed completion mode"));
            }
            if (s.getMaxFailedIndexes() != null) {
                errors.add(FieldError.invalid(path + ".maxFailedIndexes", s.getMaxFailedIndexes(), "requires indexed completion mode"));
            }
        }
        return errors;
    }

    private static List<FieldError> podFailurePolicy(JobSpec s, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<PodFailurePolicyRule> rules = s.getPodFailurePolicy().getRules() == null ? List.of() : s.getPodFailurePolicy().getRules();
        if (rules.size() > MAX_RULES) {
            errors.add(tooMany(path + ".rules", rules.size(), MAX_RULES));
        }
        Set<String> containers = new HashSet<>();
        if (s.getTemplate() != null && s.getTemplate().getSpec() != null) {
            s.getTemplate().getSpec().getContainers().forEach(c -> containers.add(c.getName()));
            s.getTemplate().getSpec().getInitContainers().forEach(c -> containers.add(c.getName()));
        }
        for (int i = 0; i < rules.size(); i++) {
            PodFailurePolicyRule rule = rules.get(i);
            String rulePath = path + ".rules[" + i + "]";
            String action = rule.getAction();
            if (action == null || action.isEmpty()) {
                errors.add(FieldError.required(rulePath + ".action", "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]"));
            } else if (action.equals("FailIndex")) {
                if (s.getBackoffLimitPerIndex() == null) {
                    errors.add(FieldError.invalid(rulePath + ".action", action, "requires the backoffLimitPerIndex to be set"));
                }
            } else if (!List.of("Count", "FailJob", "Ignore").contains(action)) {
                errors.add(notSupported(rulePath + ".action", action, "Count", "FailIndex", "FailJob", "Ignore"));
            }
            boolean conditions = rule.getOnPodConditions() != null && !rule.getOnPodConditions().isEmpty();
            if (rule.getOnExitCodes() != null) {
                errors.addAll(onExitCodes(rule.getOnExitCodes(), rulePath + ".onExitCodes", containers));
            }
            if (conditions) {
                errors.addAll(onPodConditions(rule.getOnPodConditions(), rulePath + ".onPodConditions"));
            }
            if (rule.getOnExitCodes() != null && conditions) {
                errors.add(new FieldError(FieldError.Type.INVALID, rulePath,
                        "Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"));
            }
            if (rule.getOnExitCodes() == null && !conditions) {
                errors.add(new FieldError(FieldError.Type.INVALID, rulePath,
                        "Invalid value: specifying one of OnExitCodes and OnPodConditions is required"));
            }
        }
        return errors;
    }

    private static List<FieldError> onExitCodes(PodFailurePolicyOnExitCodesRequirement codes, String path, Set<String> containers) {
        List<FieldError> errors = new ArrayList<>();
        String op = codes.getOperator();
        if (op == null || op.isEmpty()) {
            errors.add(FieldError.required(path + ".operator", "valid values: [\"In\" \"NotIn\"]"));
        } else if (!List.of("In", "NotIn").contains(op)) {
            errors.add(notSupported(path + ".operator", op, "In", "NotIn"));
        }
        if (codes.getContainerName() != null && !containers.contains(codes.getContainerName())) {
            errors.add(FieldError.invalid(path + ".containerName", codes.getContainerName(),
                    "must be one of the container or initContainer names in the pod template"));
        }
        List<Integer> values = codes.getValues() == null ? List.of() : codes.getValues();
        if (values.isEmpty()) {
            errors.add(FieldError.invalid(path + ".values", new GoSyntax.Printed("[]int32(nil)"), "at least one value is required"));
        } else if (values.size() > MAX_EXIT_CODES) {
            errors.add(tooMany(path + ".values", values.size(), MAX_EXIT_CODES));
        }
        Set<Integer> seen = new HashSet<>();
        boolean ordered = true;
        for (int j = 0; j < values.size(); j++) {
            int v = values.get(j);
            if ("In".equals(op) && v == 0) {
                errors.add(FieldError.invalid(path + ".values[" + j + "]", v, "must not be 0 for the In operator"));
            }
            if (!seen.add(v)) {
                errors.add(new FieldError(FieldError.Type.DUPLICATE, path + ".values[" + j + "]", "Duplicate value: " + v));
            }
            if (j > 0 && values.get(j - 1) > v) {
                ordered = false;
            }
        }
        if (!ordered) {
            errors.add(FieldError.invalid(path + ".values", new GoSyntax.Printed(values.toString().replace(",", "")),
                    "must be ordered"));
        }
        return errors;
    }

    private static List<FieldError> onPodConditions(List<PodFailurePolicyOnPodConditionsPattern> patterns, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (patterns.size() > MAX_CONDITION_PATTERNS) {
            errors.add(tooMany(path, patterns.size(), MAX_CONDITION_PATTERNS));
        }
        for (int j = 0; j < patterns.size(); j++) {
            String status = patterns.get(j).getStatus();
            String statusPath = path + "[" + j + "].status";
            if (status == null || status.isEmpty()) {
                errors.add(FieldError.required(statusPath, "valid values: [\"False\" \"True\" \"Unknown\"]"));
            } else if (!List.of("False", "True", "Unknown").contains(status)) {
                errors.add(notSupported(statusPath, status, "False", "True", "Unknown"));
            }
        }
        return errors;
    }

    private static List<FieldError> successPolicy(JobSpec s, String path) {
        List<FieldError> errors = new ArrayList<>();
        List<SuccessPolicyRule> rules = s.getSuccessPolicy().getRules() == null ? List.of() : s.getSuccessPolicy().getRules();
        if (rules.isEmpty()) {
            errors.add(FieldError.required(path + ".rules", "at least one rules must be specified when the successPolicy is specified"));
        }
        if (rules.size() > MAX_RULES) {
            errors.add(tooMany(path + ".rules", rules.size(), MAX_RULES));
        }
        int completions = s.getCompletions() == null ? 0 : s.getCompletions();
        for (int i = 0; i < rules.size(); i++) {
            SuccessPolicyRule rule = rules.get(i);
            String rulePath = path + ".rules[" + i + "]";
            if (rule.getSucceededCount() == null && rule.getSucceededIndexes() == null) {
                errors.add(FieldError.required(rulePath, "at least one of succeededCount or succeededIndexes must be specified"));
            }
            int total = 0;
            if (rule.getSucceededIndexes() != null) {
                try {
                    total = IndexRanges.count(rule.getSucceededIndexes(), completions);
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.invalid(rulePath + ".succeededIndexes", rule.getSucceededIndexes(),
                            "error parsing succeededIndexes: " + e.getMessage()));
                }
            }
            Integer count = rule.getSucceededCount();
            if (count != null) {
                errors.addAll(PodTemplateRules.nonNegative(rulePath + ".succeededCount", count));
                if (count > completions) {
                    errors.add(FieldError.invalid(rulePath + ".succeededCount", count,
                            "must be less than or equal to " + completions + " (the number of specified completions)"));
                }
                if (rule.getSucceededIndexes() != null && count > total) {
                    errors.add(FieldError.invalid(rulePath + ".succeededCount", count, "must be less than or equal to " + total
                            + " (the number of indexes in the specified succeededIndexes field)"));
                }
            }
        }
        return errors;
    }

    /** {@code IsDomainPrefixedPath} and the length limit. */
    private static List<FieldError> managedBy(String path, String value) {
        List<FieldError> errors = new ArrayList<>();
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1) {
            errors.add(FieldError.invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
        } else {
            for (String problem : NameRules.dns1123Subdomain(value.substring(0, slash))) {
                errors.add(FieldError.invalid(path, value.substring(0, slash), problem));
            }
            if (!PATH.matcher(value.substring(slash + 1)).matches()) {
                errors.add(FieldError.invalid(path, value.substring(slash + 1),
                        "Invalid path: must consist of characters matching the regex " + PATH.pattern()));
            }
        }
        if (value.length() > MAX_MANAGED_BY) {
            errors.add(new FieldError(FieldError.Type.TOO_LONG, path, "Too long: may not be more than " + MAX_MANAGED_BY + " bytes"));
        }
        return errors;
    }

    private static FieldError notSupported(String path, String value, String... supported) {
        StringBuilder b = new StringBuilder("Unsupported value: \"" + value + "\": supported values: ");
        for (int i = 0; i < supported.length; i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(supported[i]).append('"');
        }
        return new FieldError(FieldError.Type.NOT_SUPPORTED, path, b.toString());
    }

    private static FieldError tooMany(String path, int actual, int max) {
        return new FieldError(FieldError.Type.TOO_MANY, path, "Too many: " + actual + ": must have at most " + max + " items");
    }
}

package io.pod4j.store;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apps/v1 Deployment's admission: its defaults ({@code SetDefaults_Deployment}: 1 replica,
 * RollingUpdate 25%/25%, 10 revisions kept, a 600 s progress deadline, the pod template's
 * defaults) and validation ({@code ValidateDeployment}), in the API server's words.
 */
final class DeploymentAdmission implements Admission<Deployment> {

    private static final Pattern PERCENT = Pattern.compile("^([0-9]+)%$");

    @Override
    public Deployment mutate(Operation operation, Deployment object, Deployment old) {
        Deployment d = ObjectRules.defaults(object);
        if (d.getSpec() == null) {
            d.setSpec(new DeploymentSpec());
        }
        DeploymentSpec s = d.getSpec();
        if (s.getReplicas() == null) {
            s.setReplicas(1);
        }
        if (s.getStrategy() == null) {
            s.setStrategy(new DeploymentStrategy());
        }
        DeploymentStrategy strategy = s.getStrategy();
        if (strategy.getType() == null || strategy.getType().isEmpty()) {
            strategy.setType("RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.getType())) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDeployment());
            }
            if (strategy.getRollingUpdate().getMaxUnavailable() == null) {
                strategy.getRollingUpdate().setMaxUnavailable(new IntOrString("25%"));
            }
            if (strategy.getRollingUpdate().getMaxSurge() == null) {
                strategy.getRollingUpdate().setMaxSurge(new IntOrString("25%"));
            }
        }
        if (s.getRevisionHistoryLimit() == null) {
            s.setRevisionHistoryLimit(10);
        }
        if (s.getProgressDeadlineSeconds() == null) {
            s.setProgressDeadlineSeconds(600);
        }
        s.setTemplate(PodTemplateRules.defaults(s.getTemplate()));
        return d;
    }

    @Override
    public List<FieldError> validate(Operation operation, Deployment d, Deployment old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(d)));
        DeploymentSpec s = d.getSpec();
        errors.addAll(PodTemplateRules.nonNegative("spec.replicas", s.getReplicas()));
        errors.addAll(PodTemplateRules.selector(s.getSelector(), s.getTemplate(), "deployment"));
        errors.addAll(PodTemplateRules.validate(s.getTemplate(), "spec.template"));
        errors.addAll(PodTemplateRules.restartPolicy(s.getTemplate(), "spec.template", "Always"));
        errors.addAll(strategy(s.getStrategy()));
        errors.addAll(PodTemplateRules.nonNegative("spec.minReadySeconds", s.getMinReadySeconds()));
        errors.addAll(PodTemplateRules.nonNegative("spec.revisionHistoryLimit", s.getRevisionHistoryLimit()));
        if (s.getProgressDeadlineSeconds() != null) {
            errors.addAll(PodTemplateRules.nonNegative("spec.progressDeadlineSeconds", s.getProgressDeadlineSeconds()));
            int minReady = s.getMinReadySeconds() == null ? 0 : s.getMinReadySeconds();
            if (s.getProgressDeadlineSeconds() <= minReady) {
                errors.add(FieldError.invalid("spec.progressDeadlineSeconds", s.getProgressDeadlineSeconds(),
                        "must be greater than minReadySeconds"));
            }
        }
        if (operation == Operation.UPDATE) {
            errors.addAll(PodTemplateRules.immutableSelector(s.getSelector(), old.getSpec().getSelector()));
        }
        return errors;
    }

    private static List<FieldError> strategy(DeploymentStrategy strategy) {
        List<FieldError> errors = new ArrayList<>();
        switch (strategy.getType()) {
            case "Recreate" -> {
                if (strategy.getRollingUpdate() != null) {
                    errors.add(FieldError.forbidden("spec.strategy.rollingUpdate",
                            "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            case "RollingUpdate" -> {
                RollingUpdateDeployment r = strategy.getRollingUpdate();
                errors.addAll(intOrPercent(r.getMaxUnavailable(), "spec.strategy.rollingUpdate.maxUnavailable"));
                errors.addAll(intOrPercent(r.getMaxSurge(), "spec.strategy.rollingUpdate.maxSurge"));
                if (value(r.getMaxUnavailable()) == 0 && value(r.getMaxSurge()) == 0) {
                    errors.add(FieldError.invalid("spec.strategy.rollingUpdate.maxUnavailable",
                            GoSyntax.intOrString(r.getMaxUnavailable()), "may not be 0 when `maxSurge` is 0"));
                }
                if (r.getMaxUnavailable().getStrVal() != null && value(r.getMaxUnavailable()) > 100) {
                    errors.add(FieldError.invalid("spec.strategy.rollingUpdate.maxUnavailable",
                            GoSyntax.intOrString(r.getMaxUnavailable()), "must not be greater than 100%"));
                }
            }
            default -> errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.strategy.type", "Unsupported value: \""
                    + strategy.getType() + "\": supported values: \"Recreate\", \"RollingUpdate\""));
        }
        return errors;
    }

    private static List<FieldError> intOrPercent(IntOrString v, String path) {
        if (v.getStrVal() != null) {
            if (!PERCENT.matcher(v.getStrVal()).matches()) {
                return List.of(FieldError.invalid(path, v.getStrVal(), "must be an integer or percentage (e.g '5%')"));
            }
            return List.of();
        }
        return PodTemplateRules.nonNegative(path, v.getIntVal());
    }

    /** As the API server's {@code getIntOrPercentValue}: the number, or the percentage's number; -1 when neither. */
    private static int value(IntOrString v) {
        if (v.getStrVal() == null) {
            return v.getIntVal() == null ? 0 : v.getIntVal();
        }
        Matcher m = PERCENT.matcher(v.getStrVal());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}

package io.pod4j.store;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The apps/v1 DaemonSet's admission: RollingUpdate (maxUnavailable 1, maxSurge 0) and 10
 * revisions by default, the template's defaults; {@code ValidateDaemonSet}'s selector, template
 * and restartPolicy rules and its immutable selector.
 */
final class DaemonSetAdmission implements Admission<DaemonSet> {

    @Override
    public DaemonSet mutate(Operation operation, DaemonSet object, DaemonSet old) {
        DaemonSet ds = ObjectRules.defaults(object);
        if (ds.getSpec() == null) {
            ds.setSpec(new DaemonSetSpec());
        }
        DaemonSetSpec s = ds.getSpec();
        if (s.getUpdateStrategy() == null) {
            s.setUpdateStrategy(new DaemonSetUpdateStrategy());
        }
        if (s.getUpdateStrategy().getType() == null || s.getUpdateStrategy().getType().isEmpty()) {
            s.getUpdateStrategy().setType("RollingUpdate");
        }
        if ("RollingUpdate".equals(s.getUpdateStrategy().getType())) {
            if (s.getUpdateStrategy().getRollingUpdate() == null) {
                s.getUpdateStrategy().setRollingUpdate(new RollingUpdateDaemonSet());
            }
            RollingUpdateDaemonSet r = s.getUpdateStrategy().getRollingUpdate();
            if (r.getMaxUnavailable() == null) {
                r.setMaxUnavailable(new IntOrString(1));
            }
            if (r.getMaxSurge() == null) {
                r.setMaxSurge(new IntOrString(0));
            }
        }
        if (s.getRevisionHistoryLimit() == null) {
            s.setRevisionHistoryLimit(10);
        }
        s.setTemplate(PodTemplateRules.defaults(s.getTemplate()));
        return ds;
    }

    @Override
    public List<FieldError> validate(Operation operation, DaemonSet ds, DaemonSet old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(ds)));
        DaemonSetSpec s = ds.getSpec();
        errors.addAll(PodTemplateRules.selector(s.getSelector(), s.getTemplate(), "daemonset"));
        errors.addAll(PodTemplateRules.validate(s.getTemplate(), "spec.template"));
        errors.addAll(PodTemplateRules.restartPolicy(s.getTemplate(), "spec.template", "Always"));
        errors.addAll(PodTemplateRules.nonNegative("spec.minReadySeconds", s.getMinReadySeconds()));
        errors.addAll(PodTemplateRules.nonNegative("spec.revisionHistoryLimit", s.getRevisionHistoryLimit()));
        if (operation == Operation.UPDATE) {
            errors.addAll(PodTemplateRules.immutableSelector(s.getSelector(), old.getSpec().getSelector()));
        }
        return errors;
    }
}

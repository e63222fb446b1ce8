package io.pod4j.store;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The apps/v1 ReplicaSet's admission: 1 replica by default and the template's defaults;
 * {@code ValidateReplicaSet} (a selector that matches the template, restartPolicy Always,
 * non-negative counts, an immutable selector), in the API server's words.
 */
final class ReplicaSetAdmission implements Admission<ReplicaSet> {

    @Override
    public ReplicaSet mutate(Operation operation, ReplicaSet object, ReplicaSet old) {
        ReplicaSet rs = ObjectRules.defaults(object);
        if (rs.getSpec() == null) {
            rs.setSpec(new ReplicaSetSpec());
        }
        if (rs.getSpec().getReplicas() == null) {
            rs.getSpec().setReplicas(1);
        }
        rs.getSpec().setTemplate(PodTemplateRules.defaults(rs.getSpec().getTemplate()));
        return rs;
    }

    @Override
    public List<FieldError> validate(Operation operation, ReplicaSet rs, ReplicaSet old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(rs)));
        ReplicaSetSpec s = rs.getSpec();
        errors.addAll(PodTemplateRules.nonNegative("spec.replicas", s.getReplicas()));
        errors.addAll(PodTemplateRules.nonNegative("spec.minReadySeconds", s.getMinReadySeconds()));
        // "for deployment": the API server's ReplicaSet validation says so too.
        errors.addAll(PodTemplateRules.selector(s.getSelector(), s.getTemplate(), "deployment"));
        errors.addAll(PodTemplateRules.validate(s.getTemplate(), "spec.template"));
        errors.addAll(PodTemplateRules.restartPolicy(s.getTemplate(), "spec.template", "Always"));
        if (operation == Operation.UPDATE) {
            errors.addAll(PodTemplateRules.immutableSelector(s.getSelector(), old.getSpec().getSelector()));
        }
        return errors;
    }
}

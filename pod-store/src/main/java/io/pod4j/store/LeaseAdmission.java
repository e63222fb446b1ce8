package io.pod4j.store;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lease admission as the API server's ({@code coordination/validation}): pod-api's
 * {@link ObjectRules}, a positive {@code leaseDurationSeconds} and no negative
 * {@code leaseTransitions}.
 */
final class LeaseAdmission implements Admission<GenericKubernetesResource> {

    @Override
    public GenericKubernetesResource mutate(Operation operation, GenericKubernetesResource object,
            GenericKubernetesResource old) {
        return ObjectRules.defaults(object);
    }

    @Override
    public List<FieldError> validate(Operation operation, GenericKubernetesResource object,
            GenericKubernetesResource old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(object)));
        if (!(object.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec)) {
            return errors;
        }
        if (spec.get("leaseDurationSeconds") instanceof Number d && d.longValue() <= 0) {
            errors.add(FieldError.invalid("spec.leaseDurationSeconds", d, "must be greater than 0"));
        }
        if (spec.get("leaseTransitions") instanceof Number t && t.longValue() < 0) {
            errors.add(FieldError.invalid("spec.leaseTransitions", t, "must be greater than or equal to 0"));
        }
        return errors;
    }
}

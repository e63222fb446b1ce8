package io.pod4j.store;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.api.validation.PodValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pod's admission: pod-api's {@link PodDefaults} and {@link PodValidator} (the API server's
 * defaults and validation) on every create and update, the {@code Priority} plugin ({@link PodPriority}), and on update what Kubernetes lets change
 * on an existing Pod ({@link PodUpdateRules}).
 */
final class PodAdmission implements Admission<Pod> {

    @Override
    public Pod mutate(Operation operation, Pod pod, Pod old) {
        Pod defaulted = PodDefaults.apply(pod);
        PodPriority.admit(operation == Operation.CREATE, defaulted, old);
        return defaulted;
    }

    @Override
    public List<FieldError> validate(Operation operation, Pod pod, Pod old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(PodValidator.validate(pod)));
        if (operation == Operation.UPDATE) {
            errors.addAll(PodUpdateRules.validate(Json.tree(pod).path("spec"), Json.tree(old).path("spec")));
        }
        return errors;
    }
}

package io.pod4j.store;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The Pod's admission: on update, what Kubernetes lets change on an existing Pod
 * ({@link PodUpdateRules}).
 */
final class PodAdmission implements Admission<Pod> {

    @Override
    public List<FieldError> validate(Operation operation, Pod pod, Pod old) {
        if (operation == Operation.UPDATE) {
            return PodUpdateRules.validate(Json.tree(pod).path("spec"), Json.tree(old).path("spec"));
        }
        return List.of();
    }
}

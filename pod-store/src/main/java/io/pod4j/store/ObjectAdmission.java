package io.pod4j.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.api.validation.ObjectRules;
import io.pod4j.api.validation.Violation;
import java.util.List;

/**
 * The admission of every kind without one of its own: pod-api's {@link ObjectRules} (defaults,
 * name and data-key validation), which the kinds with their own admission also run first.
 */
final class ObjectAdmission implements Admission<HasMetadata> {

    @Override
    public HasMetadata mutate(Operation operation, HasMetadata object, HasMetadata old) {
        return ObjectRules.defaults(object);
    }

    @Override
    public List<FieldError> validate(Operation operation, HasMetadata object, HasMetadata old) {
        return errors(ObjectRules.validate(object));
    }

    static List<FieldError> errors(List<Violation> violations) {
        return violations.stream().map(v -> FieldError.of(v.path(), v.message())).toList();
    }
}

package io.pod4j.store;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ConfigMap admission as the API server's: pod-api's {@link ObjectRules} (names, data keys), a key
 * in {@code data} or {@code binaryData} but not both, and an {@code immutable: true} ConfigMap keeps
 * its data and stays immutable.
 */
final class ConfigMapAdmission implements Admission<ConfigMap> {

    @Override
    public ConfigMap mutate(Operation operation, ConfigMap object, ConfigMap old) {
        return ObjectRules.defaults(object);
    }

    @Override
    public List<FieldError> validate(Operation operation, ConfigMap object, ConfigMap old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(object)));
        for (String k : orEmpty(object.getData()).keySet()) {
            if (orEmpty(object.getBinaryData()).containsKey(k)) {
                errors.add(FieldError.invalid("data", k, "duplicate of key present in binaryData"));
            }
        }
        if (old != null && Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(object.getImmutable())) {
                errors.add(ImmutableData.forbidden("immutable"));
            }
            if (!Objects.equals(orEmpty(object.getData()), orEmpty(old.getData()))) {
                errors.add(ImmutableData.forbidden("data"));
            }
            if (!Objects.equals(orEmpty(object.getBinaryData()), orEmpty(old.getBinaryData()))) {
                errors.add(ImmutableData.forbidden("binaryData"));
            }
        }
        return errors;
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}

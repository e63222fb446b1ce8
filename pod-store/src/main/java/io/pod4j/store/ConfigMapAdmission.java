package io.pod4j.store;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ConfigMap validation as the API server's: data keys are config keys, a key is in {@code data} or
 * {@code binaryData} but not both, and an {@code immutable: true} ConfigMap keeps its data.
 */
final class ConfigMapAdmission implements Admission<ConfigMap> {

    @Override
    public List<FieldError> validate(Operation operation, ConfigMap object, ConfigMap old) {
        List<FieldError> errors = new ArrayList<>(DataKeys.validate(object.getData(), "data"));
        errors.addAll(DataKeys.validate(object.getBinaryData(), "binaryData"));
        for (String k : keys(object.getData())) {
            if (keys(object.getBinaryData()).contains(k)) {
                errors.add(FieldError.invalid("data", k, "duplicate of key present in binaryData"));
            }
        }
        if (old != null && Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(object.getImmutable())) {
                errors.add(DataKeys.immutable("immutable"));
            }
            if (!Objects.equals(orEmpty(object.getData()), orEmpty(old.getData()))) {
                errors.add(DataKeys.immutable("data"));
            }
            if (!Objects.equals(orEmpty(object.getBinaryData()), orEmpty(old.getBinaryData()))) {
                errors.add(DataKeys.immutable("binaryData"));
            }
        }
        return errors;
    }

    private static List<String> keys(Map<String, String> m) {
        return m == null ? List.of() : List.copyOf(m.keySet());
    }

    private static Map<String, String> orEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}

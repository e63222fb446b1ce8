package io.pod4j.store;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Secrets as the API server keeps them: {@code stringData} is written into {@code data} (base64)
 * and not stored, the type defaults to {@code Opaque} and never changes, and an
 * {@code immutable: true} Secret keeps its data.
 */
final class SecretAdmission implements Admission<Secret> {

    @Override
    public Secret mutate(Operation operation, Secret object, Secret old) {
        if (object.getStringData() != null && !object.getStringData().isEmpty()) {
            Map<String, String> data = new LinkedHashMap<>(object.getData() == null ? Map.of() : object.getData());
            object.getStringData().forEach((k, v) ->
                    data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            object.setData(data);
        }
        object.setStringData(null);
        if (object.getType() == null || object.getType().isEmpty()) {
            object.setType("Opaque");
        }
        return object;
    }

    @Override
    public List<FieldError> validate(Operation operation, Secret object, Secret old) {
        List<FieldError> errors = new ArrayList<>(DataKeys.validate(object.getData(), "data"));
        if (old == null) {
            return errors;
        }
        if (!Objects.equals(object.getType(), old.getType())) {
            errors.add(FieldError.invalid("type", object.getType(), "field is immutable"));
        }
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(object.getImmutable())) {
                errors.add(DataKeys.immutable("immutable"));
            }
            Map<String, String> data = object.getData() == null ? Map.of() : object.getData();
            Map<String, String> before = old.getData() == null ? Map.of() : old.getData();
            if (!data.equals(before)) {
                errors.add(DataKeys.immutable("data"));
            }
        }
        return errors;
    }
}

package io.pod4j.store;

import io.fabric8.kubernetes.api.model.Secret;
import io.pod4j.api.validation.ObjectRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Secrets as the API server keeps them: pod-api's {@link ObjectRules} (type {@code Opaque} by
 * default, names, data keys); {@code stringData} is written into {@code data} (base64) and not
 * stored; the type never changes; an {@code immutable: true} Secret keeps its data.
 */
final class SecretAdmission implements Admission<Secret> {

    @Override
    public Secret mutate(Operation operation, Secret object, Secret old) {
        Secret s = ObjectRules.defaults(object);
        if (s.getStringData() != null && !s.getStringData().isEmpty()) {
            Map<String, String> data = new LinkedHashMap<>(s.getData() == null ? Map.of() : s.getData());
            // A null value is Go's zero value once decoded: the empty string.
            s.getStringData().forEach((k, v) -> data.put(k,
                    Base64.getEncoder().encodeToString((v == null ? "" : v).getBytes(StandardCharsets.UTF_8))));
            s.setData(data);
        }
        s.setStringData(null);
        return s;
    }

    @Override
    public List<FieldError> validate(Operation operation, Secret object, Secret old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(object)));
        if (old == null) {
            return errors;
        }
        if (!Objects.equals(object.getType(), old.getType())) {
            errors.add(FieldError.invalid("type", object.getType(), "field is immutable"));
        }
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(object.getImmutable())) {
                errors.add(ImmutableData.forbidden("immutable"));
            }
            Map<String, String> data = object.getData() == null ? Map.of() : object.getData();
            Map<String, String> before = old.getData() == null ? Map.of() : old.getData();
            if (!data.equals(before)) {
                errors.add(ImmutableData.forbidden("data"));
            }
        }
        return errors;
    }
}

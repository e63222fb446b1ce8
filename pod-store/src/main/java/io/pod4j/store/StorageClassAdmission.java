package io.pod4j.store;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The storage.k8s.io/v1 StorageClass's admission: reclaimPolicy Delete and volumeBindingMode
 * Immediate by default; {@code ValidateStorageClass}'s provisioner and modes, and on update the
 * fields that may not change.
 */
final class StorageClassAdmission implements Admission<StorageClass> {

    @Override
    public StorageClass mutate(Operation operation, StorageClass object, StorageClass old) {
        StorageClass sc = ObjectRules.defaults(object);
        if (sc.getReclaimPolicy() == null) {
            sc.setReclaimPolicy("Delete");
        }
        if (sc.getVolumeBindingMode() == null) {
            sc.setVolumeBindingMode("Immediate");
        }
        return sc;
    }

    @Override
    public List<FieldError> validate(Operation operation, StorageClass sc, StorageClass old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(sc)));
        if (sc.getProvisioner() == null || sc.getProvisioner().isEmpty()) {
            errors.add(FieldError.required("provisioner", null));
        }
        if (!List.of("Delete", "Retain").contains(sc.getReclaimPolicy())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "reclaimPolicy", "Unsupported value: \""
                    + sc.getReclaimPolicy() + "\": supported values: \"Delete\", \"Retain\""));
        }
        if (!List.of("Immediate", "WaitForFirstConsumer").contains(sc.getVolumeBindingMode())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "volumeBindingMode", "Unsupported value: \""
                    + sc.getVolumeBindingMode() + "\": supported values: \"Immediate\", \"WaitForFirstConsumer\""));
        }
        if (operation == Operation.UPDATE) {
            if (!Objects.equals(sc.getParameters(), old.getParameters())) {
                errors.add(FieldError.forbidden("parameters", "updates to parameters are forbidden."));
            }
            if (!Objects.equals(sc.getProvisioner(), old.getProvisioner())) {
                errors.add(FieldError.forbidden("provisioner", "updates to provisioner are forbidden."));
            }
            if (!Objects.equals(sc.getReclaimPolicy(), old.getReclaimPolicy())) {
                errors.add(FieldError.forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
            }
            if (!Objects.equals(sc.getVolumeBindingMode(), old.getVolumeBindingMode())) {
                errors.add(FieldError.forbidden("volumeBindingMode", "field is immutable"));
            }
        }
        return errors;
    }
}

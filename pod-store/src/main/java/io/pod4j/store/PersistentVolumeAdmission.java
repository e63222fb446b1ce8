package io.pod4j.store;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The core/v1 PersistentVolume's admission: the Retain reclaim policy and Filesystem mode by
 * default, the {@code kubernetes.io/pv-protection} finalizer (StorageObjectInUseProtection);
 * {@code ValidatePersistentVolume}'s capacity, access modes and reclaim policy.
 */
final class PersistentVolumeAdmission implements Admission<PersistentVolume> {

    static final String PROTECTION = "kubernetes.io/pv-protection";

    @Override
    public PersistentVolume mutate(Operation operation, PersistentVolume object, PersistentVolume old) {
        PersistentVolume pv = ObjectRules.defaults(object);
        if (pv.getSpec() == null) {
            pv.setSpec(new PersistentVolumeSpec());
        }
        if (pv.getSpec().getPersistentVolumeReclaimPolicy() == null) {
            pv.getSpec().setPersistentVolumeReclaimPolicy("Retain");
        }
        if (pv.getSpec().getVolumeMode() == null) {
            pv.getSpec().setVolumeMode("Filesystem");
        }
        if (operation == Operation.CREATE) {
            List<String> finalizers = pv.getMetadata().getFinalizers() == null ? new ArrayList<>()
                    : new ArrayList<>(pv.getMetadata().getFinalizers());
            if (!finalizers.contains(PROTECTION)) {
                finalizers.add(PROTECTION);
            }
            pv.getMetadata().setFinalizers(finalizers);
        }
        return pv;
    }

    @Override
    public List<FieldError> validate(Operation operation, PersistentVolume pv, PersistentVolume old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(pv)));
        PersistentVolumeSpec s = pv.getSpec();
        errors.addAll(PersistentVolumeClaimAdmission.accessModes(s.getAccessModes(), "spec.accessModes"));
        if (s.getCapacity() == null || s.getCapacity().get("storage") == null) {
            errors.add(FieldError.required("spec.capacity", null));
        }
        if (!List.of("Recycle", "Delete", "Retain").contains(s.getPersistentVolumeReclaimPolicy())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.persistentVolumeReclaimPolicy",
                    "Unsupported value: \"" + s.getPersistentVolumeReclaimPolicy()
                            + "\": supported values: \"Delete\", \"Recycle\", \"Retain\""));
        }
        if (s.getHostPath() == null && s.getLocal() == null && s.getCsi() == null && s.getNfs() == null) {
            errors.add(FieldError.required("spec", "must specify a volume type"));
        }
        return errors;
    }
}

package io.pod4j.store;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.pod4j.api.quantity.Quantities;
import io.pod4j.api.validation.ObjectRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The core/v1 PersistentVolumeClaim's admission: {@code volumeMode: Filesystem} by default and the
 * {@code kubernetes.io/pvc-protection} finalizer (the StorageObjectInUseProtection plugin);
 * {@code ValidatePersistentVolumeClaim}'s access modes and storage request, and on update a spec
 * that changes only where the binder may change it (an empty volumeName, an unset class).
 */
final class PersistentVolumeClaimAdmission implements Admission<PersistentVolumeClaim> {

    /** The finalizer that keeps a claim while a pod uses it. */
    static final String PROTECTION = "kubernetes.io/pvc-protection";
    static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");

    @Override
    public PersistentVolumeClaim mutate(Operation operation, PersistentVolumeClaim object, PersistentVolumeClaim old) {
        PersistentVolumeClaim pvc = ObjectRules.defaults(object);
        if (pvc.getSpec() == null) {
            pvc.setSpec(new PersistentVolumeClaimSpec());
        }
        if (pvc.getSpec().getVolumeMode() == null) {
            pvc.getSpec().setVolumeMode("Filesystem");
        }
        if (operation == Operation.CREATE) {
            List<String> finalizers = pvc.getMetadata().getFinalizers() == null ? new ArrayList<>()
                    : new ArrayList<>(pvc.getMetadata().getFinalizers());
            if (!finalizers.contains(PROTECTION)) {
                finalizers.add(PROTECTION);
            }
            pvc.getMetadata().setFinalizers(finalizers);
        }
        return pvc;
    }

    @Override
    public List<FieldError> validate(Operation operation, PersistentVolumeClaim pvc, PersistentVolumeClaim old) {
        List<FieldError> errors = new ArrayList<>(ObjectAdmission.errors(ObjectRules.validate(pvc)));
        PersistentVolumeClaimSpec s = pvc.getSpec();
        errors.addAll(accessModes(s.getAccessModes(), "spec.accessModes"));
        Quantity storage = s.getResources() == null || s.getResources().getRequests() == null ? null
                : s.getResources().getRequests().get("storage");
        if (storage == null) {
            errors.add(FieldError.required("spec.resources[storage]", null));
        } else if (Quantities.milliValue(storage) <= 0) {
            errors.add(FieldError.invalid("spec.resources[storage]", storage.toString(), "must be greater than zero"));
        }
        if (!List.of("Filesystem", "Block").contains(s.getVolumeMode())) {
            errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, "spec.volumeMode", "Unsupported value: \""
                    + s.getVolumeMode() + "\": supported values: \"Block\", \"Filesystem\""));
        }
        if (operation == Operation.UPDATE && errors.isEmpty()) {
            PersistentVolumeClaimSpec was = old.getSpec();
            if (!Objects.equals(s.getResources(), was.getResources())) {
                errors.add(FieldError.forbidden("spec.resources.requests.storage", "only dynamically provisioned pvc can"
                        + " be resized and the storageclass that provisions the pvc must support resize"));
            } else if (!sameExceptBinding(s, was)) {
                errors.add(FieldError.forbidden("spec", "spec is immutable after creation except resources.requests and"
                        + " volumeAttributesClassName for bound claims"));
            }
        }
        return errors;
    }

    static List<FieldError> accessModes(List<String> modes, String field) {
        List<FieldError> errors = new ArrayList<>();
        if (modes == null || modes.isEmpty()) {
            errors.add(FieldError.required(field, "at least 1 access mode is required"));
            return errors;
        }
        for (String m : modes) {
            if (!ACCESS_MODES.contains(m)) {
                errors.add(new FieldError(FieldError.Type.NOT_SUPPORTED, field, "Unsupported value: \"" + m
                        + "\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\""));
            }
        }
        return errors;
    }

    /** The binder may fill an empty volumeName, and the class of a claim that had none (the default class). */
    private static boolean sameExceptBinding(PersistentVolumeClaimSpec now, PersistentVolumeClaimSpec old) {
        var a = Json.tree(now);
        var b = Json.tree(old);
        if (old.getVolumeName() == null || old.getVolumeName().isEmpty()) {
            a.remove("volumeName");
            b.remove("volumeName");
        }
        if (old.getStorageClassName() == null) {
            a.remove("storageClassName");
        }
        a.remove("volumeAttributesClassName");
        b.remove("volumeAttributesClassName");
        return a.equals(b);
    }
}

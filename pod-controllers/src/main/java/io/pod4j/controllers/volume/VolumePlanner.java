package io.pod4j.controllers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.pod4j.api.quantity.Quantities;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PersistentVolume controller's decisions ({@code syncClaim}, {@code syncVolume}) and the
 * protection controllers' ({@code pvc-protection}, {@code pv-protection}), pure.
 */
public final class VolumePlanner {

    private VolumePlanner() {
    }

    /**
     * @param claim the claim as stored
     * @param volumes every PersistentVolume
     * @param classes every StorageClass
     * @return what to do for the claim
     */
    public static ClaimPlan claim(PersistentVolumeClaim claim, List<PersistentVolume> volumes, List<StorageClass> classes) {
        String className = claim.getSpec().getStorageClassName();
        if (className == null) {
            // Retroactive default class assignment (the controller's, since 1.28).
            Optional<StorageClass> def = classes.stream().filter(VolumePlanner::isDefault)
                    .max(Comparator.comparing(sc -> sc.getMetadata().getCreationTimestamp() == null ? ""
                            : sc.getMetadata().getCreationTimestamp()));
            if (def.isPresent()) {
                return new ClaimPlan(def.get().getMetadata().getName(), null, null, claim.getStatus(), null);
            }
        }
        String uid = claim.getMetadata().getUid();
        String bound = claim.getSpec().getVolumeName();
        if (bound != null && !bound.isEmpty()) {
            Optional<PersistentVolume> pv = volumes.stream().filter(v -> v.getMetadata().getName().equals(bound)).findFirst();
            if (pv.isEmpty()) {
                boolean wasBound = claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase());
                return new ClaimPlan(null, null, null, phase(claim, "Lost"), wasBound ? new ClaimPlan.Event(true, "ClaimLost",
                        "Bound claim has lost its PersistentVolume. Data on the volume is lost!") : null);
            }
            return new ClaimPlan(null, null, pv.get(), bound(claim, pv.get()), null);
        }
        Optional<PersistentVolume> preBound = volumes.stream().filter(v -> v.getSpec().getClaimRef() != null
                && uid.equals(v.getSpec().getClaimRef().getUid())).findFirst();
        if (preBound.isPresent()) {
            return new ClaimPlan(null, null, preBound.get(), bound(claim, preBound.get()), null);
        }
        Optional<PersistentVolume> match = volumes.stream().filter(v -> matches(v, claim))
                .min(Comparator.comparingLong(v -> Quantities.milliValue(v.getSpec().getCapacity().get("storage"))));
        if (match.isPresent()) {
            return new ClaimPlan(null, null, match.get(), bound(claim, match.get()), null);
        }
        boolean first = claim.getStatus() == null || claim.getStatus().getPhase() == null;
        if (className == null || className.isEmpty()) {
            return new ClaimPlan(null, null, null, phase(claim, "Pending"), first ? new ClaimPlan.Event(false, "FailedBinding",
                    "no persistent volumes available for this claim and no storage class is set") : null);
        }
        Optional<StorageClass> sc = classes.stream().filter(c -> c.getMetadata().getName().equals(className)).findFirst();
        if (sc.isEmpty()) {
            return new ClaimPlan(null, null, null, phase(claim, "Pending"), first ? new ClaimPlan.Event(true,
                    "ProvisioningFailed", "storageclass.storage.k8s.io \"" + className + "\" not found") : null);
        }
        if (LocalVolumes.PROVISIONER.equals(sc.get().getProvisioner())) {
            return new ClaimPlan(null, LocalVolumes.provision(claim, sc.get()), null, phase(claim, "Pending"),
                    new ClaimPlan.Event(false, "ProvisioningSucceeded", "Successfully provisioned volume pvc-" + uid));
        }
        return new ClaimPlan(null, null, null, phase(claim, "Pending"), first ? new ClaimPlan.Event(false, "ExternalProvisioning",
                "Waiting for a volume to be created either by the external provisioner '" + sc.get().getProvisioner()
                        + "' or manually by the system administrator. If volume creation is delayed, please verify that the"
                        + " provisioner is running and correctly registered.") : null);
    }

    /**
     * What a volume's sync writes: its phase, and whether to delete it (a released volume whose
     * policy is Delete) or drop its {@code kubernetes.io/pv-protection} finalizer (deleted, not bound).
     *
     * @param pv the volume as stored
     * @param claim the claim its claimRef names, if it exists
     * @return the plan
     */
    public static VolumePlan volume(PersistentVolume pv, Optional<PersistentVolumeClaim> claim) {
        String phase = pv.getStatus() == null ? null : pv.getStatus().getPhase();
        var ref = pv.getSpec().getClaimRef();
        String want;
        if (ref == null) {
            want = "Available";
        } else if (claim.isPresent() && (ref.getUid() == null || ref.getUid().equals(claim.get().getMetadata().getUid()))) {
            want = pv.getMetadata().getName().equals(claim.get().getSpec().getVolumeName()) ? "Bound"
                    : phase == null ? "Available" : phase;
        } else if (ref.getUid() == null) {
            want = "Available"; // pre-bound by name to a claim not made yet
        } else {
            want = "Bound".equals(phase) || "Released".equals(phase) ? "Released" : phase == null ? "Available" : phase;
            if ("Available".equals(want)) {
                want = "Released"; // its claim was deleted before the volume was bound
            }
        }
        boolean deleting = pv.getMetadata().getDeletionTimestamp() != null;
        boolean delete = "Released".equals(want) && "Delete".equals(pv.getSpec().getPersistentVolumeReclaimPolicy()) && !deleting;
        boolean unprotect = deleting && !"Bound".equals(want) && finalizers(pv).contains(PV_PROTECTION);
        return new VolumePlan(Objects.equals(phase, want) ? null : want, delete, unprotect);
    }

    /** The finalizer that keeps a claim while a pod uses it. */
    public static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";
    /** The finalizer that keeps a volume while it is bound. */
    public static final String PV_PROTECTION = "kubernetes.io/pv-protection";

    /**
     * @param claim a claim
     * @param pods the pods of its namespace
     * @return whether a pod that has not finished uses the claim (pvc-protection keeps it then)
     */
    public static boolean inUse(PersistentVolumeClaim claim, List<Pod> pods) {
        for (Pod p : pods) {
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            for (Volume v : p.getSpec().getVolumes() == null ? List.<Volume>of() : p.getSpec().getVolumes()) {
                if (v.getPersistentVolumeClaim() != null
                        && claim.getMetadata().getName().equals(v.getPersistentVolumeClaim().getClaimName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDefault(StorageClass sc) {
        var a = sc.getMetadata().getAnnotations();
        return a != null && ("true".equals(a.get(LocalVolumes.IS_DEFAULT))
                || "true".equals(a.get("storageclass.beta.kubernetes.io/is-default-class")));
    }

    /** An unbound volume of the claim's class that offers its access modes and at least its size. */
    private static boolean matches(PersistentVolume v, PersistentVolumeClaim claim) {
        if (v.getSpec().getClaimRef() != null && (v.getSpec().getClaimRef().getUid() != null
                || !claim.getMetadata().getName().equals(v.getSpec().getClaimRef().getName())
                || !claim.getMetadata().getNamespace().equals(v.getSpec().getClaimRef().getNamespace()))) {
            return false;
        }
        if (v.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String want = claim.getSpec().getStorageClassName() == null ? "" : claim.getSpec().getStorageClassName();
        String has = v.getSpec().getStorageClassName() == null ? "" : v.getSpec().getStorageClassName();
        Quantity size = v.getSpec().getCapacity() == null ? null : v.getSpec().getCapacity().get("storage");
        Quantity asked = claim.getSpec().getResources().getRequests().get("storage");
        return want.equals(has) && size != null && Quantities.milliValue(size) >= Quantities.milliValue(asked)
                && v.getSpec().getAccessModes().containsAll(claim.getSpec().getAccessModes())
                && Objects.equals(v.getSpec().getVolumeMode(), claim.getSpec().getVolumeMode());
    }

    private static PersistentVolumeClaimStatus bound(PersistentVolumeClaim claim, PersistentVolume pv) {
        return new PersistentVolumeClaimStatusBuilder(claim.getStatus() == null ? new PersistentVolumeClaimStatus()
                : claim.getStatus()).withPhase("Bound").withAccessModes(pv.getSpec().getAccessModes())
                .withCapacity(pv.getSpec().getCapacity()).build();
    }

    private static PersistentVolumeClaimStatus phase(PersistentVolumeClaim claim, String phase) {
        return new PersistentVolumeClaimStatusBuilder(claim.getStatus() == null ? new PersistentVolumeClaimStatus()
                : claim.getStatus()).withPhase(phase).build();
    }

    private static List<String> finalizers(PersistentVolume pv) {
        return pv.getMetadata().getFinalizers() == null ? List.of() : pv.getMetadata().getFinalizers();
    }
}

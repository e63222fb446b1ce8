package io.pod4j.controllers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.EventRecorder;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.controllers.Result;
import io.pod4j.controllers.Stores;
import io.pod4j.controllers.Watched;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import io.pod4j.store.WatchEvent;
import io.pod4j.store.WriteOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The PersistentVolume controller with pod4j's provisioner and the two protection controllers:
 * gives a claim the default class, provisions a volume for it ({@link LocalVolumes}), binds claim
 * and volume both ways, releases and deletes a volume whose claim is gone (policy Delete), and
 * lets a deleted claim go once no pod uses it ({@code kubernetes.io/pvc-protection}) and a deleted
 * volume once it is not bound. Decides in {@link VolumePlanner}; acts here.
 */
public final class PersistentVolumeController implements Controller {

    public static final String NAME = "persistentvolume-binder-controller";

    private final ObjectStore store;
    private final EventRecorder events;
    private final EventRecorder provisioner;

    public PersistentVolumeController(ObjectStore store, Clock clock) {
        this.store = store;
        this.events = new EventRecorder(store, clock, "persistentvolume-controller");
        this.provisioner = new EventRecorder(store, clock, LocalVolumes.PROVISIONER);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Watched<?>> watches() {
        return List.of(Watched.self(ResourceTypes.PERSISTENT_VOLUME_CLAIMS),
                new Watched<>(ResourceTypes.PERSISTENT_VOLUMES, this::volumeChanged),
                new Watched<>(ResourceTypes.STORAGE_CLASSES, e -> unboundClaims()),
                new Watched<>(ResourceTypes.PODS, this::podChanged));
    }

    private List<ObjectKey> volumeChanged(WatchEvent<PersistentVolume> e) {
        List<ObjectKey> keys = new ArrayList<>(List.of(ObjectKey.of(ResourceTypes.PERSISTENT_VOLUMES, e.object())));
        var ref = e.object().getSpec() == null ? null : e.object().getSpec().getClaimRef();
        if (ref != null && ref.getName() != null) {
            keys.add(new ObjectKey(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, ref.getNamespace(), ref.getName()));
        }
        return keys;
    }

    private List<ObjectKey> unboundClaims() {
        return store.list(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, ListOptions.all()).items().stream()
                .filter(c -> c.getSpec().getVolumeName() == null || c.getSpec().getVolumeName().isEmpty())
                .map(c -> ObjectKey.of(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, c)).toList();
    }

    /** A pod's claims: one being deleted may go when the pod goes. */
    private List<ObjectKey> podChanged(WatchEvent<Pod> e) {
        Pod pod = e.object();
        List<ObjectKey> keys = new ArrayList<>();
        for (Volume v : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
            if (v.getPersistentVolumeClaim() != null) {
                keys.add(new ObjectKey(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, pod.getMetadata().getNamespace(),
                        v.getPersistentVolumeClaim().getClaimName()));
            }
        }
        return keys;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        if (key.type().equals(ResourceTypes.PERSISTENT_VOLUMES)) {
            Stores.find(store, ResourceTypes.PERSISTENT_VOLUMES, key).ifPresent(this::syncVolume);
        } else {
            Stores.find(store, ResourceTypes.PERSISTENT_VOLUME_CLAIMS, key).ifPresent(this::syncClaim);
        }
        return Result.done();
    }

    private void syncClaim(PersistentVolumeClaim claim) {
        if (claim.getMetadata().getDeletionTimestamp() != null) {
            protect(claim);
            return;
        }
        ClaimPlan plan = VolumePlanner.claim(claim, store.list(ResourceTypes.PERSISTENT_VOLUMES, ListOptions.all()).items(),
                store.list(ResourceTypes.STORAGE_CLASSES, ListOptions.all()).items());
        if (plan.storageClass() != null) {
            claim.getSpec().setStorageClassName(plan.storageClass());
            store.update(claim, WriteOptions.fieldManager(NAME));
            return;
        }
        if (plan.provision() != null) {
            try {
                store.create(plan.provision(), WriteOptions.fieldManager(NAME));
                record(provisioner, claim, plan.event());
            } catch (StoreException e) {
                if (e.code() != 409) {
                    provisioner.warning(claim, "ProvisioningFailed", "failed to provision volume with StorageClass \""
                            + claim.getSpec().getStorageClassName() + "\": " + e.getMessage());
                    throw e;
                }
            }
            return;
        }
        if (plan.volume() != null) {
            claim = bind(claim, plan.volume());
        }
        if (!Objects.equals(claim.getStatus(), plan.status())) {
            claim.setStatus(plan.status());
            store.updateStatus(claim, WriteOptions.fieldManager(NAME));
        }
        record(events, claim, plan.event());
    }

    /** Binds both ways: the volume's claimRef (with the claim's uid), the claim's volumeName, then the volume's phase. */
    private PersistentVolumeClaim bind(PersistentVolumeClaim claim, PersistentVolume pv) {
        var ref = pv.getSpec().getClaimRef();
        if (ref == null || ref.getUid() == null) {
            pv.getSpec().setClaimRef(new io.fabric8.kubernetes.api.model.ObjectReferenceBuilder().withApiVersion("v1")
                    .withKind("PersistentVolumeClaim").withNamespace(claim.getMetadata().getNamespace())
                    .withName(claim.getMetadata().getName()).withUid(claim.getMetadata().getUid())
                    .withResourceVersion(claim.getMetadata().getResourceVersion()).build());
            annotate(pv.getMetadata(), "pv.kubernetes.io/bound-by-controller");
            pv = store.update(pv, WriteOptions.fieldManager(NAME));
        }
        if (claim.getSpec().getVolumeName() == null || claim.getSpec().getVolumeName().isEmpty()) {
            claim.getSpec().setVolumeName(pv.getMetadata().getName());
            annotate(claim.getMetadata(), "pv.kubernetes.io/bind-completed");
            annotate(claim.getMetadata(), "pv.kubernetes.io/bound-by-controller");
            claim = store.update(claim, WriteOptions.fieldManager(NAME));
        }
        if (pv.getStatus() == null || !"Bound".equals(pv.getStatus().getPhase())) {
            pv.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeStatusBuilder().withPhase("Bound").build());
            store.updateStatus(pv, WriteOptions.fieldManager(NAME));
        }
        return claim;
    }

    private static void annotate(io.fabric8.kubernetes.api.model.ObjectMeta meta, String key) {
        Map<String, String> a = meta.getAnnotations() == null ? new HashMap<>() : new HashMap<>(meta.getAnnotations());
        a.put(key, "yes");
        meta.setAnnotations(a);
    }

    /** pvc-protection: a deleted claim goes once no unfinished pod uses it. */
    private void protect(PersistentVolumeClaim claim) {
        List<String> finalizers = claim.getMetadata().getFinalizers() == null ? List.of() : claim.getMetadata().getFinalizers();
        if (!finalizers.contains(VolumePlanner.PVC_PROTECTION)) {
            return;
        }
        List<Pod> pods = store.list(ResourceTypes.PODS, ListOptions.inNamespace(claim.getMetadata().getNamespace())).items();
        if (!VolumePlanner.inUse(claim, pods)) {
            claim.getMetadata().setFinalizers(finalizers.stream().filter(f -> !f.equals(VolumePlanner.PVC_PROTECTION)).toList());
            store.update(claim, WriteOptions.fieldManager("pvc-protection-controller"));
        }
    }

    private void syncVolume(PersistentVolume pv) {
        var ref = pv.getSpec().getClaimRef();
        Optional<PersistentVolumeClaim> claim = ref == null || ref.getName() == null ? Optional.empty()
                : Stores.find(store, ResourceTypes.PERSISTENT_VOLUME_CLAIMS, ref.getNamespace(), ref.getName());
        VolumePlan plan = VolumePlanner.volume(pv, claim);
        if (plan.phase() != null) {
            pv.setStatus(new io.fabric8.kubernetes.api.model.PersistentVolumeStatusBuilder().withPhase(plan.phase()).build());
            pv = store.updateStatus(pv, WriteOptions.fieldManager(NAME));
        }
        if (plan.unprotect()) {
            pv.getMetadata().setFinalizers(pv.getMetadata().getFinalizers().stream()
                    .filter(f -> !f.equals(VolumePlanner.PV_PROTECTION)).toList());
            store.update(pv, WriteOptions.fieldManager("pv-protection-controller"));
        }
        if (plan.delete()) {
            try {
                store.delete(ResourceTypes.PERSISTENT_VOLUMES, null, pv.getMetadata().getName(), null);
            } catch (StoreException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    private static void record(EventRecorder recorder, PersistentVolumeClaim claim, ClaimPlan.Event event) {
        if (event == null) {
            return;
        }
        if (event.warning()) {
            recorder.warning(claim, event.reason(), event.message());
        } else {
            recorder.normal(claim, event.reason(), event.message());
        }
    }
}

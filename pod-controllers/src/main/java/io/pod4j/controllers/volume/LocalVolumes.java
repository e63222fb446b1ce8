package io.pod4j.controllers.volume;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.Map;

/**
 * pod4j's own storage, as kind and K3s ship a local-path class: the default StorageClass
 * {@code standard}, whose provisioner {@value #PROVISIONER} gives each claim a PersistentVolume
 * backed by one Docker volume (a CSI-shaped volume whose handle names it), deleted with the claim.
 */
public final class LocalVolumes {

    /** The provisioner and CSI driver name of pod4j's volumes. */
    public static final String PROVISIONER = "pod4j.io/docker-volume";
    /** The default class's name, as kind's. */
    public static final String DEFAULT_CLASS = "standard";
    /** The annotation that marks a class the default. */
    public static final String IS_DEFAULT = "storageclass.kubernetes.io/is-default-class";
    /** The finalizer the provisioner keeps on its volumes until the Docker volume is gone. */
    public static final String PROVISIONER_FINALIZER = "external-provisioner.volume.kubernetes.io/finalizer";

    private LocalVolumes() {
    }

    /** @return the class an engine creates in its store when the store has none of that name */
    public static StorageClass defaultClass() {
        return new StorageClassBuilder()
                .withNewMetadata().withName(DEFAULT_CLASS).withAnnotations(Map.of(IS_DEFAULT, "true")).endMetadata()
                .withProvisioner(PROVISIONER).withReclaimPolicy("Delete").withVolumeBindingMode("Immediate")
                .build();
    }

    /**
     * The volume the provisioner creates for a claim, pre-bound to it (as external-provisioner's).
     *
     * @param claim the claim, with its uid
     * @param sc its class
     * @return the volume to create
     */
    public static PersistentVolume provision(PersistentVolumeClaim claim, StorageClass sc) {
        String name = "pvc-" + claim.getMetadata().getUid();
        Quantity size = claim.getSpec().getResources().getRequests().get("storage");
        return new PersistentVolumeBuilder()
                .withNewMetadata().withName(name)
                        .withAnnotations(Map.of("pv.kubernetes.io/provisioned-by", sc.getProvisioner()))
                        .addToFinalizers(PROVISIONER_FINALIZER)
                .endMetadata()
                .withNewSpec()
                        .withAccessModes(claim.getSpec().getAccessModes())
                        .withCapacity(Map.of("storage", size))
                        .withClaimRef(new ObjectReferenceBuilder().withApiVersion("v1").withKind("PersistentVolumeClaim")
                                .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                                .withUid(claim.getMetadata().getUid())
                                .withResourceVersion(claim.getMetadata().getResourceVersion()).build())
                        .withPersistentVolumeReclaimPolicy(sc.getReclaimPolicy() == null ? "Delete" : sc.getReclaimPolicy())
                        .withStorageClassName(sc.getMetadata().getName())
                        .withVolumeMode(claim.getSpec().getVolumeMode())
                        .withNewCsi().withDriver(PROVISIONER).withVolumeHandle(name).endCsi()
                .endSpec()
                .build();
    }

    /** @return whether the volume is one of pod4j's Docker volumes */
    public static boolean isLocal(PersistentVolume pv) {
        return pv.getSpec() != null && pv.getSpec().getCsi() != null && PROVISIONER.equals(pv.getSpec().getCsi().getDriver());
    }
}

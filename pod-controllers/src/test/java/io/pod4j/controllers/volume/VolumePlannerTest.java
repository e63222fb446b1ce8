package io.pod4j.controllers.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumePlannerTest {

    private static final StorageClass STANDARD = new StorageClassBuilder(LocalVolumes.defaultClass()).editMetadata()
            .withCreationTimestamp("2026-12-03T10:00:00Z").endMetadata().build();

    static PersistentVolumeClaim claim(String name, String className) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withUid("uid-" + name).withResourceVersion("5").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(className).withVolumeMode("Filesystem")
                        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().build();
    }

    static PersistentVolume volume(String name, String size, String className) {
        return new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").addToCapacity("storage", new Quantity(size))
                        .withStorageClassName(className).withVolumeMode("Filesystem").withPersistentVolumeReclaimPolicy("Retain")
                        .withNewHostPath("/data/" + name, "").endSpec()
                .withNewStatus().withPhase("Available").endStatus().build();
    }

    @Test
    void aClaimWithoutClassGetsTheDefaultClass() {
        ClaimPlan plan = VolumePlanner.claim(claim("data", null), List.of(), List.of(STANDARD));

        assertThat(plan.storageClass()).isEqualTo("standard");
        assertThat(plan.provision()).isNull();
    }

    @Test
    void aClaimOfTheLocalClassGetsAVolumeProvisionedAndPreBoundToIt() {
        ClaimPlan plan = VolumePlanner.claim(claim("data", "standard"), List.of(), List.of(STANDARD));

        PersistentVolume pv = plan.provision();
        assertThat(pv.getMetadata().getName()).isEqualTo("pvc-uid-data");
        assertThat(pv.getSpec().getClaimRef().getUid()).isEqualTo("uid-data");
        assertThat(pv.getSpec().getCapacity().get("storage")).isEqualTo(new Quantity("1Gi"));
        assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
        assertThat(pv.getSpec().getCsi().getDriver()).isEqualTo(LocalVolumes.PROVISIONER);
        assertThat(pv.getMetadata().getFinalizers()).containsExactly(LocalVolumes.PROVISIONER_FINALIZER);
        assertThat(plan.event().reason()).isEqualTo("ProvisioningSucceeded");
    }

    @Test
    void aProvisionedVolumeIsBoundToItsClaim() {
        PersistentVolumeClaim c = claim("data", "standard");
        PersistentVolume pv = LocalVolumes.provision(c, STANDARD);

        ClaimPlan plan = VolumePlanner.claim(c, List.of(pv), List.of(STANDARD));

        assertThat(plan.volume()).isEqualTo(pv);
        assertThat(plan.status().getPhase()).isEqualTo("Bound");
        assertThat(plan.status().getCapacity().get("storage")).isEqualTo(new Quantity("1Gi"));
        assertThat(plan.status().getAccessModes()).containsExactly("ReadWriteOnce");
    }

    @Test
    void aStaticClaimBindsTheSmallestVolumeThatFits() {
        ClaimPlan plan = VolumePlanner.claim(claim("data", ""), List.of(volume("big", "10Gi", ""),
                volume("small", "500Mi", ""), volume("fits", "2Gi", ""), volume("other", "1Gi", "fast")), List.of(STANDARD));

        assertThat(plan.volume().getMetadata().getName()).isEqualTo("fits");
    }

    @Test
    void aClaimWithNoClassAndNoVolumeWaitsWithTheControllersEvent() {
        ClaimPlan plan = VolumePlanner.claim(claim("data", ""), List.of(), List.of(STANDARD));

        assertThat(plan.status().getPhase()).isEqualTo("Pending");
        assertThat(plan.event().message()).isEqualTo("no persistent volumes available for this claim and no storage class is set");
    }

    @Test
    void aClaimOfAMissingClassWaitsWithAWarning() {
        ClaimPlan plan = VolumePlanner.claim(claim("data", "fast"), List.of(), List.of(STANDARD));

        assertThat(plan.status().getPhase()).isEqualTo("Pending");
        assertThat(plan.event().warning()).isTrue();
        assertThat(plan.event().message()).isEqualTo("storageclass.storage.k8s.io \"fast\" not found");
    }

    @Test
    void aBoundClaimWhoseVolumeIsGoneIsLost() {
        PersistentVolumeClaim c = new PersistentVolumeClaimBuilder(claim("data", "standard")).editSpec().withVolumeName("pv1")
                .endSpec().withNewStatus().withPhase("Bound").endStatus().build();

        ClaimPlan plan = VolumePlanner.claim(c, List.of(), List.of(STANDARD));

        assertThat(plan.status().getPhase()).isEqualTo("Lost");
        assertThat(plan.event().reason()).isEqualTo("ClaimLost");
    }

    @Test
    void aVolumeWhoseClaimIsGoneIsReleasedAndDeletedUnderTheDeletePolicy() {
        PersistentVolumeClaim c = claim("data", "standard");
        PersistentVolume pv = new PersistentVolumeBuilder(LocalVolumes.provision(c, STANDARD)).withNewStatus().withPhase("Bound")
                .endStatus().build();

        VolumePlan plan = VolumePlanner.volume(pv, Optional.empty());

        assertThat(plan.phase()).isEqualTo("Released");
        assertThat(plan.delete()).isTrue();
    }

    @Test
    void aRetainedVolumeIsOnlyReleased() {
        PersistentVolume pv = new PersistentVolumeBuilder(volume("pv1", "1Gi", "")).editSpec().withNewClaimRef()
                .withNamespace("default").withName("gone").withUid("uid-gone").endClaimRef().endSpec()
                .editStatus().withPhase("Bound").endStatus().build();

        VolumePlan plan = VolumePlanner.volume(pv, Optional.empty());

        assertThat(plan.phase()).isEqualTo("Released");
        assertThat(plan.delete()).isFalse();
    }

    @Test
    void aVolumeBoundBothWaysIsBoundAndKeepsItsProtection() {
        PersistentVolumeClaim c = new PersistentVolumeClaimBuilder(claim("data", "standard")).editSpec()
                .withVolumeName("pvc-uid-data").endSpec().build();
        PersistentVolume pv = new PersistentVolumeBuilder(LocalVolumes.provision(c, STANDARD)).editMetadata()
                .withDeletionTimestamp("2026-12-03T12:00:00Z").addToFinalizers(VolumePlanner.PV_PROTECTION).endMetadata().build();

        VolumePlan plan = VolumePlanner.volume(pv, Optional.of(c));

        assertThat(plan.phase()).isEqualTo("Bound");
        assertThat(plan.unprotect()).isFalse();
        assertThat(VolumePlanner.volume(new PersistentVolumeBuilder(pv).withNewStatus().withPhase("Released").endStatus()
                .build(), Optional.empty()).unprotect()).isTrue();
    }

    @Test
    void aClaimIsInUseWhileAnUnfinishedPodMountsIt() {
        PersistentVolumeClaim c = claim("data", "standard");
        Pod running = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().addNewVolume().withName("v")
                .withNewPersistentVolumeClaim("data", false).endVolume().endSpec().withNewStatus().withPhase("Running")
                .endStatus().build();
        Pod done = new PodBuilder(running).editStatus().withPhase("Succeeded").endStatus().build();

        assertThat(VolumePlanner.inUse(c, List.of(running))).isTrue();
        assertThat(VolumePlanner.inUse(c, List.of(done))).isFalse();
    }
}

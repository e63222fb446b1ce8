package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import org.junit.jupiter.api.Test;

/** PersistentVolumeClaims, PersistentVolumes and StorageClasses: the API server's defaults, finalizers and rules. */
class StorageAdmissionTest {

    static PersistentVolumeClaim claim(String name) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce")
                        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                .endSpec().build();
    }

    @Test
    void aClaimGetsThePvcProtectionFinalizerAndFilesystemMode() {
        PersistentVolumeClaim pvc = store().create(claim("data"));

        assertThat(pvc.getMetadata().getFinalizers()).containsExactly("kubernetes.io/pvc-protection");
        assertThat(pvc.getSpec().getVolumeMode()).isEqualTo("Filesystem");
        assertThat(pvc.getMetadata().getNamespace()).isEqualTo("default");
    }

    @Test
    void aClaimWithoutAccessModesOrStorageIsRefusedInTheApiServersWords() {
        PersistentVolumeClaim pvc = new PersistentVolumeClaimBuilder(claim("data")).editSpec().withAccessModes()
                .withResources(null).endSpec().build();

        assertRefused(() -> store().create(pvc), 422, "Invalid", null).hasMessage("PersistentVolumeClaim \"data\" is invalid:"
                + " [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]");
    }

    @Test
    void aClaimsSpecIsImmutableExceptForBinding() {
        ObjectStore store = store();
        PersistentVolumeClaim pvc = store.create(claim("data"));
        pvc.getSpec().setVolumeName("pvc-1");
        pvc.getSpec().setStorageClassName("standard");
        PersistentVolumeClaim bound = store.update(pvc);
        assertThat(bound.getSpec().getVolumeName()).isEqualTo("pvc-1");
        bound.getSpec().setVolumeName("pvc-2");

        assertRefused(() -> store.update(bound), 422, "Invalid", null).hasMessage("PersistentVolumeClaim \"data\" is invalid:"
                + " spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName"
                + " for bound claims");
    }

    @Test
    void aVolumeGetsPvProtectionAndTheRetainPolicy() {
        PersistentVolume pv = store().create(new PersistentVolumeBuilder().withNewMetadata().withName("pv1").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").addToCapacity("storage", new Quantity("1Gi"))
                        .withNewHostPath().withPath("/tmp/pv1").endHostPath().endSpec().build());

        assertThat(pv.getMetadata().getFinalizers()).containsExactly("kubernetes.io/pv-protection");
        assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
        assertThat(pv.getMetadata().getNamespace()).isNull();
    }

    @Test
    void aVolumeWithoutSourceIsRefused() {
        PersistentVolume pv = new PersistentVolumeBuilder().withNewMetadata().withName("pv1").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").addToCapacity("storage", new Quantity("1Gi")).endSpec().build();

        assertRefused(() -> store().create(pv), 422, "Invalid", null).hasMessage("PersistentVolume \"pv1\" is invalid:"
                + " spec: Required value: must specify a volume type");
    }

    @Test
    void aStorageClassDefaultsToDeleteAndImmediateAndKeepsItsProvisioner() {
        ObjectStore store = store();
        StorageClass sc = store.create(new StorageClassBuilder().withNewMetadata().withName("fast").endMetadata()
                .withProvisioner("example.com/disk").build());
        sc.setProvisioner("example.com/other");

        assertThat(sc.getReclaimPolicy()).isEqualTo("Delete");
        assertThat(sc.getVolumeBindingMode()).isEqualTo("Immediate");
        assertRefused(() -> store.update(sc), 422, "Invalid", null).hasMessage("StorageClass.storage.k8s.io \"fast\" is invalid:"
                + " provisioner: Forbidden: updates to provisioner are forbidden.");
    }

    @Test
    void aStatefulSetsContainersMayMountItsVolumeClaimTemplates() {
        var sts = new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withServiceName("db").withNewSelector().addToMatchLabels("app", "db").endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata().withNewSpec()
                                .addNewContainer().withName("c").withImage("busybox:1").addNewVolumeMount().withName("data")
                                        .withMountPath("/data").endVolumeMount().endContainer().endSpec().endTemplate()
                        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                                .withAccessModes("ReadWriteOnce").withNewResources().addToRequests("storage", new Quantity("1Mi"))
                                .endResources().endSpec().endVolumeClaimTemplate()
                .endSpec().build();

        assertThat(store().create(sts).getSpec().getTemplate().getSpec().getVolumes()).isNullOrEmpty();
    }
}

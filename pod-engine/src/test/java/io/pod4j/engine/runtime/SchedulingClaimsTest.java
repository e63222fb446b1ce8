package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scheduler's VolumeBinding filter: a pod waits, in the scheduler's words, for its claims. */
class SchedulingClaimsTest {

    private static final Pod POD = new PodBuilder().withNewMetadata().withName("db").withNamespace("default").endMetadata()
            .withNewSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim("data-db-0", false).endVolume()
            .addNewContainer().withName("c").withImage("busybox:1").endContainer().endSpec().build();

    private static PersistentVolumeClaim claim(String volumeName, String deletionTimestamp) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("data-db-0")
                .withDeletionTimestamp(deletionTimestamp).endMetadata().withNewSpec().withVolumeName(volumeName).endSpec().build();
    }

    @Test
    void aPodWhoseClaimDoesNotExistIsUnschedulable() {
        assertThat(Scheduling.unboundClaims(POD, name -> Optional.empty())).isEqualTo("0/1 nodes are available:"
                + " persistentvolumeclaim \"data-db-0\" not found. preemption: 0/1 nodes are available: 1 Preemption is not"
                + " helpful for scheduling.");
    }

    @Test
    void aPodWhoseClaimIsNotBoundWaits() {
        assertThat(Scheduling.unboundClaims(POD, name -> Optional.of(claim(null, null)))).isEqualTo("0/1 nodes are available:"
                + " pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not"
                + " helpful for scheduling.");
    }

    @Test
    void aPodWhoseClaimIsBeingDeletedIsUnschedulable() {
        assertThat(Scheduling.unboundClaims(POD, name -> Optional.of(claim("pv", "2026-12-03T12:00:00Z"))))
                .contains("persistentvolumeclaim \"data-db-0\" is being deleted.");
    }

    @Test
    void aPodWithBoundClaimsFits() {
        Map<String, PersistentVolumeClaim> claims = Map.of("data-db-0", claim("pvc-1", null));

        assertThat(Scheduling.unboundClaims(POD, name -> Optional.ofNullable(claims.get(name)))).isNull();
    }
}

package io.pod4j.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcPlannerTest {

    private static Pod pod(String name, String... ownerUids) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name).endMetadata();
        for (String uid : ownerUids) {
            b.editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                    .withName("rs-" + uid).withUid(uid).withController(true).withBlockOwnerDeletion(true).build()).endMetadata();
        }
        return b.build();
    }

    private static ReplicaSet deleting(String finalizer) {
        return new ReplicaSetBuilder().withNewMetadata().withName("rs").withNamespace("default").withUid("rs")
                .withDeletionTimestamp("2026-12-03T12:00:00Z").withFinalizers(finalizer).endMetadata().build();
    }

    @Test
    void anObjectWhoseOnlyOwnerIsGoneIsDeletedInTheBackground() {
        assertThat(GcPlanner.plan(pod("p", "rs"), Map.of("rs", OwnerState.ABSENT), List.of()))
                .containsExactly(new GcAction.DeleteSelf("Background"));
    }

    @Test
    void anObjectWithAnOwnerLeftOnlyDropsTheGoneOwnersReference() {
        assertThat(GcPlanner.plan(pod("p", "a", "b"), Map.of("a", OwnerState.ABSENT, "b", OwnerState.PRESENT), List.of()))
                .containsExactly(new GcAction.RemoveOwnerReferences(List.of("a")));
    }

    @Test
    void anObjectWithItsOwnersPresentOrOfUnknownKindIsLeftAlone() {
        assertThat(GcPlanner.plan(pod("p", "rs"), Map.of("rs", OwnerState.PRESENT), List.of())).isEmpty();
        assertThat(GcPlanner.plan(pod("p", "x"), Map.of("x", OwnerState.UNKNOWN), List.of())).isEmpty();
        assertThat(GcPlanner.plan(pod("p"), Map.of(), List.of())).isEmpty();
    }

    @Test
    void aForegroundDeletionDeletesTheBlockingDependentsFirst() {
        List<HasMetadata> dependents = List.of(pod("a", "rs"), pod("b", "rs"));

        assertThat(GcPlanner.plan(deleting("foregroundDeletion"), Map.of(), dependents))
                .containsExactly(new GcAction.DeleteDependent(dependents.get(0)), new GcAction.DeleteDependent(dependents.get(1)));
    }

    @Test
    void aForegroundDeletionWaitsForDependentsAlreadyGoingAndEndsWhenNoneIsLeft() {
        Pod going = new PodBuilder(pod("a", "rs")).editMetadata().withDeletionTimestamp("2026-12-03T12:00:00Z").endMetadata().build();

        assertThat(GcPlanner.plan(deleting("foregroundDeletion"), Map.of(), List.of(going))).isEmpty();
        assertThat(GcPlanner.plan(deleting("foregroundDeletion"), Map.of(), List.of()))
                .containsExactly(new GcAction.RemoveFinalizer("foregroundDeletion"));
    }

    @Test
    void anOrphanDeletionReleasesEveryDependentThenItself() {
        Pod a = pod("a", "rs");

        assertThat(GcPlanner.plan(deleting("orphan"), Map.of(), List.of(a)))
                .containsExactly(new GcAction.Orphan(a), new GcAction.RemoveFinalizer("orphan"));
    }

    @Test
    void aDependentWithDependentsOfItsOwnGoesInTheForegroundWhenItsOwnerWaits() {
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("rs").withNamespace("default").withUid("rs")
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment").withName("d")
                        .withUid("d").withController(true).withBlockOwnerDeletion(true).build()).endMetadata().build();

        assertThat(GcPlanner.plan(rs, Map.of("d", OwnerState.DELETING_DEPENDENTS), List.of(pod("p", "rs"))))
                .containsExactly(new GcAction.DeleteSelf("Foreground"));
        assertThat(GcPlanner.plan(rs, Map.of("d", OwnerState.DELETING_DEPENDENTS), List.of()))
                .containsExactly(new GcAction.DeleteSelf("Background"));
    }
}

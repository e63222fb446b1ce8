package io.pod4j.controllers.statefulset;

import static io.pod4j.controllers.Fixtures.NOW;
import static io.pod4j.controllers.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatefulSetPlannerTest {

    static StatefulSet sts(int replicas, String policy) {
        return new StatefulSetBuilder().withNewMetadata().withName("db").withNamespace("default").withUid("uid-db")
                .withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withServiceName("db").withPodManagementPolicy(policy)
                        .withNewSelector().addToMatchLabels("app", "db").endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
                                .withNewSpec().addNewContainer().withName("c").withImage("busybox:1").endContainer().endSpec()
                        .endTemplate()
                        .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata()
                                .withNewSpec().withAccessModes("ReadWriteOnce")
                                        .withNewResources().addToRequests("storage", new Quantity("1Gi")).endResources()
                                .endSpec().endVolumeClaimTemplate()
                        .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withPartition(0)
                                .endRollingUpdate().endUpdateStrategy()
                        .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted("Retain").withWhenScaled("Retain")
                                .endPersistentVolumeClaimRetentionPolicy()
                .endSpec().build();
    }

    /** The world after a plan's creations: the pods as stored (uids), the claims and revisions. */
    private static final class World {
        final List<Pod> pods = new ArrayList<>();
        final List<PersistentVolumeClaim> claims = new ArrayList<>();
        final List<ControllerRevision> revisions = new ArrayList<>();

        StatefulSetPlan sync(StatefulSet sts) {
            StatefulSetPlan plan = StatefulSetPlanner.plan(sts, pods, claims, revisions, NOW);
            if (plan.revisions().create() != null) {
                revisions.add(plan.revisions().create());
            }
            claims.addAll(plan.createClaims());
            for (Pod p : plan.createPods()) {
                pods.add(new PodBuilder(p).editMetadata().withUid("uid-" + p.getMetadata().getName()).endMetadata()
                        .withNewStatus().withPhase("Pending").endStatus().build());
            }
            return plan;
        }

        void allReady() {
            pods.replaceAll(p -> ready(p, NOW.minusSeconds(60)));
        }

        void remove(String name) {
            pods.removeIf(p -> p.getMetadata().getName().equals(name));
        }
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }

    @Test
    void orderedReadyCreatesTheFirstPodWithItsIdentityAndClaim() {
        World w = new World();
        StatefulSetPlan plan = w.sync(sts(3, "OrderedReady"));

        assertThat(names(plan.createPods())).containsExactly("db-0");
        Pod pod = plan.createPods().get(0);
        assertThat(pod.getSpec().getHostname()).isEqualTo("db-0");
        assertThat(pod.getSpec().getSubdomain()).isEqualTo("db");
        assertThat(pod.getMetadata().getLabels()).containsEntry("statefulset.kubernetes.io/pod-name", "db-0")
                .containsEntry("apps.kubernetes.io/pod-index", "0")
                .containsEntry("controller-revision-hash", plan.revisions().update().getMetadata().getName());
        assertThat(pod.getSpec().getVolumes()).singleElement().satisfies(v -> {
            assertThat(v.getName()).isEqualTo("data");
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("data-db-0");
        });
        assertThat(plan.createClaims()).extracting(c -> c.getMetadata().getName()).containsExactly("data-db-0");
        assertThat(plan.createClaims().get(0).getMetadata().getLabels()).containsEntry("app", "db");
        assertThat(plan.revisions().create().getRevision()).isEqualTo(1L);
    }

    @Test
    void orderedReadyWaitsForEachPodToBeRunningAndReady() {
        World w = new World();
        StatefulSet sts = sts(3, "OrderedReady");
        w.sync(sts);

        assertThat(w.sync(sts).createPods()).isEmpty();
        w.allReady();
        assertThat(names(w.sync(sts).createPods())).containsExactly("db-1");
    }

    @Test
    void parallelCreatesEveryPodAtOnce() {
        StatefulSetPlan plan = new World().sync(sts(3, "Parallel"));

        assertThat(names(plan.createPods())).containsExactly("db-0", "db-1", "db-2");
        assertThat(plan.createClaims()).hasSize(3);
    }

    @Test
    void aDeletedPodComesBackUnderItsNameAndReusesItsClaim() {
        World w = new World();
        StatefulSet sts = sts(2, "Parallel");
        w.sync(sts);
        w.allReady();
        w.remove("db-1");

        StatefulSetPlan plan = w.sync(sts);

        assertThat(names(plan.createPods())).containsExactly("db-1");
        assertThat(plan.createClaims()).isEmpty();
        assertThat(plan.createPods().get(0).getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName())
                .isEqualTo("data-db-1");
    }

    @Test
    void scalingDownDeletesTheHighestOrdinalFirstOneAtATimeAndKeepsTheClaims() {
        World w = new World();
        w.sync(sts(3, "Parallel"));
        w.allReady();

        StatefulSetPlan plan = w.sync(sts(1, "OrderedReady"));

        assertThat(names(plan.deletePods())).containsExactly("db-2");
        assertThat(plan.claimOwners()).isEmpty();
        assertThat(names(StatefulSetPlanner.plan(sts(1, "Parallel"), w.pods, w.claims, w.revisions, NOW).deletePods()))
                .containsExactly("db-2", "db-1");
    }

    @Test
    void whenScaledDeleteHandsTheCondemnedPodsClaimsToThePod() {
        World w = new World();
        w.sync(sts(2, "Parallel"));
        w.allReady();
        StatefulSet down = new StatefulSetBuilder(sts(1, "Parallel")).editSpec().editPersistentVolumeClaimRetentionPolicy()
                .withWhenScaled("Delete").endPersistentVolumeClaimRetentionPolicy().endSpec().build();

        StatefulSetPlan plan = w.sync(down);

        assertThat(plan.claimOwners()).singleElement().satisfies(o -> {
            assertThat(o.claim().getMetadata().getName()).isEqualTo("data-db-1");
            assertThat(o.owner().getKind()).isEqualTo("Pod");
            assertThat(o.owner().getName()).isEqualTo("db-1");
        });
    }

    @Test
    void aRollingUpdateReplacesTheHighestOutdatedPodFirstDownToThePartition() {
        World w = new World();
        w.sync(sts(3, "Parallel"));
        w.allReady();
        StatefulSet changed = new StatefulSetBuilder(sts(3, "Parallel")).editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("busybox:2").endContainer().endSpec().endTemplate().editUpdateStrategy().editRollingUpdate()
                .withPartition(1).endRollingUpdate().endUpdateStrategy().endSpec().build();
        changed.setStatus(w.sync(sts(3, "Parallel")).status());

        StatefulSetPlan plan = w.sync(changed);

        assertThat(plan.revisions().create().getRevision()).isEqualTo(2L);
        assertThat(names(plan.deletePods())).containsExactly("db-2");
        w.remove("db-2");
        plan = w.sync(changed);
        assertThat(plan.createPods().get(0).getSpec().getContainers().get(0).getImage()).isEqualTo("busybox:2");
        w.allReady();
        plan = w.sync(changed);
        assertThat(names(plan.deletePods())).containsExactly("db-1");
        w.remove("db-1");
        w.sync(changed);
        w.allReady();
        plan = w.sync(changed);
        assertThat(plan.deletePods()).isEmpty(); // db-0 is below the partition
        assertThat(plan.status().getUpdatedReplicas()).isEqualTo(2);
        assertThat(plan.status().getCurrentReplicas()).isEqualTo(1);
        assertThat(plan.status().getUpdateRevision()).isNotEqualTo(plan.status().getCurrentRevision());
    }

    @Test
    void onDeleteLeavesOutdatedPodsUntilTheyAreDeleted() {
        World w = new World();
        w.sync(sts(2, "Parallel"));
        w.allReady();
        StatefulSet changed = new StatefulSetBuilder(sts(2, "Parallel")).editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("busybox:2").endContainer().endSpec().endTemplate().withNewUpdateStrategy().withType("OnDelete")
                .endUpdateStrategy().endSpec().build();

        assertThat(w.sync(changed).deletePods()).isEmpty();
    }

    @Test
    void aCompleteRolloutMakesTheUpdateRevisionCurrent() {
        World w = new World();
        StatefulSet sts = sts(2, "Parallel");
        w.sync(sts);
        w.allReady();

        StatefulSetPlan plan = w.sync(sts);

        assertThat(plan.status().getReplicas()).isEqualTo(2);
        assertThat(plan.status().getReadyReplicas()).isEqualTo(2);
        assertThat(plan.status().getUpdatedReplicas()).isEqualTo(2);
        assertThat(plan.status().getCurrentRevision()).isEqualTo(plan.status().getUpdateRevision());
    }

    @Test
    void aFailedPodIsDeletedToBeRecreated() {
        World w = new World();
        StatefulSet sts = sts(1, "OrderedReady");
        w.sync(sts);
        w.pods.replaceAll(p -> new PodBuilder(p).editStatus().withPhase("Failed").endStatus().build());

        assertThat(names(w.sync(sts).deletePods())).containsExactly("db-0");
    }

    @Test
    void whenDeletedDeleteMakesTheSetOwnItsClaims() {
        StatefulSet sts = new StatefulSetBuilder(sts(1, "OrderedReady")).editSpec().editPersistentVolumeClaimRetentionPolicy()
                .withWhenDeleted("Delete").endPersistentVolumeClaimRetentionPolicy().endSpec().build();

        PersistentVolumeClaim claim = new World().sync(sts).createClaims().get(0);

        assertThat(claim.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo("uid-db"));
    }

    @Test
    void anOrdinalIsReadOnlyFromAMembersName() {
        assertThat(StatefulSetPlanner.ordinal("db", "db-12")).isEqualTo(12);
        assertThat(StatefulSetPlanner.ordinal("db", "db-x")).isEqualTo(-1);
        assertThat(StatefulSetPlanner.ordinal("db", "db-01")).isEqualTo(-1);
        assertThat(StatefulSetPlanner.ordinal("db", "dba-1")).isEqualTo(-1);
    }

    @Test
    void aReadyPodCountsAsAvailableAfterMinReadySecondsAndTheSetLooksAgainThen() {
        World w = new World();
        StatefulSet sts = new StatefulSetBuilder(sts(1, "OrderedReady")).editSpec().withMinReadySeconds(10).endSpec().build();
        w.sync(sts);
        w.pods.replaceAll(p -> ready(p, NOW.minusSeconds(4)));

        StatefulSetPlan plan = w.sync(sts);

        assertThat(plan.status().getReadyReplicas()).isEqualTo(1);
        assertThat(plan.status().getAvailableReplicas()).isZero();
        assertThat(plan.recheck()).contains(java.time.Duration.ofMillis(6010));
    }

    @Test
    void anOrphanNamedAsAMemberIsAdoptedAndAPodRelabelledAwayIsReleased() {
        World w = new World();
        StatefulSet sts = sts(2, "Parallel");
        w.sync(sts);
        Pod orphan = new PodBuilder(w.pods.get(0)).editMetadata().withOwnerReferences().endMetadata().build();
        Pod relabelled = new PodBuilder(w.pods.get(1)).editMetadata().addToLabels("app", "debug").endMetadata().build();
        Pod stranger = new PodBuilder(orphan).editMetadata().withName("web-0").endMetadata().build();

        StatefulSetPlan plan = StatefulSetPlanner.plan(sts, List.of(orphan, relabelled, stranger), w.claims, w.revisions, NOW);

        assertThat(names(plan.adopt())).containsExactly("db-0");
        assertThat(names(plan.release())).containsExactly("db-1");
        assertThat(names(plan.createPods())).containsExactly("db-1");
    }
}

package io.pod4j.controllers.replicaset;

import static io.pod4j.controllers.Fixtures.NOW;
import static io.pod4j.controllers.Fixtures.ownedBy;
import static io.pod4j.controllers.Fixtures.pod;
import static io.pod4j.controllers.Fixtures.ready;
import static io.pod4j.controllers.Fixtures.replicaSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetPlannerTest {

    private final ReplicaSet rs = replicaSet("web", 3);

    @Test
    void createsWhatIsMissing() {
        ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, List.of(pod("web-a", "web", ownedBy(rs))), NOW);

        assertThat(plan.create()).isEqualTo(2);
        assertThat(plan.delete()).isEmpty();
        assertThat(plan.status().getReplicas()).isEqualTo(1);
        assertThat(plan.status().getObservedGeneration()).isEqualTo(1);
    }

    @Test
    void deletesTheSurplusNotReadyAndNewestFirst() {
        Pod oldReady = ready(pod("web-a", "web", ownedBy(rs)), NOW.minusSeconds(600));
        Pod newReady = ready(new PodBuilder(pod("web-b", "web", ownedBy(rs))).editMetadata()
                .withCreationTimestamp("2026-12-03T11:30:00Z").endMetadata().build(), NOW.minusSeconds(60));
        Pod pending = pod("web-c", "web", ownedBy(rs));
        Pod unscheduled = new PodBuilder(pod("web-d", "web", ownedBy(rs))).editSpec().withNodeName(null).endSpec().build();
        Pod older = ready(pod("web-e", "web", ownedBy(rs)), NOW.minusSeconds(900));

        ReplicaSetPlan plan = ReplicaSetPlanner.plan(replicaSet("web", 2), List.of(oldReady, newReady, pending, unscheduled, older), NOW);

        assertThat(plan.create()).isZero();
        assertThat(plan.delete()).extracting(p -> p.getMetadata().getName()).containsExactly("web-d", "web-c", "web-b");
    }

    @Test
    void adoptsAMatchingOrphanAndLeavesOtherControllersPodsAlone() {
        Pod orphan = pod("loose", "web", null);
        Pod others = pod("theirs", "web", new OwnerReferenceBuilder().withKind("ReplicaSet").withApiVersion("apps/v1")
                .withName("other").withUid("uid-other").withController(true).build());

        ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, List.of(orphan, others), NOW);

        assertThat(plan.adopt()).extracting(p -> p.getMetadata().getName()).containsExactly("loose");
        assertThat(plan.create()).isEqualTo(2);
        assertThat(plan.status().getReplicas()).isEqualTo(1);
    }

    @Test
    void releasesAPodItsSelectorNoLongerMatches() {
        Pod relabelled = pod("web-a", "debug", ownedBy(rs));

        ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, List.of(relabelled), NOW);

        assertThat(plan.release()).extracting(p -> p.getMetadata().getName()).containsExactly("web-a");
        assertThat(plan.create()).isEqualTo(3);
    }

    @Test
    void finishedAndTerminatingPodsDoNotCount() {
        Pod done = new PodBuilder(pod("web-a", "web", ownedBy(rs))).editStatus().withPhase("Succeeded").endStatus().build();
        Pod going = new PodBuilder(pod("web-b", "web", ownedBy(rs))).editMetadata()
                .withDeletionTimestamp("2026-12-03T12:00:00Z").endMetadata().build();

        assertThat(ReplicaSetPlanner.plan(rs, List.of(done, going), NOW).create()).isEqualTo(3);
    }

    @Test
    void countsReadyAndAvailableAfterMinReadySecondsAndAsksToLookAgainThen() {
        ReplicaSet slow = new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs).editSpec().withMinReadySeconds(10)
                .endSpec().build();
        Pod longReady = ready(pod("web-a", "web", ownedBy(slow)), NOW.minusSeconds(30));
        Pod justReady = ready(pod("web-b", "web", ownedBy(slow)), NOW.minusSeconds(4));
        Pod notReady = pod("web-c", "web", ownedBy(slow));

        ReplicaSetPlan plan = ReplicaSetPlanner.plan(slow, List.of(longReady, justReady, notReady), NOW);

        assertThat(plan.status().getReplicas()).isEqualTo(3);
        assertThat(plan.status().getReadyReplicas()).isEqualTo(2);
        assertThat(plan.status().getAvailableReplicas()).isEqualTo(1);
        assertThat(plan.status().getFullyLabeledReplicas()).isEqualTo(3);
        assertThat(plan.recheck()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(7)));
    }

    @Test
    void aReplicaSetBeingDeletedNeitherCreatesNorAdopts() {
        ReplicaSet deleting = new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs).editMetadata()
                .withDeletionTimestamp("2026-12-03T12:00:00Z").endMetadata().build();

        ReplicaSetPlan plan = ReplicaSetPlanner.plan(deleting, List.of(pod("loose", "web", null)), NOW);

        assertThat(plan.create()).isZero();
        assertThat(plan.adopt()).isEmpty();
    }
}

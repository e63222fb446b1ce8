package io.pod4j.controllers.deployment;

import static io.pod4j.controllers.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.store.ResourceTypes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeploymentPlannerTest {

    static Deployment deployment(int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default").withUid("uid-web")
                .withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withRevisionHistoryLimit(10).withProgressDeadlineSeconds(600)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withMaxSurge(new IntOrString("25%")).withMaxUnavailable(new IntOrString("25%")).endRollingUpdate()
                .endStrategy()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    /** The ReplicaSet the controller made for the Deployment's template, with that many available pods. */
    static ReplicaSet replicaSetOf(Deployment d, String created, long revision, int replicas, int available) {
        Deployment copy = new DeploymentBuilder(d).build();
        DeploymentPlan plan = DeploymentPlanner.plan(new DeploymentBuilder(copy).editSpec().withReplicas(replicas).endSpec()
                .build(), List.of(), List.of(), NOW);
        ReplicaSet made = ((DeploymentAction.Create) plan.actions().get(0)).replicaSet();
        return new ReplicaSetBuilder(made).editMetadata().withUid("uid-" + made.getMetadata().getName())
                .withCreationTimestamp(created).withGeneration(1L)
                .addToAnnotations(Rollouts.REVISION, Long.toString(revision))
                .addToAnnotations(Rollouts.DESIRED_REPLICAS, Integer.toString(Rollouts.replicas(d)))
                .addToAnnotations(Rollouts.MAX_REPLICAS, Integer.toString(Rollouts.replicas(d) + Rollouts.maxSurge(d))).endMetadata()
                .editSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(available).withAvailableReplicas(available)
                        .withObservedGeneration(1L).endStatus().build();
    }

    private static <T> List<T> of(DeploymentPlan plan, Class<T> kind) {
        return plan.actions().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static DeploymentCondition condition(DeploymentPlan plan, String type) {
        return plan.status().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    @Test
    void aNewDeploymentGetsAReplicaSetNamedByItsTemplateHashAtFullSize() {
        DeploymentPlan plan = DeploymentPlanner.plan(deployment(3, "busybox:1"), List.of(), List.of(), NOW);

        ReplicaSet rs = of(plan, DeploymentAction.Create.class).get(0).replicaSet();
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash).matches("web-[bcdfghjklmnpqrstvwxz2456789]{6,10}");
        assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
        assertThat(rs.getSpec().getSelector().getMatchLabels()).containsExactlyInAnyOrderEntriesOf(
                Map.of("app", "web", "pod-template-hash", hash));
        assertThat(rs.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("pod-template-hash", hash);
        assertThat(rs.getMetadata().getAnnotations()).containsEntry(Rollouts.REVISION, "1")
                .containsEntry(Rollouts.DESIRED_REPLICAS, "3").containsEntry(Rollouts.MAX_REPLICAS, "4");
        assertThat(rs.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> assertThat(r.getController()).isTrue());
        assertThat(plan.annotations()).containsEntry(Rollouts.REVISION, "1");
        assertThat(condition(plan, "Progressing").getReason()).isEqualTo("NewReplicaSetCreated");
        assertThat(condition(plan, "Progressing").getMessage()).isEqualTo("Created new replica set \"" + rs.getMetadata().getName() + "\"");
        assertThat(of(plan, DeploymentAction.Event.class)).extracting(DeploymentAction.Event::message)
                .containsExactly("Scaled up replica set " + rs.getMetadata().getName() + " to 3 from 0");
    }

    @Test
    void theSameTemplateAlwaysHashesTheSameAndAnotherDifferently() {
        String a = TemplateHash.of(deployment(3, "busybox:1").getSpec().getTemplate(), null);
        assertThat(TemplateHash.of(deployment(5, "busybox:1").getSpec().getTemplate(), null)).isEqualTo(a);
        assertThat(TemplateHash.of(deployment(3, "busybox:2").getSpec().getTemplate(), null)).isNotEqualTo(a);
        assertThat(TemplateHash.of(deployment(3, "busybox:1").getSpec().getTemplate(), 1)).isNotEqualTo(a);
    }

    @Test
    void aDeploymentWhoseReplicaSetIsFullyAvailableIsCompleteAndAvailable() {
        Deployment d = deployment(3, "busybox:1");
        DeploymentPlan plan = DeploymentPlanner.plan(d, List.of(replicaSetOf(d, "2026-12-03T11:00:00Z", 1, 3, 3)), List.of(), NOW);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.status().getReplicas()).isEqualTo(3);
        assertThat(plan.status().getUpdatedReplicas()).isEqualTo(3);
        assertThat(plan.status().getAvailableReplicas()).isEqualTo(3);
        assertThat(plan.status().getUnavailableReplicas()).isNull();
        assertThat(plan.status().getObservedGeneration()).isEqualTo(1);
        assertThat(condition(plan, "Available")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("MinimumReplicasAvailable");
            assertThat(c.getMessage()).isEqualTo("Deployment has minimum availability.");
        });
        assertThat(condition(plan, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
        assertThat(plan.recheck()).isEmpty();
    }

    @Test
    void aRollingUpdateWithMaxUnavailableZeroSurgesBeforeItRemovesAnything() {
        Deployment v1 = deployment(3, "busybox:1");
        ReplicaSet old = replicaSetOf(v1, "2026-12-03T11:00:00Z", 1, 3, 3);
        Deployment v2 = new DeploymentBuilder(deployment(3, "busybox:2")).editSpec().editStrategy().editRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate().endStrategy()
                .endSpec().build();

        DeploymentPlan first = DeploymentPlanner.plan(v2, List.of(old), List.of(), NOW);
        ReplicaSet created = of(first, DeploymentAction.Create.class).get(0).replicaSet();
        assertThat(created.getSpec().getReplicas()).isEqualTo(1);
        assertThat(created.getMetadata().getAnnotations()).containsEntry(Rollouts.REVISION, "2");
        assertThat(of(first, DeploymentAction.Update.class)).isEmpty();

        ReplicaSet newNotYetAvailable = replicaSetOf(v2, "2026-12-03T11:30:00Z", 2, 1, 0);
        DeploymentPlan waiting = DeploymentPlanner.plan(v2, List.of(old, newNotYetAvailable), List.of(), NOW);
        assertThat(of(waiting, DeploymentAction.Update.class)).as("nothing goes while the new pod is not available").isEmpty();

        ReplicaSet newAvailable = replicaSetOf(v2, "2026-12-03T11:30:00Z", 2, 1, 1);
        DeploymentPlan next = DeploymentPlanner.plan(v2, List.of(old, newAvailable), List.of(), NOW);
        assertThat(of(next, DeploymentAction.Update.class)).singleElement().satisfies(u -> {
            assertThat(u.replicaSet().getMetadata().getName()).isEqualTo(old.getMetadata().getName());
            assertThat(u.replicaSet().getSpec().getReplicas()).isEqualTo(2);
        });
    }

    @Test
    void aChangeOfReplicasScalesTheOneActiveReplicaSet() {
        Deployment d = deployment(3, "busybox:1");
        ReplicaSet rs = replicaSetOf(d, "2026-12-03T11:00:00Z", 1, 3, 3);

        DeploymentPlan plan = DeploymentPlanner.plan(deployment(5, "busybox:1"), List.of(rs), List.of(), NOW);

        assertThat(of(plan, DeploymentAction.Update.class)).singleElement().satisfies(u -> {
            assertThat(u.replicaSet().getSpec().getReplicas()).isEqualTo(5);
            assertThat(u.replicaSet().getMetadata().getAnnotations()).containsEntry(Rollouts.DESIRED_REPLICAS, "5");
        });
        assertThat(of(plan, DeploymentAction.Event.class)).extracting(DeploymentAction.Event::message)
                .containsExactly("Scaled up replica set " + rs.getMetadata().getName() + " to 5 from 3");
    }

    @Test
    void recreateScalesTheOldReplicaSetToZeroBeforeMakingTheNewOne() {
        Deployment v1 = deployment(2, "busybox:1");
        ReplicaSet old = replicaSetOf(v1, "2026-12-03T11:00:00Z", 1, 2, 2);
        Deployment v2 = new DeploymentBuilder(deployment(2, "busybox:2")).editSpec().withNewStrategy().withType("Recreate")
                .endStrategy().endSpec().build();

        DeploymentPlan plan = DeploymentPlanner.plan(v2, List.of(old), List.of(), NOW);

        assertThat(of(plan, DeploymentAction.Create.class)).isEmpty();
        assertThat(of(plan, DeploymentAction.Update.class)).singleElement()
                .satisfies(u -> assertThat(u.replicaSet().getSpec().getReplicas()).isZero());
    }

    @Test
    void rollingBackRevivesTheOldReplicaSetAsTheNextRevision() {
        Deployment v1 = deployment(2, "busybox:1");
        Deployment v2 = deployment(2, "busybox:2");
        ReplicaSet first = new ReplicaSetBuilder(replicaSetOf(v1, "2026-12-03T11:00:00Z", 1, 0, 0)).build();
        ReplicaSet second = replicaSetOf(v2, "2026-12-03T11:30:00Z", 2, 2, 2);

        DeploymentPlan plan = DeploymentPlanner.plan(v1, List.of(first, second), List.of(), NOW);

        assertThat(of(plan, DeploymentAction.Create.class)).isEmpty();
        assertThat(of(plan, DeploymentAction.Update.class)).first().satisfies(u -> {
            assertThat(u.replicaSet().getMetadata().getName()).isEqualTo(first.getMetadata().getName());
            assertThat(u.replicaSet().getMetadata().getAnnotations()).containsEntry(Rollouts.REVISION, "3")
                    .containsEntry(Rollouts.REVISION_HISTORY, "1");
        });
        assertThat(plan.annotations()).containsEntry(Rollouts.REVISION, "3");
    }

    @Test
    void aPausedDeploymentSaysSoAndRollsNothingOut() {
        Deployment v1 = deployment(2, "busybox:1");
        ReplicaSet rs = replicaSetOf(v1, "2026-12-03T11:00:00Z", 1, 2, 2);
        Deployment paused = new DeploymentBuilder(deployment(2, "busybox:2")).editSpec().withPaused(true).endSpec().build();

        DeploymentPlan plan = DeploymentPlanner.plan(paused, List.of(rs), List.of(), NOW);

        assertThat(of(plan, DeploymentAction.Create.class)).isEmpty();
        assertThat(condition(plan, "Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("Unknown");
            assertThat(c.getReason()).isEqualTo("DeploymentPaused");
            assertThat(c.getMessage()).isEqualTo("Deployment is paused");
        });
    }

    @Test
    void noProgressPastTheDeadlineIsProgressDeadlineExceeded() {
        Deployment d = deployment(2, "busybox:1");
        ReplicaSet stuck = replicaSetOf(d, "2026-12-03T11:00:00Z", 1, 2, 0);
        DeploymentCondition progressing = DeploymentStatuses.condition("Progressing", "True", "ReplicaSetUpdated",
                "ReplicaSet \"" + stuck.getMetadata().getName() + "\" is progressing.", NOW.minusSeconds(700));
        Deployment withStatus = new DeploymentBuilder(d).withNewStatus().withReplicas(2).withUpdatedReplicas(2)
                .withObservedGeneration(1L).withConditions(progressing).endStatus().build();
        withStatus.getMetadata().getAnnotations();

        DeploymentPlan plan = DeploymentPlanner.plan(withStatus, List.of(stuck), List.of(), NOW);

        assertThat(condition(plan, "Progressing")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded");
            assertThat(c.getMessage()).isEqualTo("ReplicaSet \"" + stuck.getMetadata().getName() + "\" has timed out progressing.");
        });
        assertThat(condition(plan, "Available").getReason()).isEqualTo("MinimumReplicasUnavailable");
    }

    @Test
    void anOrphanReplicaSetMatchingTheSelectorIsAdopted() {
        Deployment d = deployment(3, "busybox:1");
        ReplicaSet orphan = new ReplicaSetBuilder(replicaSetOf(d, "2026-12-03T11:00:00Z", 1, 3, 3)).editMetadata()
                .withOwnerReferences(List.of()).endMetadata().build();

        DeploymentPlan plan = DeploymentPlanner.plan(d, List.of(orphan), List.of(), NOW);

        assertThat(of(plan, DeploymentAction.Adopt.class)).hasSize(1);
        assertThat(of(plan, DeploymentAction.Create.class)).isEmpty();
        assertThat(OwnerRefs.controllerRef(ResourceTypes.DEPLOYMENTS, d).getKind()).isEqualTo("Deployment");
    }
}

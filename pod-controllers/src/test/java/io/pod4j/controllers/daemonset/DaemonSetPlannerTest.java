package io.pod4j.controllers.daemonset;

import static io.pod4j.controllers.Fixtures.NOW;
import static io.pod4j.controllers.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonSetPlannerTest {

    private static final Node NODE = new NodeBuilder().withNewMetadata().withName("node").addToLabels("disk", "ssd").endMetadata()
            .build();

    static DaemonSet ds() {
        return new DaemonSetBuilder().withNewMetadata().withName("agent").withNamespace("default").withUid("uid-agent")
                .withGeneration(1L).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
                                .withNewSpec().addNewContainer().withName("c").withImage("busybox:1").endContainer().endSpec()
                        .endTemplate()
                        .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withNewMaxUnavailable(1)
                                .endRollingUpdate().endUpdateStrategy()
                .endSpec().build();
    }

    private final List<Pod> pods = new ArrayList<>();
    private final List<ControllerRevision> revisions = new ArrayList<>();

    private DaemonSetPlan sync(DaemonSet ds, Node node) {
        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, List.of(node), pods, revisions, NOW);
        if (plan.revisions().create() != null) {
            revisions.add(plan.revisions().create());
        }
        int n = pods.size();
        for (Pod p : plan.createPods()) {
            pods.add(new PodBuilder(p).editMetadata().withName("agent-" + n).withUid("uid-" + n).endMetadata()
                    .editSpec().withNodeName("node").endSpec().withNewStatus().withPhase("Pending").endStatus().build());
        }
        pods.removeAll(plan.deletePods());
        return plan;
    }

    @Test
    void runsOnePodPinnedToTheNodeWithTheDaemonTolerations() {
        DaemonSetPlan plan = sync(ds(), NODE);

        assertThat(plan.createPods()).singleElement().satisfies(p -> {
            assertThat(DaemonSetPlanner.nodeOf(new PodBuilder(p).editSpec().withNodeName(null).endSpec().build()))
                    .isEqualTo("node");
            assertThat(p.getSpec().getTolerations()).extracting(t -> t.getKey())
                    .contains("node.kubernetes.io/not-ready", "node.kubernetes.io/unschedulable");
            assertThat(p.getMetadata().getLabels()).containsKeys("controller-revision-hash", "pod-template-generation");
            assertThat(p.getMetadata().getGenerateName()).isEqualTo("agent-");
        });
        assertThat(sync(ds(), NODE).createPods()).isEmpty();
    }

    @Test
    void aNodeSelectorTheNodeMissesRunsNothingAndRemovesWhatRan() {
        sync(ds(), NODE);
        DaemonSet hdd = new DaemonSetBuilder(ds()).editSpec().editTemplate().editSpec().addToNodeSelector("disk", "hdd")
                .endSpec().endTemplate().endSpec().build();

        DaemonSetPlan plan = sync(hdd, NODE);

        assertThat(plan.createPods()).isEmpty();
        assertThat(plan.deletePods()).hasSize(1);
        assertThat(plan.status().getDesiredNumberScheduled()).isZero();
        assertThat(plan.status().getNumberMisscheduled()).isEqualTo(1);
    }

    @Test
    void aTaintIsRespectedUnlessTolerated() {
        Node tainted = new NodeBuilder(NODE).withNewSpec().addNewTaint().withKey("dedicated").withValue("db")
                .withEffect("NoSchedule").endTaint().endSpec().build();
        DaemonSet tolerating = new DaemonSetBuilder(ds()).editSpec().editTemplate().editSpec().addNewToleration()
                .withKey("dedicated").withOperator("Equal").withValue("db").withEffect("NoSchedule").endToleration()
                .endSpec().endTemplate().endSpec().build();

        assertThat(DaemonSetPlanner.plan(ds(), List.of(tainted), List.of(), List.of(), NOW).createPods()).isEmpty();
        assertThat(DaemonSetPlanner.plan(tolerating, List.of(tainted), List.of(), List.of(), NOW).createPods()).hasSize(1);
        Node unschedulable = new NodeBuilder(NODE).withNewSpec().addNewTaint().withKey("node.kubernetes.io/unschedulable")
                .withEffect("NoSchedule").endTaint().endSpec().build();
        assertThat(DaemonSetPlanner.plan(ds(), List.of(unschedulable), List.of(), List.of(), NOW).createPods()).hasSize(1);
    }

    @Test
    void countsTheStatusAsTheControllerWritesIt() {
        sync(ds(), NODE);
        pods.replaceAll(p -> ready(p, NOW.minusSeconds(30)));

        var s = sync(ds(), NODE).status();

        assertThat(s.getDesiredNumberScheduled()).isEqualTo(1);
        assertThat(s.getCurrentNumberScheduled()).isEqualTo(1);
        assertThat(s.getNumberReady()).isEqualTo(1);
        assertThat(s.getNumberAvailable()).isEqualTo(1);
        assertThat(s.getNumberUnavailable()).isNull();
        assertThat(s.getUpdatedNumberScheduled()).isEqualTo(1);
        assertThat(s.getObservedGeneration()).isEqualTo(1);
    }

    @Test
    void aRollingUpdateReplacesTheOutdatedPodAndOnDeleteWaits() {
        sync(ds(), NODE);
        pods.replaceAll(p -> ready(p, NOW.minusSeconds(30)));
        DaemonSet changed = new DaemonSetBuilder(ds()).editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("busybox:2").endContainer().endSpec().endTemplate().endSpec().build();
        DaemonSet onDelete = new DaemonSetBuilder(changed).editSpec().withNewUpdateStrategy().withType("OnDelete")
                .endUpdateStrategy().endSpec().build();

        assertThat(DaemonSetPlanner.plan(onDelete, List.of(NODE), pods, revisions, NOW).deletePods()).isEmpty();
        DaemonSetPlan plan = sync(changed, NODE);
        assertThat(plan.deletePods()).hasSize(1);
        assertThat(plan.revisions().create().getRevision()).isEqualTo(2L);
        assertThat(sync(changed, NODE).createPods()).singleElement()
                .satisfies(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("busybox:2"));
    }

    @Test
    void aFailedPodIsReplaced() {
        sync(ds(), NODE);
        pods.replaceAll(p -> new PodBuilder(p).editStatus().withPhase("Failed").endStatus().build());

        assertThat(sync(ds(), NODE).deletePods()).hasSize(1);
        assertThat(sync(ds(), NODE).createPods()).hasSize(1);
    }
}

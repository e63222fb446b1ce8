package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import org.junit.jupiter.api.Test;

/** What Kubernetes lets change on an existing Pod, and its words for the rest. */
class PodUpdateRulesTest {

    private final ObjectStore store = store();

    private Pod create(Pod p) {
        return store.create(p);
    }

    @Test
    void containerImageMayChange() {
        Pod web = create(pod("web"));

        Pod updated = store.update(new PodBuilder(web).editSpec().editContainer(0).withImage("nginx:1.28").endContainer()
                .endSpec().build());

        assertThat(updated.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.28");
    }

    @Test
    void otherSpecChangesAreForbiddenWithTheApiServersMessageAndTheDiff() {
        Pod web = create(pod("web"));

        assertRefused(() -> store.update(new PodBuilder(web).editSpec().withRestartPolicy("Never").endSpec().build()),
                422, "Invalid", "Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than"
                        + " `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                        + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds`"
                        + " (allow it to be set to 1 if it was previously negative)\n"
                        + "  core.PodSpec{\n"
                        + "- \trestartPolicy: \"Always\"\n"
                        + "+ \trestartPolicy: \"Never\"\n"
                        + "  }\n");
    }

    @Test
    void forbiddenChangeIsACauseOfTypeFieldValueForbiddenOnSpec() {
        Pod web = create(pod("web"));
        try {
            store.update(new PodBuilder(web).editSpec().editContainer(0).editPort(0).withContainerPort(8080).endPort()
                    .endContainer().endSpec().build());
        } catch (StoreException e) {
            assertThat(e.status().getDetails().getCauses()).singleElement().satisfies(c -> {
                assertThat(c.getField()).isEqualTo("spec");
                assertThat(c.getReason()).isEqualTo("FieldValueForbidden");
                assertThat(c.getMessage()).contains("- \tcontainers[0].ports[0].containerPort: 80",
                        "+ \tcontainers[0].ports[0].containerPort: 8080");
            });
            return;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void containersMayNotBeAddedOrRemoved() {
        Pod web = create(pod("web"));

        assertRefused(() -> store.update(new PodBuilder(web).editSpec().addNewContainer().withName("more").withImage("x")
                .endContainer().endSpec().build()), 422, "Invalid",
                "Pod \"web\" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void imageMayNotBeEmptied() {
        Pod web = create(pod("web"));

        assertRefused(() -> store.update(new PodBuilder(web).editSpec().editContainer(0).withImage("").endContainer()
                .endSpec().build()), 422, "Invalid", "Pod \"web\" is invalid: spec.containers[0].image: Required value");
    }

    @Test
    void activeDeadlineSecondsMayBeSetAndLowered() {
        Pod web = create(pod("web"));
        Pod set = store.update(new PodBuilder(web).editSpec().withActiveDeadlineSeconds(60L).endSpec().build());

        Pod lowered = store.update(new PodBuilder(set).editSpec().withActiveDeadlineSeconds(30L).endSpec().build());

        assertThat(lowered.getSpec().getActiveDeadlineSeconds()).isEqualTo(30L);
    }

    @Test
    void activeDeadlineSecondsMayNotBeRaised() {
        Pod web = create(new PodBuilder(pod("web")).editSpec().withActiveDeadlineSeconds(30L).endSpec().build());

        assertRefused(() -> store.update(new PodBuilder(web).editSpec().withActiveDeadlineSeconds(60L).endSpec().build()),
                422, "Invalid", "Pod \"web\" is invalid: spec.activeDeadlineSeconds: Invalid value: 60: must be less than or"
                        + " equal to previous value");
    }

    @Test
    void activeDeadlineSecondsMayNotBeRemoved() {
        Pod web = create(new PodBuilder(pod("web")).editSpec().withActiveDeadlineSeconds(30L).endSpec().build());

        assertRefused(() -> store.update(new PodBuilder(web).editSpec().withActiveDeadlineSeconds(null).endSpec().build()),
                422, "Invalid", "Pod \"web\" is invalid: spec.activeDeadlineSeconds: Invalid value: null: must not update"
                        + " from a positive integer to nil value");
    }

    @Test
    void tolerationsMayBeAdded() {
        Pod web = create(pod("web"));

        Pod updated = store.update(new PodBuilder(web).editSpec().addNewToleration().withKey("gpu").withOperator("Exists")
                .endToleration().endSpec().build());

        assertThat(updated.getSpec().getTolerations()).hasSize(1);
    }

    @Test
    void existingTolerationsMayChangeOnlyTheirSeconds() {
        Pod web = create(new PodBuilder(pod("web")).editSpec().addToTolerations(new TolerationBuilder().withKey("gpu")
                .withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(10L).build()).endSpec().build());
        Pod longer = store.update(new PodBuilder(web).editSpec().editToleration(0).withTolerationSeconds(20L)
                .endToleration().endSpec().build());

        assertThat(longer.getSpec().getTolerations().get(0).getTolerationSeconds()).isEqualTo(20L);
        assertRefused(() -> store.update(new PodBuilder(longer).editSpec().editToleration(0).withKey("tpu").endToleration()
                .endSpec().build()), 422, "Invalid", "Pod \"web\" is invalid: spec.tolerations: Forbidden: existing toleration"
                + " can not be modified except its tolerationSeconds");
    }

    @Test
    void terminationGracePeriodMayGoFromNegativeToOne() {
        // Validation refuses a negative grace period today; Pods stored before it may still have one.
        var old = Json.parse("{\"containers\":[{\"name\":\"app\",\"image\":\"x\"}],\"terminationGracePeriodSeconds\":-1}");
        var now = Json.parse("{\"containers\":[{\"name\":\"app\",\"image\":\"x\"}],\"terminationGracePeriodSeconds\":1}");

        assertThat(PodUpdateRules.validate(now, old)).isEmpty();
    }

    @Test
    void schedulingGatesMayOnlyBeRemoved() {
        Pod web = create(new PodBuilder(pod("web")).editSpec().addNewSchedulingGate("a").endSpec().build());

        Pod ungated = store.update(new PodBuilder(web).editSpec().withSchedulingGates().endSpec().build());

        assertThat(ungated.getSpec().getSchedulingGates()).isEmpty();
        assertRefused(() -> store.update(new PodBuilder(ungated).editSpec().addNewSchedulingGate("b").endSpec().build()),
                422, "Invalid", "Pod \"web\" is invalid: spec.schedulingGates[0].name: Forbidden: only deletion is allowed,"
                        + " but found new scheduling gate 'b'");
    }

    @Test
    void labelsAndAnnotationsMayChange() {
        Pod web = create(pod("web"));

        Pod updated = store.update(new PodBuilder(web).editMetadata().addToLabels("tier", "front")
                .addToAnnotations("note", "x").endMetadata().build());

        assertThat(updated.getMetadata().getAnnotations()).containsEntry("note", "x");
    }

    @Test
    void gatedPodMayGainNodeSelectorTermsButNotChangeThem() {
        Pod web = create(new PodBuilder(pod("web")).editSpec().addNewSchedulingGate("a").addToNodeSelector("disk", "ssd")
                .endSpec().build());

        Pod more = store.update(new PodBuilder(web).editSpec().addToNodeSelector("zone", "a").endSpec().build());

        assertThat(more.getSpec().getNodeSelector()).containsEntry("zone", "a");
        assertRefused(() -> store.update(new PodBuilder(more).editSpec().withNodeSelector(java.util.Map.of("disk", "hdd"))
                .endSpec().build()), 422, "Invalid", "Pod \"web\" is invalid: spec.nodeSelector: Invalid value:"
                + " map[string]string{\"disk\":\"hdd\"}: only additions to spec.nodeSelector are allowed (no mutations or"
                + " deletions)");
    }
}

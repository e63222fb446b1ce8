package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The apps/v1 and batch/v1 kinds: the API server's defaults, validation and update rules, in its words. */
class WorkloadAdmissionTest {

    static Deployment deployment(String name) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                        .withNewSelector().addToMatchLabels("app", name).endSelector()
                        .withNewTemplate()
                                .withNewMetadata().addToLabels("app", name).endMetadata()
                                .withNewSpec().addNewContainer().withName("web").withImage("busybox:1").endContainer().endSpec()
                        .endTemplate()
                .endSpec().build();
    }

    static Job job(String name) {
        return new JobBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNewTemplate()
                        .withNewSpec().withRestartPolicy("Never")
                                .addNewContainer().withName("c").withImage("busybox:1").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void aDeploymentGetsTheApiServersDefaults() {
        Deployment d = store().create(deployment("web"));

        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString("25%"));
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("25%"));
        assertThat(d.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(d.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(d.getMetadata().getGeneration()).isEqualTo(1);
        assertThat(d.getMetadata().getNamespace()).isEqualTo("default");
    }

    @Test
    void aDeploymentWithoutSelectorIsRefusedAsTheApiServerRefusesIt() {
        Deployment d = new DeploymentBuilder(deployment("web")).editSpec().withSelector(null).endSpec().build();

        assertRefused(() -> store().create(d), 422, "Invalid", null).hasMessage("Deployment.apps \"web\" is invalid: ["
                + "spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}:"
                + " `selector` does not match template `labels`]");
    }

    @Test
    void aSelectorThatMissesTheTemplateLabelsIsRefused() {
        Deployment d = new DeploymentBuilder(deployment("web")).editSpec().editSelector().addToMatchLabels("tier", "db")
                .endSelector().endSpec().build();

        assertRefused(() -> store().create(d), 422, "Invalid", null).hasMessage("Deployment.apps \"web\" is invalid:"
                + " spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}:"
                + " `selector` does not match template `labels`");
    }

    @Test
    void theSelectorOfADeploymentCannotChange() {
        ObjectStore store = store();
        Deployment d = store.create(deployment("web"));
        d.getSpec().getSelector().setMatchLabels(Map.of("app", "web", "v", "2"));
        d.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web", "v", "2"));

        assertRefused(() -> store.update(d), 422, "Invalid", null).hasMessage("Deployment.apps \"web\" is invalid:"
                + " spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", \"v\":\"2\"},"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    @Test
    void aTemplateIsValidatedWithThePodsRulesUnderItsPath() {
        Deployment d = new DeploymentBuilder(deployment("web")).editSpec().editTemplate().editSpec()
                .editContainer(0).withImage(null).endContainer().withRestartPolicy("Never").endSpec().endTemplate().endSpec().build();

        assertRefused(() -> store().create(d), 422, "Invalid", null)
                .hasMessageContaining("spec.template.spec.containers[0].image: Required value")
                .hasMessageContaining("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void maxSurgeAndMaxUnavailableMayNotBothBeZero() {
        Deployment d = new DeploymentBuilder(deployment("web")).editSpec().withNewStrategy().withNewRollingUpdate()
                .withMaxSurge(new IntOrString(0)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
                .endSpec().build();

        assertRefused(() -> store().create(d), 422, "Invalid", null).hasMessage("Deployment.apps \"web\" is invalid:"
                + " spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}:"
                + " may not be 0 when `maxSurge` is 0");
    }

    @Test
    void recreateTakesNoRollingUpdateParameters() {
        Deployment d = new DeploymentBuilder(deployment("web")).editSpec().withNewStrategy().withType("Recreate")
                .withNewRollingUpdate().withMaxSurge(new IntOrString(1)).endRollingUpdate().endStrategy().endSpec().build();

        assertRefused(() -> store().create(d), 422, "Invalid", null).hasMessage("Deployment.apps \"web\" is invalid:"
                + " spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'");
    }

    @Test
    void aChangedTemplateCountsAGenerationAndAStatusWriteDoesNot() {
        ObjectStore store = store();
        Deployment d = store.create(deployment("web"));
        d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:2");
        Deployment updated = store.update(d);
        updated.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(1).build());
        Deployment status = store.updateStatus(updated);

        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2);
        assertThat(status.getMetadata().getGeneration()).isEqualTo(2);
        assertThat(status.getStatus().getReplicas()).isEqualTo(1);
    }

    @Test
    void anEmptyReplicaSetSelectorIsRefusedInTheApiServersWords() {
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                .withNewSelector().endSelector().withNewTemplate().withNewSpec().addNewContainer().withName("c")
                .withImage("x").endContainer().endSpec().endTemplate().endSpec().build();

        assertRefused(() -> store().create(rs), 422, "Invalid", null).hasMessage("ReplicaSet.apps \"web\" is invalid:"
                + " spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                + " MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment");
    }

    @Test
    void aJobGetsItsGeneratedSelectorAndDefaults() {
        Job j = store().create(job("pi"));
        String uid = j.getMetadata().getUid();

        assertThat(j.getSpec().getSelector().getMatchLabels()).containsExactly(Map.entry("batch.kubernetes.io/controller-uid", uid));
        assertThat(j.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("batch.kubernetes.io/controller-uid", uid)
                .containsEntry("batch.kubernetes.io/job-name", "pi").containsEntry("controller-uid", uid)
                .containsEntry("job-name", "pi");
        assertThat(j.getSpec().getCompletions()).isEqualTo(1);
        assertThat(j.getSpec().getParallelism()).isEqualTo(1);
        assertThat(j.getSpec().getBackoffLimit()).isEqualTo(6);
        assertThat(j.getSpec().getCompletionMode()).isEqualTo("NonIndexed");
        assertThat(j.getSpec().getSuspend()).isFalse();
    }

    @Test
    void aJobsPodsMayNotRestartAlways() {
        Job j = new JobBuilder(job("pi")).editSpec().editTemplate().editSpec().withRestartPolicy(null).endSpec()
                .endTemplate().endSpec().build();

        assertRefused(() -> store().create(j), 422, "Invalid", null).hasMessage("Job.batch \"pi\" is invalid:"
                + " spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
    }

    @Test
    void aJobsCompletionsCannotChange() {
        ObjectStore store = store();
        Job j = store.create(job("pi"));
        j.getSpec().setCompletions(3);

        assertRefused(() -> store.update(j), 422, "Invalid", null).hasMessage("Job.batch \"pi\" is invalid:"
                + " spec.completions: Invalid value: 3: field is immutable");
    }
}

package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.pod4j.junit.Readiness.Verdict;
import io.pod4j.junit.Readiness.Verdict.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When each kind is ready for tests, in kubectl rollout status's and wait's words. */
class ReadinessTest {

    private static DeploymentBuilder deployment(long generation, Long observed, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName("web").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec()
                .withNewStatus().withObservedGeneration(observed).endStatus();
    }

    @Test
    void aDeploymentWaitsUntilItsSpecIsObserved() {
        Verdict v = Readiness.of(deployment(2, 1L, 3).build(), List.of());
        assertThat(v).isEqualTo(Verdict.waiting("Waiting for deployment spec update to be observed..."));
    }

    @Test
    void aDeploymentWaitsUntilItsNewReplicasAreUpdated() {
        Verdict v = Readiness.of(deployment(1, 1L, 3).editStatus().withUpdatedReplicas(1).withReplicas(3).endStatus().build(), List.of());
        assertThat(v).isEqualTo(Verdict.waiting("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated..."));
    }

    @Test
    void aDeploymentWaitsForItsOldReplicasToTerminate() {
        Verdict v = Readiness.of(deployment(1, 1L, 3).editStatus().withUpdatedReplicas(3).withReplicas(4).endStatus().build(), List.of());
        assertThat(v).isEqualTo(Verdict.waiting("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination..."));
    }

    @Test
    void aDeploymentWaitsUntilItsUpdatedReplicasAreAvailable() {
        Verdict v = Readiness.of(deployment(1, 1L, 3).editStatus().withUpdatedReplicas(3).withReplicas(3).withAvailableReplicas(2)
                .endStatus().build(), List.of());
        assertThat(v).isEqualTo(Verdict.waiting("Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available..."));
    }

    @Test
    void aDeploymentIsReadyRolledOutAndAvailable() {
        Verdict v = Readiness.of(deployment(1, 1L, 3).editStatus().withUpdatedReplicas(3).withReplicas(3).withAvailableReplicas(3)
                .addNewCondition().withType("Available").withStatus("True").endCondition().endStatus().build(), List.of());
        assertThat(v).isEqualTo(Verdict.ready("deployment \"web\" successfully rolled out"));
    }

    @Test
    void aDeploymentPastItsProgressDeadlineFails() {
        Verdict v = Readiness.of(deployment(1, 1L, 3).editStatus().addNewCondition().withType("Progressing").withStatus("False")
                .withReason("ProgressDeadlineExceeded").endCondition().endStatus().build(), List.of());
        assertThat(v).isEqualTo(Verdict.failed("deployment \"web\" exceeded its progress deadline"));
    }

    @Test
    void aStatefulSetWaitsForItsReplicasToBeReady() {
        var sts = new StatefulSetBuilder().withNewMetadata().withName("db").withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(3).endSpec().withNewStatus().withObservedGeneration(1L).withReadyReplicas(1).endStatus();
        assertThat(Readiness.of(sts.build(), List.of())).isEqualTo(Verdict.waiting("Waiting for 2 pods to be ready..."));
        assertThat(Readiness.of(sts.editStatus().withReadyReplicas(3).withCurrentRevision("db-1").withUpdateRevision("db-1")
                .endStatus().build(), List.of()).state()).isEqualTo(State.READY);
    }

    @Test
    void aDaemonSetWaitsForItsPodsToBeAvailable() {
        var ds = new DaemonSetBuilder().withNewMetadata().withName("agent").withGeneration(1L).endMetadata()
                .withNewStatus().withObservedGeneration(1L).withDesiredNumberScheduled(1).withUpdatedNumberScheduled(1)
                .withNumberAvailable(0).endStatus();
        assertThat(Readiness.of(ds.build(), List.of())).isEqualTo(
                Verdict.waiting("Waiting for daemon set \"agent\" rollout to finish: 0 of 1 updated pods are available..."));
        assertThat(Readiness.of(ds.editStatus().withNumberAvailable(1).endStatus().build(), List.of()))
                .isEqualTo(Verdict.ready("daemon set \"agent\" successfully rolled out"));
    }

    private static JobBuilder job() {
        return new JobBuilder().withNewMetadata().withName("migrate").endMetadata().withNewSpec().withCompletions(2).endSpec();
    }

    @Test
    void aJobIsReadyWhenComplete() {
        var complete = job().withNewStatus().withSucceeded(2).addNewCondition().withType("Complete").withStatus("True").endCondition()
                .endStatus().build();
        assertThat(Readiness.of(complete, List.of())).isEqualTo(Verdict.ready("job \"migrate\" complete"));
        assertThat(Readiness.of(job().withNewStatus().withSucceeded(1).withActive(1).endStatus().build(), List.of()))
                .isEqualTo(Verdict.waiting("Waiting for job \"migrate\" to complete: 1 of 2 succeeded, 1 active, 0 failed..."));
    }

    @Test
    void aFailedJobFailsWithItsCondition() {
        var failed = job().withNewStatus().withFailed(1).addNewCondition().withType("Failed").withStatus("True")
                .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").endCondition()
                .endStatus().build();
        assertThat(Readiness.of(failed, List.of())).isEqualTo(
                Verdict.failed("job \"migrate\" failed: BackoffLimitExceeded: Job has reached the specified backoff limit"));
    }

    @Test
    void aSuspendedJobIsNotWaitedFor() {
        assertThat(Readiness.of(job().editSpec().withSuspend(true).endSpec().build(), List.of()).state()).isEqualTo(State.READY);
    }

    @Test
    void aPodIsReadyWhenReadyOrSucceededAndFailedWhenFailed() {
        var pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus().withPhase("Running").endStatus();
        assertThat(Readiness.of(pod.build(), List.of()).state()).isEqualTo(State.WAITING);
        assertThat(Readiness.of(pod.editStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build(),
                List.of()).state()).isEqualTo(State.READY);
        assertThat(Readiness.of(pod.editStatus().withPhase("Succeeded").endStatus().build(), List.of()).state()).isEqualTo(State.READY);
        assertThat(Readiness.of(pod.editStatus().withPhase("Failed").endStatus().build(), List.of()).state()).isEqualTo(State.FAILED);
    }

    private static EndpointSlice slice(boolean ready) {
        return new EndpointSliceBuilder().addNewEndpoint().withAddresses("10.0.0.1").withNewConditions().withReady(ready).endConditions()
                .endEndpoint().build();
    }

    @Test
    void aServiceWaitsForAReadyEndpoint() {
        var service = new ServiceBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                .withSelector(Map.of("app", "web")).endSpec().build();
        assertThat(Readiness.of(service, List.of(slice(false)))).isEqualTo(
                Verdict.waiting("Waiting for service \"web\" to have a ready endpoint (1 endpoints, none ready)..."));
        assertThat(Readiness.of(service, List.of(slice(false), slice(true)))).isEqualTo(Verdict.ready("service \"web\" has 1 ready endpoint"));
    }

    @Test
    void aServiceThatPublishesNotReadyAddressesIsReadyWithAnyEndpoint() {
        var service = new ServiceBuilder().withNewMetadata().withName("peers").endMetadata().withNewSpec()
                .withSelector(Map.of("app", "db")).withPublishNotReadyAddresses(true).endSpec().build();
        assertThat(Readiness.of(service, List.of(slice(false))).state()).isEqualTo(State.READY);
    }

    @Test
    void aServiceWithoutSelectorAndAConfigMapHaveNothingToWaitFor() {
        var service = new ServiceBuilder().withNewMetadata().withName("external").endMetadata().withNewSpec().endSpec().build();
        assertThat(Readiness.of(service, List.of()).state()).isEqualTo(State.READY);
        assertThat(Readiness.of(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build(), List.of()).state())
                .isEqualTo(State.READY);
    }

    @Test
    void anObjectDeletedMeanwhileNeverWillBeReady() {
        assertThat(Readiness.of(null, List.of()).state()).isEqualTo(State.FAILED);
    }
}

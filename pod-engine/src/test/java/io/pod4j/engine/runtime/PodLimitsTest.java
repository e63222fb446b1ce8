package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;

/** A container without limits of its own takes the pod-level limits. */
class PodLimitsTest {

    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .withNewResources().addToLimits("memory", new Quantity("64Mi")).addToLimits("cpu", new Quantity("500m")).endResources()
                .addNewContainer().withName("free").withImage("x").endContainer()
                .addNewContainer().withName("capped").withImage("x").withNewResources()
                .addToLimits("memory", new Quantity("32Mi")).endResources().endContainer()
                .endSpec().build();
    }

    @Test
    void aContainerWithoutLimitsTakesThePods() {
        Pod p = pod();

        assertThat(PodLimits.forContainer(p, p.getSpec().getContainers().get(0)))
                .containsEntry("memory", new Quantity("64Mi")).containsEntry("cpu", new Quantity("500m"));
    }

    @Test
    void aContainersOwnLimitWins() {
        Pod p = pod();

        assertThat(PodLimits.forContainer(p, p.getSpec().getContainers().get(1)))
                .containsOnlyKeys("cpu");
    }

    @Test
    void withoutPodLimitsNothingIsTaken() {
        Pod p = pod();
        p.getSpec().setResources(null);

        assertThat(PodLimits.forContainer(p, p.getSpec().getContainers().get(0))).isEmpty();
    }
}

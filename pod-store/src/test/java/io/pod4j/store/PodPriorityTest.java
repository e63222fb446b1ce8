package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

/** The Priority admission plugin: priorityClassName resolved to spec.priority on create, in the plugin's words. */
class PodPriorityTest {

    private static Pod withClass(String name, String className) {
        Pod p = pod(name);
        p.getSpec().setPriorityClassName(className);
        return p;
    }

    @Test
    void podWithoutAClassGetsPriorityZeroAndPreemptLowerPriority() {
        Pod created = store().create(pod("web"));

        assertThat(created.getSpec().getPriority()).isZero();
        assertThat(created.getSpec().getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
        assertThat(created.getSpec().getPriorityClassName()).isNull();
    }

    @Test
    void systemNodeCriticalResolvesToItsPriority() {
        Pod created = store().create(withClass("web", "system-node-critical"));

        assertThat(created.getSpec().getPriority()).isEqualTo(2_000_001_000);
        assertThat(created.getSpec().getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
    }

    @Test
    void systemClusterCriticalResolvesToItsPriority() {
        Pod created = store().create(withClass("web", "system-cluster-critical"));

        assertThat(created.getSpec().getPriority()).isEqualTo(2_000_000_000);
    }

    @Test
    void unknownClassIsForbiddenInThePluginsWords() {
        assertRefused(() -> store().create(withClass("web", "high")), 403, "Forbidden",
                "pods \"web\" is forbidden: no PriorityClass with name high was found");
    }

    @Test
    void priorityThatDiffersFromTheClassIsForbidden() {
        Pod p = withClass("web", "system-cluster-critical");
        p.getSpec().setPriority(7);

        assertRefused(() -> store().create(p), 403, "Forbidden",
                "pods \"web\" is forbidden: the integer value of priority (7) must not be provided in pod spec;"
                        + " priority admission controller computed 2000000000 from the given PriorityClass name");
    }

    @Test
    void priorityThatEqualsTheComputedOneIsAccepted() {
        Pod p = pod("web");
        p.getSpec().setPriority(0);

        assertThat(store().create(p).getSpec().getPriority()).isZero();
    }

    @Test
    void preemptionPolicyThatDiffersFromTheComputedOneIsForbidden() {
        Pod p = pod("web");
        p.getSpec().setPreemptionPolicy("Never");

        assertRefused(() -> store().create(p), 403, "Forbidden",
                "pods \"web\" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec;"
                        + " priority admission controller computed PreemptLowerPriority from the given PriorityClass name");
    }

    @Test
    void updateWithoutPriorityKeepsTheStoredOne() {
        ObjectStore store = store();
        Pod created = store.create(withClass("web", "system-node-critical"));
        created.getSpec().setPriority(null);
        created.getSpec().setPreemptionPolicy(null);
        created.getMetadata().getLabels().put("touched", "yes");

        Pod updated = store.update(created);

        assertThat(updated.getSpec().getPriority()).isEqualTo(2_000_001_000);
        assertThat(updated.getSpec().getPreemptionPolicy()).isEqualTo("PreemptLowerPriority");
    }
}

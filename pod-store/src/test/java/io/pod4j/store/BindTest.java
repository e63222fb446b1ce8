package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** Binding a Pod to a node, the one way its {@code spec.nodeName} is set after creation. */
class BindTest {

    private final ObjectStore store = store();

    @Test
    void bindSetsTheNodeAndPodScheduled() {
        store.create(pod("web"));

        Pod bound = store.bind("default", "web", "node-1");

        assertThat(bound.getSpec().getNodeName()).isEqualTo("node-1");
        assertThat(bound.getStatus().getConditions()).singleElement()
                .satisfies(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("PodScheduled=True"));
    }

    @Test
    void aBoundPodCannotBeBoundAgain() {
        store.create(pod("web"));
        store.bind("default", "web", "node-1");

        assertRefused(() -> store.bind("default", "web", "node-2"), 409, "Conflict",
                "Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"node-1\"");
    }

    @Test
    void updateMayNotMoveAPodToAnotherNode() {
        store.create(pod("web"));
        Pod bound = store.bind("default", "web", "node-1");

        assertRefused(() -> store.update(new PodBuilder(bound).editSpec().withNodeName("node-2").endSpec().build()),
                422, "Invalid", null).hasMessageContaining("spec: Forbidden: pod updates may not change fields other than");
    }

    @Test
    void aGatedPodCannotBeBound() {
        store.create(new PodBuilder(pod("web")).editSpec().addNewSchedulingGate("example.com/wait").endSpec().build());

        assertRefused(() -> store.bind("default", "web", "node-1"), 409, "Conflict",
                "Operation cannot be fulfilled on pods/binding \"web\": pod web has non-empty .spec.schedulingGates");
    }
}

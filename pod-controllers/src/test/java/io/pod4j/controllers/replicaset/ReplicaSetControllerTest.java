package io.pod4j.controllers.replicaset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.pod4j.controllers.ControllerManager;
import io.pod4j.controllers.Fixtures;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The controller over a store in memory: its writes, as a cluster's API would show them (no kubelet: pods stay Pending). */
class ReplicaSetControllerTest {

    private final ObjectStore store = ObjectStore.inMemory();
    private final ControllerManager manager = ControllerManager.start(store,
            List.of(new ReplicaSetController(store, Clock.systemUTC())));

    @AfterEach
    void stop() {
        manager.close();
        store.close();
    }

    private static ReplicaSet rs(int replicas) {
        ReplicaSet rs = Fixtures.replicaSet("web", replicas);
        rs.getMetadata().setUid(null);
        rs.getMetadata().setGeneration(null);
        return rs;
    }

    private List<Pod> activePods() {
        return store.list(ResourceTypes.PODS, ListOptions.inNamespace("default")).items().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    @Test
    void createsPodsNamedAfterTheReplicaSetAndControlledByIt() {
        ReplicaSet created = store.create(rs(3));

        await().atMost(Duration.ofSeconds(5)).until(() -> activePods().size() == 3);
        assertThat(activePods()).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
            assertThat(p.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> {
                assertThat(r.getUid()).isEqualTo(created.getMetadata().getUid());
                assertThat(r.getController()).isTrue();
                assertThat(r.getBlockOwnerDeletion()).isTrue();
                assertThat(r.getKind()).isEqualTo("ReplicaSet");
                assertThat(r.getApiVersion()).isEqualTo("apps/v1");
            });
            assertThat(p.getSpec().getRestartPolicy()).isEqualTo("Always");
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            var s = store.get(ResourceTypes.REPLICA_SETS, "default", "web").getStatus();
            return s != null && s.getReplicas() == 3 && s.getObservedGeneration() == 1 && s.getFullyLabeledReplicas() == 3;
        });
    }

    @Test
    void scalingDownDeletesTheSurplus() {
        store.create(rs(3));
        await().atMost(Duration.ofSeconds(5)).until(() -> activePods().size() == 3);
        ReplicaSet now = store.get(ResourceTypes.REPLICA_SETS, "default", "web");
        now.getSpec().setReplicas(1);
        store.update(now);

        await().atMost(Duration.ofSeconds(5)).until(() -> activePods().size() == 1);
    }

    @Test
    void anOrphanWithMatchingLabelsIsAdoptedAndCounted() {
        store.create(new PodBuilder(Fixtures.pod("loose", "web", null)).editMetadata().withUid(null)
                .withCreationTimestamp(null).endMetadata().withStatus(null).build());
        store.create(rs(2));

        await().atMost(Duration.ofSeconds(5)).until(() -> activePods().size() == 2);
        Pod loose = store.get(ResourceTypes.PODS, "default", "loose");
        assertThat(loose.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getName()).isEqualTo("web"));
    }

    @Test
    void recordsItsCreationsAsEvents() {
        store.create(rs(1));

        await().atMost(Duration.ofSeconds(5)).until(() -> store.list(ResourceTypes.EVENTS, ListOptions.inNamespace("default"))
                .items().stream().anyMatch(e -> "SuccessfulCreate".equals(e.getReason())
                        && e.getMessage().startsWith("Created pod: web-")
                        && "replicaset-controller".equals(e.getSource().getComponent())));
    }
}

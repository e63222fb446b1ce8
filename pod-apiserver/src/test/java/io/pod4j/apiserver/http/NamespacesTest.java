package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.WriteOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The namespace controller's start over a store an earlier pod4j kept (no spec.finalizers then). */
class NamespacesTest {

    private final ObjectStore store = ObjectStore.inMemory();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** A namespace as an earlier pod4j stored it: no spec.finalizers. */
    private void keptByAnEarlierPod4j(String name) {
        Namespace ns = store.create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
        ns.getSpec().setFinalizers(List.of());
        ns.getMetadata().setResourceVersion(null);
        store.finalizeNamespace(ns, WriteOptions.DEFAULT);
    }

    private boolean exists(String name) {
        return store.list(ResourceTypes.NAMESPACES, ListOptions.all()).items().stream()
                .anyMatch(n -> n.getMetadata().getName().equals(name));
    }

    @Test
    void anActiveNamespaceKeptWithoutSpecFinalizersGetsTheKubernetesOne() {
        keptByAnEarlierPod4j("old");

        new Namespaces(store, timer).start();

        assertThat(store.get(ResourceTypes.NAMESPACES, "", "old").getSpec().getFinalizers()).containsExactly("kubernetes");
    }

    @Test
    void aNamespaceLeftTerminatingUnderTheOldFinalizerIsEmptiedThenRemoved() {
        keptByAnEarlierPod4j("old");
        Namespace ns = store.get(ResourceTypes.NAMESPACES, "", "old");
        ns.getMetadata().setFinalizers(List.of("pod4j.io/namespace-contents"));
        ns.getMetadata().setResourceVersion(null);
        store.update(ns);
        store.create(new ConfigMapBuilder().withNewMetadata().withName("left").withNamespace("old").endMetadata().build());
        store.delete(ResourceTypes.NAMESPACES, "", "old", null);

        new Namespaces(store, timer).start();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !exists("old"));
        assertThat(store.list(ResourceTypes.CONFIG_MAPS, ListOptions.inNamespace("old")).items()).isEmpty();
    }
}

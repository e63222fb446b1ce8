package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class CreateTest {

    private final ObjectStore store = store();

    @Test
    void createFillsUidCreationTimestampGenerationAndResourceVersion() {
        Pod created = store.create(pod("web"));

        assertThat(created.getMetadata().getUid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(created.getMetadata().getCreationTimestamp()).isEqualTo("2026-12-03T08:00:00Z");
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getMetadata().getResourceVersion()).isEqualTo(store.resourceVersion());
    }

    @Test
    void generateNameAddsFiveCharactersOfKubernetesAlphabet() {
        Pod p = new PodBuilder(pod("x")).editMetadata().withName(null).withGenerateName("web-").endMetadata().build();

        Pod created = store.create(p);

        assertThat(created.getMetadata().getName()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    @Test
    void aSecretsStringDataNullValueIsStoredAsEmpty() {
        java.util.Map<String, String> stringData = new java.util.HashMap<>();
        stringData.put("empty", null);
        io.fabric8.kubernetes.api.model.Secret s = store.create(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName("s").endMetadata().withStringData(stringData).build());

        assertThat(s.getData()).containsEntry("empty", "");
    }

    @Test
    void namespacedKindWithoutNamespaceGoesToDefault() {
        assertThat(store.create(pod("web")).getMetadata().getNamespace()).isEqualTo("default");
    }

    @Test
    void clusterScopedKindKeepsNoNamespace() {
        var node = store.create(new NodeBuilder().withNewMetadata().withName("node-1").withNamespace("x").endMetadata().build());

        assertThat(node.getMetadata().getNamespace()).isNull();
    }

    @Test
    void createOfAnExistingNameIsAlreadyExists() {
        store.create(pod("web"));

        assertRefused(() -> store.create(pod("web")), 409, "AlreadyExists", "pods \"web\" already exists");
    }

    @Test
    void createWithoutNameIsInvalid() {
        Pod p = new PodBuilder(pod("x")).editMetadata().withName(null).endMetadata().build();

        assertRefused(() -> store.create(p), 422, "Invalid",
                "Pod \"\" is invalid: metadata.name: Required value: name or generateName is required");
    }

    @Test
    void createWithAResourceVersionIsRefused() {
        Pod p = new PodBuilder(pod("web")).editMetadata().withResourceVersion("7").endMetadata().build();

        assertRefused(() -> store.create(p), 400, "BadRequest", "resourceVersion should not be set on objects to be created");
    }

    @Test
    void newPodStartsPendingWithItsQosClassWhateverItsStatusSaid() {
        Pod p = new PodBuilder(pod("web")).withNewStatus().withPhase("Running").endStatus().build();

        Pod created = store.create(p);

        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(created.getStatus().getQosClass()).isEqualTo("BestEffort");
    }

    @Test
    void podWithSchedulingGatesStartsSchedulingGated() {
        Pod p = new PodBuilder(pod("web")).editSpec().addNewSchedulingGate("example.com/wait").endSpec().build();

        Pod created = store.create(p);

        assertThat(created.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("PodScheduled");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("SchedulingGated");
        });
    }

    @Test
    void storeKeepsPrivateCopies() {
        Pod mine = pod("web");
        Pod created = store.create(mine);

        mine.getMetadata().getLabels().put("changed", "by-caller");
        created.getSpec().getContainers().get(0).setImage("evil");

        Pod stored = store.get(ResourceTypes.PODS, "default", "web");
        assertThat(stored.getMetadata().getLabels()).doesNotContainKey("changed");
        assertThat(stored.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
    }

    @Test
    void getOfAMissingObjectIsNotFound() {
        assertRefused(() -> store.get(ResourceTypes.PODS, "default", "nope"), 404, "NotFound", "pods \"nope\" not found");
    }

    @Test
    void invalidLabelIsRefusedInTheApiServersWords() {
        Pod p = new PodBuilder(pod("web")).editMetadata().addToLabels("app", "-bad").endMetadata().build();

        assertRefused(() -> store.create(p), 422, "Invalid", "Pod \"web\" is invalid: metadata.labels: Invalid value: \"-bad\": "
                + "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
                + "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
                + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }
}

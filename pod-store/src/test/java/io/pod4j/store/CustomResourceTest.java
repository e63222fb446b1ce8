package io.pod4j.store;

import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A kind the store has no class for is kept whole, as a custom resource. */
class CustomResourceTest {

    private final ObjectStore store = store();

    private GenericKubernetesResource widget(String size) {
        return new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Widget")
                .withNewMetadata().withName("w").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("size", size))).build();
    }

    @Test
    void customResourceIsKeptWithEveryField() {
        GenericKubernetesResource created = store.create(widget("small"));

        ResourceType<?> type = store.types().of(created);
        assertThat(type.plural()).isEqualTo("widgets");
        assertThat(type.groupResource()).isEqualTo("widgets.example.com");
        assertThat(((GenericKubernetesResource) store.get(type, "default", "w")).getAdditionalProperties())
                .containsEntry("spec", Map.of("size", "small"));
    }

    @Test
    void customResourceCountsGenerationOnSpecChangesOnly() {
        GenericKubernetesResource created = store.create(widget("small"));
        created.getMetadata().setLabels(Map.of("a", "b"));
        GenericKubernetesResource labelled = store.update(created);
        labelled.setAdditionalProperty("spec", Map.of("size", "large"));

        GenericKubernetesResource resized = store.update(labelled);

        assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(resized.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void pluralIsGuessedAsKubectlGuessesIt() {
        assertThat(ResourceTypes.guessPlural("Policy")).isEqualTo("policies");
        assertThat(ResourceTypes.guessPlural("Ingress")).isEqualTo("ingresses");
        assertThat(ResourceTypes.guessPlural("Gateway")).isEqualTo("gateways");
    }
}

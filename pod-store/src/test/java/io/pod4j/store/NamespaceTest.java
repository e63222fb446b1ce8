package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Namespaces as the API server's namespace strategy and registry keep them: phase, label, spec.finalizers, finalize. */
class NamespaceTest {

    private final ObjectStore store = store();

    private Namespace create(String name) {
        return store.create(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
    }

    private Namespace get(String name) {
        return store.get(ResourceTypes.NAMESPACES, "", name);
    }

    private static Namespace withFinalizers(Namespace ns, String... finalizers) {
        Namespace copy = new NamespaceBuilder(ns).editSpec().withFinalizers(List.of(finalizers)).endSpec().build();
        copy.getMetadata().setResourceVersion(null);
        return copy;
    }

    private boolean exists(String name) {
        return store.list(ResourceTypes.NAMESPACES, ListOptions.all()).items().stream()
                .anyMatch(n -> n.getMetadata().getName().equals(name));
    }

    @Test
    void aNewNamespaceIsActiveLabelledAndHeldByTheKubernetesFinalizer() {
        Namespace ns = create("team");

        assertThat(ns.getStatus().getPhase()).isEqualTo("Active");
        assertThat(ns.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team");
        assertThat(ns.getSpec().getFinalizers()).containsExactly("kubernetes");
    }

    @Test
    void anUpdateKeepsTheStoredSpecFinalizers() {
        Namespace ns = create("team");

        Namespace updated = store.update(withFinalizers(ns));

        assertThat(updated.getSpec().getFinalizers()).containsExactly("kubernetes");
    }

    @Test
    void deletingMarksTheNamespaceTerminatingAndKeepsItWhileAFinalizerHoldsIt() {
        create("team");

        Deletion<Namespace> d = store.delete(ResourceTypes.NAMESPACES, "", "team", null);

        assertThat(d.gone()).isFalse();
        assertThat(get("team").getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(get("team").getStatus().getPhase()).isEqualTo("Terminating");
    }

    @Test
    void finalizeChangesOnlyTheFinalizers() {
        Namespace ns = create("team");
        Namespace changed = withFinalizers(ns, "kubernetes", "example.com/cleanup");
        changed.getMetadata().getLabels().put("tier", "x");

        Namespace finalized = store.finalizeNamespace(changed, WriteOptions.DEFAULT);

        assertThat(finalized.getSpec().getFinalizers()).containsExactly("kubernetes", "example.com/cleanup");
        assertThat(finalized.getMetadata().getLabels()).doesNotContainKey("tier");
    }

    @Test
    void removingTheLastFinalizerOfATerminatingNamespaceRemovesIt() {
        create("team");
        store.delete(ResourceTypes.NAMESPACES, "", "team", null);

        store.finalizeNamespace(withFinalizers(get("team")), WriteOptions.DEFAULT);

        assertThat(exists("team")).isFalse();
    }

    @Test
    void aNamespaceWithoutFinalizersIsRemovedByItsDelete() {
        store.finalizeNamespace(withFinalizers(create("team")), WriteOptions.DEFAULT);

        assertThat(store.delete(ResourceTypes.NAMESPACES, "", "team", null).gone()).isTrue();
    }

    @Test
    void aNullFinalizerIsInvalidNotAFailure() {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName("team").endMetadata().withNewSpec()
                .withFinalizers(java.util.Arrays.asList("kubernetes", null)).endSpec().build();

        assertRefused(() -> store.create(ns), 422, "Invalid", null)
                .hasMessageContaining("spec.finalizers[1]: Invalid value: \"\": name part must be non-empty");
    }

    @Test
    void aFinalizerThatIsNeitherStandardNorQualifiedIsInvalid() {
        Namespace ns = create("team");

        assertRefused(() -> store.finalizeNamespace(withFinalizers(ns, "cleanup"), WriteOptions.DEFAULT), 422, "Invalid", null)
                .hasMessageContaining("spec.finalizers[0]: Invalid value: \"cleanup\": "
                        + "name is neither a standard finalizer name nor is it fully qualified");
    }
}

package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import org.junit.jupiter.api.Test;

/** A delete's propagationPolicy, as the API server turns it into the garbage collector's finalizers. */
class PropagationTest {

    private static ConfigMap owner() {
        return new ConfigMapBuilder().withNewMetadata().withName("owner").endMetadata().build();
    }

    @Test
    void foregroundKeepsTheObjectWithTheForegroundDeletionFinalizer() {
        ObjectStore store = store();
        store.create(owner());

        Deletion<ConfigMap> d = store.delete(ResourceTypes.CONFIG_MAPS, "default", "owner",
                new DeleteOptionsBuilder().withPropagationPolicy("Foreground").build());

        assertThat(d.gone()).isFalse();
        assertThat(d.object().getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
        assertThat(d.object().getMetadata().getDeletionTimestamp()).isNotNull();
    }

    @Test
    void orphanKeepsTheObjectWithTheOrphanFinalizerAsOrphanDependentsDoes() {
        ObjectStore store = store();
        store.create(owner());

        Deletion<ConfigMap> d = store.delete(ResourceTypes.CONFIG_MAPS, "default", "owner",
                new DeleteOptionsBuilder().withOrphanDependents(true).build());

        assertThat(d.object().getMetadata().getFinalizers()).containsExactly("orphan");
    }

    @Test
    void backgroundRemovesTheObjectAtOnce() {
        ObjectStore store = store();
        store.create(owner());

        assertThat(store.delete(ResourceTypes.CONFIG_MAPS, "default", "owner",
                new DeleteOptionsBuilder().withPropagationPolicy("Background").build()).gone()).isTrue();
    }

    @Test
    void anUnknownPolicyIsRefusedInTheApiServersWords() {
        ObjectStore store = store();
        store.create(owner());

        assertRefused(() -> store.delete(ResourceTypes.CONFIG_MAPS, "default", "owner",
                new DeleteOptionsBuilder().withPropagationPolicy("Later").build()), 422, "Invalid", null)
                .hasMessage("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Later\":"
                        + " supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
    }
}

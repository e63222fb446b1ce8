package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.configMap;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.scheduledPod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** Graceful deletion of Pods, finalizers and preconditions, as the API server decides them. */
class DeleteTest {

    private final ObjectStore store = store();

    private static DeleteOptions grace(long seconds) {
        return new DeleteOptionsBuilder().withGracePeriodSeconds(seconds).build();
    }

    private Deletion<Pod> deletePod(String name, DeleteOptions options) {
        return store.delete(ResourceTypes.PODS, "default", name, options);
    }

    @Test
    void podIsMarkedWithItsTerminationGracePeriodAndStays() {
        store.create(scheduledPod("web"));

        Deletion<Pod> d = deletePod("web", null);

        assertThat(d.gone()).isFalse();
        assertThat(d.object().getMetadata().getDeletionTimestamp()).isEqualTo("2026-12-03T08:00:30Z");
        assertThat(d.object().getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
        assertThat(d.object().getMetadata().getGeneration()).isEqualTo(2L);
        assertThat(store.get(ResourceTypes.PODS, "default", "web").getMetadata().getDeletionTimestamp()).isNotNull();
    }

    @Test
    void requestedGracePeriodWinsOverThePods() {
        store.create(scheduledPod("web"));

        assertThat(deletePod("web", grace(5)).object().getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(5L);
    }

    @Test
    void podIsGoneWhenItsKubeletConfirmsWithGraceZero() {
        store.create(scheduledPod("web"));
        deletePod("web", null);

        Deletion<Pod> confirmed = deletePod("web", grace(0));

        assertThat(confirmed.gone()).isTrue();
        assertRefused(() -> store.get(ResourceTypes.PODS, "default", "web"), 404, "NotFound", "pods \"web\" not found");
    }

    @Test
    void graceZeroDeletesAPodAtOnce() {
        store.create(scheduledPod("web"));

        assertThat(deletePod("web", grace(0)).gone()).isTrue();
    }

    @Test
    void podNoNodeRunsIsDeletedAtOnce() {
        store.create(pod("web"));

        assertThat(deletePod("web", null).gone()).isTrue();
    }

    @Test
    void aShorterGracePeriodMovesTheDeletionTimestampEarlier() {
        store.create(scheduledPod("web"));
        deletePod("web", null);

        Pod shorter = deletePod("web", grace(10)).object();

        assertThat(shorter.getMetadata().getDeletionTimestamp()).isEqualTo("2026-12-03T08:00:10Z");
        assertThat(shorter.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(10L);
    }

    @Test
    void aLongerGracePeriodChangesNothing() {
        store.create(scheduledPod("web"));
        Pod first = deletePod("web", null).object();

        Deletion<Pod> again = deletePod("web", grace(60));

        assertThat(again.gone()).isFalse();
        assertThat(again.object().getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    }

    @Test
    void objectWithFinalizersStaysUntilTheLastIsRemoved() {
        store.create(new ConfigMapBuilder(configMap("cfg", "k", "v")).editMetadata()
                .addToFinalizers("example.com/a", "example.com/b").endMetadata().build());

        Deletion<ConfigMap> d = store.delete(ResourceTypes.CONFIG_MAPS, "default", "cfg", null);
        assertThat(d.gone()).isFalse();
        assertThat(d.object().getMetadata().getDeletionTimestamp()).isEqualTo("2026-12-03T08:00:00Z");
        assertThat(d.object().getMetadata().getDeletionGracePeriodSeconds()).isZero();

        ConfigMap one = store.update(new ConfigMapBuilder(d.object()).editMetadata().withFinalizers("example.com/b")
                .endMetadata().build());
        assertThat(store.get(ResourceTypes.CONFIG_MAPS, "default", "cfg").getMetadata().getFinalizers()).containsExactly("example.com/b");

        store.update(new ConfigMapBuilder(one).editMetadata().withFinalizers().endMetadata().build());
        assertRefused(() -> store.get(ResourceTypes.CONFIG_MAPS, "default", "cfg"), 404, "NotFound", "configmaps \"cfg\" not found");
    }

    @Test
    void podWithAFinalizerStaysAfterItsKubeletConfirmsUntilTheFinalizerIsRemoved() {
        store.create(new PodBuilder(scheduledPod("web")).editMetadata().addToFinalizers("example.com/keep").endMetadata().build());
        deletePod("web", null);
        Deletion<Pod> confirmed = deletePod("web", grace(0));
        assertThat(confirmed.gone()).isFalse();

        store.patch(ResourceTypes.PODS, "default", "web", PatchType.MERGE, "{\"metadata\":{\"finalizers\":null}}");

        assertRefused(() -> store.get(ResourceTypes.PODS, "default", "web"), 404, "NotFound", "pods \"web\" not found");
    }

    @Test
    void noFinalizerMayBeAddedOnceDeletionBegan() {
        store.create(new ConfigMapBuilder(configMap("cfg", "k", "v")).editMetadata().addToFinalizers("example.com/a")
                .endMetadata().build());
        ConfigMap deleting = store.delete(ResourceTypes.CONFIG_MAPS, "default", "cfg", null).object();

        assertRefused(() -> store.update(new ConfigMapBuilder(deleting).editMetadata().addToFinalizers("example.com/b")
                .endMetadata().build()), 422, "Invalid", "ConfigMap \"cfg\" is invalid: metadata.finalizers: Forbidden: no new"
                + " finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/b\"}");
    }

    @Test
    void uidPreconditionThatDoesNotHoldIsConflict() {
        Pod web = store.create(scheduledPod("web"));
        DeleteOptions options = new DeleteOptionsBuilder().withNewPreconditions().withUid("other").endPreconditions().build();

        assertRefused(() -> deletePod("web", options), 409, "Conflict", "Operation cannot be fulfilled on Pod \"web\": the UID"
                + " in the precondition (other) does not match the UID in record (" + web.getMetadata().getUid()
                + "). The object might have been deleted and then recreated");
    }

    @Test
    void resourceVersionPreconditionThatDoesNotHoldIsConflict() {
        store.create(scheduledPod("web"));
        DeleteOptions options = new DeleteOptionsBuilder().withNewPreconditions().withResourceVersion("99").endPreconditions()
                .build();

        assertRefused(() -> deletePod("web", options), 409, "Conflict", "Operation cannot be fulfilled on Pod \"web\": the"
                + " ResourceVersion in the precondition (99) does not match the ResourceVersion in record (1). The object"
                + " might have been modified");
    }

    @Test
    void deleteOfAMissingObjectIsNotFound() {
        assertRefused(() -> deletePod("ghost", null), 404, "NotFound", "pods \"ghost\" not found");
    }

    @Test
    void updateMayNotChangeTheDeletionGracePeriod() {
        store.create(scheduledPod("web"));
        Pod deleting = deletePod("web", null).object();

        assertRefused(() -> store.update(new PodBuilder(deleting).editMetadata().withDeletionGracePeriodSeconds(5L)
                .endMetadata().build()), 422, "Invalid",
                "Pod \"web\" is invalid: metadata.deletionGracePeriodSeconds: Invalid value: 5: field is immutable");
    }
}

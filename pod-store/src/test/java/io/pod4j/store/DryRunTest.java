package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.configMap;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.scheduledPod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code dryRun=All}: the API server runs admission, defaulting and validation and answers what it
 * would store, but stores nothing: no new resourceVersion, no watch event.
 */
class DryRunTest {

    private static final WriteOptions DRY_RUN = WriteOptions.fieldManager("kubectl").dryRunOnly();

    private final ObjectStore store = store();

    @Test
    void aDryRunCreateAnswersTheDefaultedObjectWithoutResourceVersionAndStoresNothing() {
        String before = store.resourceVersion();

        Pod answered = store.create(pod("web"), DRY_RUN);

        assertThat(answered.getMetadata().getUid()).isNotEmpty();
        assertThat(answered.getMetadata().getCreationTimestamp()).isEqualTo("2026-12-03T08:00:00Z");
        assertThat(answered.getMetadata().getResourceVersion()).isNull();
        assertThat(answered.getSpec().getContainers().get(0).getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(answered.getMetadata().getManagedFields()).extracting(m -> m.getManager()).containsExactly("kubectl");
        assertThat(store.resourceVersion()).isEqualTo(before);
        assertThat(store.list(ResourceTypes.PODS, ListOptions.all()).items()).isEmpty();
    }

    @Test
    void aDryRunCreateIsStillValidatedAndStillConflicts() {
        store.create(pod("web"));
        Pod invalid = new PodBuilder(pod("bad")).editSpec().editFirstContainer().withImage("").endContainer().endSpec().build();

        assertRefused(() -> store.create(pod("web"), DRY_RUN), 409, "AlreadyExists", "pods \"web\" already exists");
        assertRefused(() -> store.create(invalid, DRY_RUN), 422, "Invalid", null);
    }

    @Test
    void aDryRunUpdateAnswersTheChangeWithTheStoredResourceVersionAndKeepsTheStoredObject() {
        ConfigMap stored = store.create(configMap("cfg", "a", "1"));
        ConfigMap changed = configMap("cfg", "a", "2");

        ConfigMap answered = store.update(changed, DRY_RUN);

        assertThat(answered.getData()).containsEntry("a", "2");
        assertThat(answered.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
        assertThat(store.get(ResourceTypes.CONFIG_MAPS, "default", "cfg").getData()).containsEntry("a", "1");
        assertThat(store.resourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
    }

    @Test
    void aDryRunPatchAndApplyChangeNothing() {
        ConfigMap stored = store.create(configMap("cfg", "a", "1"));

        ConfigMap merged = store.patch(ResourceTypes.CONFIG_MAPS, "default", "cfg", PatchType.MERGE,
                "{\"data\":{\"a\":\"2\"}}", DRY_RUN);
        ConfigMap applied = store.patch(ResourceTypes.CONFIG_MAPS, "default", "other", PatchType.APPLY,
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"other\"},\"data\":{\"b\":\"1\"}}",
                DRY_RUN);

        assertThat(merged.getData()).containsEntry("a", "2");
        assertThat(applied.getData()).containsEntry("b", "1");
        assertThat(store.get(ResourceTypes.CONFIG_MAPS, "default", "cfg").getData()).containsEntry("a", "1");
        assertThat(store.list(ResourceTypes.CONFIG_MAPS, ListOptions.all()).items()).hasSize(1);
        assertThat(store.resourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
    }

    @Test
    void aDryRunDeleteAnswersThePodMarkedAndLeavesItAlone() {
        store.create(scheduledPod("web"));
        String before = store.resourceVersion();

        Deletion<Pod> d = store.delete(ResourceTypes.PODS, "default", "web",
                new DeleteOptionsBuilder().withDryRun("All").build());

        assertThat(d.gone()).isFalse();
        assertThat(d.object().getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(store.get(ResourceTypes.PODS, "default", "web").getMetadata().getDeletionTimestamp()).isNull();
        assertThat(store.resourceVersion()).isEqualTo(before);
    }

    @Test
    void aDryRunDeleteOfAConfigMapAnswersItGoneAndKeepsIt() {
        store.create(configMap("cfg", "a", "1"));

        Deletion<ConfigMap> d = store.delete(ResourceTypes.CONFIG_MAPS, "default", "cfg",
                new DeleteOptionsBuilder().withDryRun("All").build());

        assertThat(d.gone()).isTrue();
        assertThat(store.get(ResourceTypes.CONFIG_MAPS, "default", "cfg")).isNotNull();
    }

    @Test
    void aWatcherSeesNoDryRun() throws Exception {
        try (Watch<ConfigMap> watch = store.watch(ResourceTypes.CONFIG_MAPS,
                ListOptions.all().withResourceVersion(store.resourceVersion()))) {
            store.create(configMap("dry", "a", "1"), DRY_RUN);
            store.create(configMap("real", "a", "1"));

            assertThat(watch.next(Duration.ofSeconds(5))).hasValueSatisfying(
                    e -> assertThat(e.object().getMetadata().getName()).isEqualTo("real"));
        }
    }
}

package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class UpdateTest {

    private final ObjectStore store = store();

    @Test
    void updateWithAStaleResourceVersionIsConflict() {
        Pod first = store.create(pod("web"));
        Pod other = new PodBuilder(first).editMetadata().addToLabels("by", "other").endMetadata().build();
        store.update(other);

        Pod stale = new PodBuilder(first).editMetadata().addToLabels("by", "me").endMetadata().build();

        assertRefused(() -> store.update(stale), 409, "Conflict", "Operation cannot be fulfilled on pods \"web\": the object"
                + " has been modified; please apply your changes to the latest version and try again");
    }

    @Test
    void conflictCarriesNameAndResourceInItsDetails() {
        Pod first = store.create(pod("web"));
        store.update(new PodBuilder(first).editMetadata().addToLabels("by", "other").endMetadata().build());
        try {
            store.update(new PodBuilder(first).editMetadata().addToLabels("by", "me").endMetadata().build());
        } catch (StoreException e) {
            assertThat(e.status().getDetails().getName()).isEqualTo("web");
            assertThat(e.status().getDetails().getKind()).isEqualTo("pods");
            return;
        }
        throw new AssertionError("no conflict");
    }

    @Test
    void updateWithoutResourceVersionReplacesWhateverIsStored() {
        store.create(pod("web"));
        Pod blind = new PodBuilder(pod("web")).editMetadata().addToLabels("tier", "front").endMetadata().build();

        Pod updated = store.update(blind);

        assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "front");
    }

    @Test
    void generationCountsSpecChangesOnly() {
        Pod web = store.create(pod("web"));
        Pod labelled = store.update(new PodBuilder(web).editMetadata().addToLabels("tier", "front").endMetadata().build());
        Pod newImage = store.update(new PodBuilder(labelled).editSpec().editContainer(0).withImage("nginx:1.28")
                .endContainer().endSpec().build());

        assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(newImage.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void mainUpdateIgnoresStatusForKindsWithAStatusSubresource() {
        Pod web = store.create(pod("web"));

        Pod updated = store.update(new PodBuilder(web).editMetadata().addToLabels("x", "y").endMetadata()
                .editStatus().withPhase("Running").endStatus().build());

        assertThat(updated.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(updated.getMetadata().getLabels()).containsEntry("x", "y");
    }

    @Test
    void statusUpdateIgnoresSpec() {
        Pod web = store.create(pod("web"));

        Pod updated = store.updateStatus(new PodBuilder(web).editSpec().editContainer(0).withImage("other")
                .endContainer().endSpec().editStatus().withPhase("Running").endStatus().build());

        assertThat(updated.getStatus().getPhase()).isEqualTo("Running");
        assertThat(updated.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void statusUpdateWithAStaleResourceVersionIsConflict() {
        Pod web = store.create(pod("web"));
        store.updateStatus(new PodBuilder(web).editStatus().withPhase("Running").endStatus().build());

        assertRefused(() -> store.updateStatus(new PodBuilder(web).editStatus().withPhase("Failed").endStatus().build()),
                409, "Conflict", "Operation cannot be fulfilled on pods \"web\": the object has been modified; please"
                        + " apply your changes to the latest version and try again");
    }

    @Test
    void uidCannotChange() {
        Pod web = store.create(pod("web"));

        assertRefused(() -> store.update(new PodBuilder(web).editMetadata().withUid("other").endMetadata().build()),
                422, "Invalid", "Pod \"web\" is invalid: metadata.uid: Invalid value: \"other\": field is immutable");
    }

    @Test
    void updateKeepsCreationTimestampAndUid() {
        Pod web = store.create(pod("web"));

        Pod updated = store.update(new PodBuilder(web).editMetadata().withUid(null).withCreationTimestamp(null)
                .addToLabels("x", "y").endMetadata().build());

        assertThat(updated.getMetadata().getUid()).isEqualTo(web.getMetadata().getUid());
        assertThat(updated.getMetadata().getCreationTimestamp()).isEqualTo(web.getMetadata().getCreationTimestamp());
    }

    @Test
    void updateOfAMissingObjectIsNotFound() {
        assertRefused(() -> store.update(pod("ghost")), 404, "NotFound", "pods \"ghost\" not found");
    }

    @Test
    void ownerReferencesAreKept() {
        Pod p = new PodBuilder(pod("web")).editMetadata().addNewOwnerReference().withApiVersion("apps/v1")
                .withKind("ReplicaSet").withName("web-1").withUid("u-1").withController(true).endOwnerReference()
                .endMetadata().build();

        Pod created = store.create(p);

        assertThat(created.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("u-1"));
    }

    @Test
    void concurrentReadModifyWriteWithRetriesOnConflictLosesNoUpdate() throws Exception {
        store.create(new PodBuilder(pod("web")).editMetadata().addToAnnotations("count", "0").endMetadata().build());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                writers.add(pool.submit(this::incrementWithRetries));
            }
            for (Future<?> w : writers) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.get(ResourceTypes.PODS, "default", "web").getMetadata().getAnnotations()).containsEntry("count", "100");
    }

    /** What a client does: read, change, write with the version read, and on 409 read again. */
    private void incrementWithRetries() {
        while (true) {
            Pod p = store.get(ResourceTypes.PODS, "default", "web");
            int count = Integer.parseInt(p.getMetadata().getAnnotations().get("count"));
            p.getMetadata().getAnnotations().put("count", Integer.toString(count + 1));
            try {
                store.update(p);
                return;
            } catch (StoreException e) {
                assertThat(e.code()).isEqualTo(409);
            }
        }
    }
}

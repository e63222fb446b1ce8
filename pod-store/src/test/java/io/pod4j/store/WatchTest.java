package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.configMap;
import static io.pod4j.store.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Events of past changes are queued before watch() returns: reading them never waits. */
    private static final Duration NONE = Duration.ZERO;

    private final ObjectStore store = ObjectStore.builder().historySize(5).build();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void watchFromAResourceVersionDeliversExactlyTheLaterChangesInOrder() throws Exception {
        Pod web = store.create(pod("web"));
        String from = web.getMetadata().getResourceVersion();
        Pod labelled = store.update(new PodBuilder(web).editMetadata().addToLabels("v", "2").endMetadata().build());
        store.create(pod("db"));
        store.delete(ResourceTypes.PODS, "default", "db", null);

        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(from))) {
            assertThat(drain(watch)).containsExactly(
                    "MODIFIED web " + labelled.getMetadata().getResourceVersion(),
                    "ADDED db 3",
                    "MODIFIED db 4", // a Pod's delete writes its deletionTimestamp first, even with grace 0
                    "DELETED db 5");
        }
    }

    @Test
    void watchThenDeliversLiveChangesAsTheyHappen() throws Exception {
        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(store.resourceVersion()))) {
            store.create(pod("web"));

            Optional<WatchEvent<Pod>> e = watch.next(WAIT);

            assertThat(e).hasValueSatisfying(ev -> {
                assertThat(ev.type()).isEqualTo(WatchEvent.Type.ADDED);
                assertThat(ev.object().getMetadata().getName()).isEqualTo("web");
            });
        }
    }

    @Test
    void watchSeesOnlyItsKind() throws Exception {
        String from = store.resourceVersion();
        store.create(configMap("cfg", "k", "v"));
        store.create(pod("web"));

        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(from))) {
            assertThat(drain(watch)).containsExactly("ADDED web 2");
        }
    }

    @Test
    void watchWithoutResourceVersionStartsWithTheCurrentObjectsAsAdded() throws Exception {
        store.create(pod("web"));
        store.create(pod("db"));

        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all())) {
            assertThat(drain(watch)).containsExactly("ADDED db 2", "ADDED web 1");
        }
    }

    @Test
    void watchFromAVersionOlderThanTheWindowIsGone() {
        for (int i = 0; i < 7; i++) {
            store.create(configMap("cfg-" + i, "k", "v"));
        }

        assertRefused(() -> store.watch(ResourceTypes.CONFIG_MAPS, ListOptions.all().withResourceVersion("1")),
                410, "Expired", "too old resource version: 1 (2)");
    }

    @Test
    void watchFromTheOldestVersionStillInTheWindowIsServed() throws Exception {
        for (int i = 0; i < 7; i++) {
            store.create(configMap("cfg-" + i, "k", "v"));
        }

        try (var watch = store.watch(ResourceTypes.CONFIG_MAPS, ListOptions.all().withResourceVersion("2"))) {
            assertThat(drain(watch)).hasSize(5);
        }
    }

    @Test
    void objectThatStopsMatchingTheSelectorIsDeletedToTheWatcher() throws Exception {
        Pod web = store.create(pod("web"));
        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all().withLabelSelector("app=web")
                .withResourceVersion(store.resourceVersion()))) {
            Pod relabelled = store.update(new PodBuilder(web).editMetadata().addToLabels("app", "other").endMetadata().build());

            WatchEvent<Pod> e = watch.next(WAIT).orElseThrow();

            assertThat(e.type()).isEqualTo(WatchEvent.Type.DELETED);
            assertThat(e.object().getMetadata().getLabels()).containsEntry("app", "web");
            assertThat(e.object().getMetadata().getResourceVersion()).isEqualTo(relabelled.getMetadata().getResourceVersion());
        }
    }

    @Test
    void objectThatStartsMatchingTheSelectorIsAddedToTheWatcher() throws Exception {
        Pod web = store.create(pod("web"));
        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all().withFieldSelector("status.phase=Running")
                .withResourceVersion(store.resourceVersion()))) {
            store.updateStatus(new PodBuilder(web).editStatus().withPhase("Running").endStatus().build());

            assertThat(watch.next(WAIT)).hasValueSatisfying(e -> assertThat(e.type()).isEqualTo(WatchEvent.Type.ADDED));
        }
    }

    @Test
    void watchInOneNamespaceSeesNoOther() throws Exception {
        String from = store.resourceVersion();
        store.create(new PodBuilder(pod("web")).editMetadata().withNamespace("team-a").endMetadata().build());
        store.create(new PodBuilder(pod("web")).editMetadata().withNamespace("team-b").endMetadata().build());

        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.inNamespace("team-b").withResourceVersion(from))) {
            assertThat(drain(watch)).containsExactly("ADDED web 2");
        }
    }

    @Test
    void closedWatchDeliversNothingMore() throws Exception {
        Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all());
        watch.close();
        store.create(pod("web"));

        assertThat(watch.next(NONE)).isEmpty();
        assertThat(watch.isClosed()).isTrue();
    }

    @Test
    void closingTheStoreEndsItsWatches() {
        Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all());

        store.close();

        assertThat(watch.isClosed()).isTrue();
    }

    private static List<String> drain(Watch<?> watch) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (Optional<? extends WatchEvent<?>> e = watch.next(NONE); e.isPresent(); e = watch.next(NONE)) {
            seen.add(e.get().type() + " " + e.get().object().getMetadata().getName() + " "
                    + e.get().object().getMetadata().getResourceVersion());
        }
        return seen;
    }

    @Test
    void watchFromAVersionAheadOfTheStoreStartsAfterIt() throws Exception {
        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion("1"))) {
            store.create(pod("first"));
            store.create(pod("second"));

            assertThat(drain(watch)).containsExactly("ADDED second 2");
        }
    }

    @Test
    void podDeletedGracefullyIsModifiedThenDeleted() throws Exception {
        Pod web = store.create(Fixtures.scheduledPod("web"));
        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all()
                .withResourceVersion(web.getMetadata().getResourceVersion()))) {
            store.delete(ResourceTypes.PODS, "default", "web", null);
            store.delete(ResourceTypes.PODS, "default", "web",
                    new io.fabric8.kubernetes.api.model.DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());

            assertThat(drain(watch)).containsExactly("MODIFIED web 2", "MODIFIED web 3", "DELETED web 4");
        }
    }

    @Test
    void aListenerIsToldOfEventsQueuedBeforeItWasSetThenOfEachNewOneAndOfTheClose() throws Exception {
        store.create(pod("web"));
        java.util.concurrent.atomic.AtomicInteger told = new java.util.concurrent.atomic.AtomicInteger();
        Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all());

        watch.onEvent(told::incrementAndGet);
        assertThat(told).hasValue(1);
        assertThat(drain(watch)).containsExactly("ADDED web 1");

        store.create(pod("db"));
        assertThat(told).hasValue(2);
        assertThat(drain(watch)).containsExactly("ADDED db 2");

        watch.close();
        assertThat(told).hasValue(3);
        assertThat(watch.next(NONE)).isEmpty();
    }

    @Test
    void nextTreeGivesTheStoresJsonOfTheChangeInOrder() throws Exception {
        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(store.resourceVersion()))) {
            store.create(pod("web"));
            store.delete(ResourceTypes.PODS, "default", "web",
                    new io.fabric8.kubernetes.api.model.DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());

            List<String> seen = new ArrayList<>();
            for (Optional<Watch.Tree> e = watch.nextTree(); e.isPresent(); e = watch.nextTree()) {
                seen.add(e.get().type() + " " + e.get().object().path("metadata").path("name").asText() + " "
                        + e.get().object().path("metadata").path("resourceVersion").asText());
            }
            assertThat(seen).containsExactly("ADDED web 1", "MODIFIED web 2", "DELETED web 3");
        }
    }

    @Test
    void aLimitedWatchWhoseReaderFallsBehindIsClosedWhileTheStoreAndOtherWatchersGoOn() throws Exception {
        Watch<Pod> stuck = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(store.resourceVersion()));
        stuck.limit(2);
        try (Watch<Pod> reading = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(store.resourceVersion()))) {
            reading.limit(2);
            List<String> read = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                store.create(pod(name));
                read.addAll(drain(reading));
            }

            assertThat(stuck.isClosed()).isTrue();
            assertThat(stuck.overflowed()).isTrue();
            assertThat(stuck.nextTree()).isEmpty();
            assertThat(read).containsExactly("ADDED a 1", "ADDED b 2", "ADDED c 3", "ADDED d 4");
            assertThat(reading.isClosed()).isFalse();
        }
    }

    @Test
    void aWatchHoldingFewerEventsThanItsLimitStaysOpen() throws Exception {
        try (Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(store.resourceVersion()))) {
            watch.limit(2);
            store.create(pod("a"));
            store.create(pod("b"));

            assertThat(watch.overflowed()).isFalse();
            assertThat(drain(watch)).containsExactly("ADDED a 1", "ADDED b 2");
        }
    }

    @Test
    void everyWatcherOfADeletionGetsTheSameTree() throws Exception {
        store.create(pod("web"));
        String from = store.resourceVersion();
        try (Watch<Pod> one = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(from));
                Watch<Pod> other = store.watch(ResourceTypes.PODS, ListOptions.all().withResourceVersion(from))) {
            store.delete(ResourceTypes.PODS, "default", "web",
                    new io.fabric8.kubernetes.api.model.DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());

            List<Watch.Tree> mine = List.of(one.nextTree().orElseThrow(), one.nextTree().orElseThrow());
            List<Watch.Tree> theirs = List.of(other.nextTree().orElseThrow(), other.nextTree().orElseThrow());
            assertThat(mine.get(1).type()).isEqualTo(WatchEvent.Type.DELETED);
            assertThat(mine.get(1).object()).isSameAs(theirs.get(1).object());
        }
    }
}

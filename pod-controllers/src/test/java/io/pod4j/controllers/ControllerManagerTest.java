package io.pod4j.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControllerManagerTest {

    private final ObjectStore store = ObjectStore.inMemory();
    private ControllerManager manager;

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.close();
        }
        store.close();
    }

    /** A controller over ConfigMaps whose reconcile the test decides. */
    private static final class Recording implements Controller {
        final List<ObjectKey> seen = new CopyOnWriteArrayList<>();
        final Map<ObjectKey, AtomicInteger> running = new ConcurrentHashMap<>();
        final AtomicInteger overlaps = new AtomicInteger();
        final Function<ObjectKey, Result> body;

        Recording(Function<ObjectKey, Result> body) {
            this.body = body;
        }

        @Override
        public String name() {
            return "recording-controller";
        }

        @Override
        public List<Watched<?>> watches() {
            return List.of(Watched.self(ResourceTypes.CONFIG_MAPS));
        }

        @Override
        public Result reconcile(ObjectKey key) {
            if (running.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            try {
                seen.add(key);
                return body.apply(key);
            } finally {
                running.get(key).decrementAndGet();
            }
        }
    }

    private static ConfigMap configMap(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("v", value).build();
    }

    private static ObjectKey key(String name) {
        return new ObjectKey(ResourceTypes.CONFIG_MAPS, "default", name);
    }

    @Test
    void objectsAlreadyStoredAreReconciledWhenTheManagerStarts() {
        store.create(configMap("before", "1"));
        Recording c = new Recording(k -> Result.done());
        manager = ControllerManager.start(store, List.of(c));
        await().atMost(Duration.ofSeconds(5)).until(() -> c.seen.contains(key("before")));
    }

    @Test
    void aChangeEnqueuesItsKeyAndOneKeyNeverRunsTwiceAtOnce() {
        Recording c = new Recording(k -> {
            try {
                Thread.sleep(5); // long enough for changes to pile up behind a running reconcile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Result.done();
        });
        manager = ControllerManager.start(store, List.of(c));
        store.create(configMap("web", "0"));
        for (int i = 1; i <= 30; i++) {
            ConfigMap cm = store.get(ResourceTypes.CONFIG_MAPS, "default", "web");
            cm.getData().put("v", Integer.toString(i));
            store.update(cm);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !c.seen.isEmpty()
                && c.running.get(key("web")).get() == 0 && c.seen.size() >= 2);
        assertThat(c.overlaps).hasValue(0);
        assertThat(c.seen).allMatch(k -> k.equals(key("web")));
        assertThat(c.seen.size()).as("31 changes coalesce into fewer reconciles").isLessThan(31);
    }

    @Test
    void aFailedReconcileIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        Recording c = new Recording(k -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
            return Result.done();
        });
        manager = ControllerManager.start(store, List.of(c));
        store.create(configMap("flaky", "1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 3);
    }

    @Test
    void aResultWithADelayBringsTheKeyBackWithoutAChange() {
        AtomicInteger calls = new AtomicInteger();
        Recording c = new Recording(k -> calls.incrementAndGet() < 3 ? Result.after(Duration.ofMillis(20)) : Result.done());
        manager = ControllerManager.start(store, List.of(c));
        store.create(configMap("timer", "1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 3);
    }

    @Test
    void aResyncFeedsEveryObjectAgain() {
        store.create(configMap("quiet", "1"));
        Recording c = new Recording(k -> Result.done());
        manager = ControllerManager.start(store, List.of(c), Duration.ofMillis(50));
        await().atMost(Duration.ofSeconds(5)).until(() -> c.seen.size() >= 3);
    }

    @Test
    void backOffDoublesFromFiveMillisecondsToThirtySeconds() {
        assertThat(WorkQueue.backOff(1)).isEqualTo(Duration.ofMillis(5));
        assertThat(WorkQueue.backOff(2)).isEqualTo(Duration.ofMillis(10));
        assertThat(WorkQueue.backOff(40)).isEqualTo(Duration.ofSeconds(30));
    }
}

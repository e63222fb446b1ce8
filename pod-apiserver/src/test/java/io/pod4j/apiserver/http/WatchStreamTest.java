package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.Watch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flow control of a watch's delivery: a client that reads slowly, or not at all, against the store and other clients. */
class WatchStreamTest {

    private static final int LIMIT = 5;

    private final ObjectStore store = ObjectStore.builder().build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final EventLines lines = new EventLines();

    @AfterEach
    void close() {
        store.close();
        timer.shutdownNow();
    }

    @Test
    void aClientThatStopsReadingIsDroppedOnceItFallsBehindTheLimitWhileTheStoreAndAReadingClientGoOn() {
        Client stuck = new Client(2);
        Client reading = new Client(Integer.MAX_VALUE);
        Watch<ConfigMap> stuckWatch = open(stuck);
        open(reading);

        for (int i = 0; i < 20; i++) {
            store.create(configMap("cm-" + i));
        }

        assertThat(reading.names()).hasSize(20).startsWith("cm-0", "cm-1").endsWith("cm-19");
        assertThat(reading.ended).isFalse();
        assertThat(stuckWatch.overflowed()).isTrue();
        assertThat(stuck.ended).isTrue();
        assertThat(stuck.connectionClosed).isTrue();
        assertThat(stuck.names()).containsExactly("cm-0", "cm-1"); // nothing more was handed to its connection
    }

    @Test
    void aSlowClientGetsEveryEventInOrderOnceItCatchesUpWithinTheLimit() {
        Client slow = new Client(2);
        Watch<ConfigMap> watch = open(slow);
        for (int i = 0; i < 2 + LIMIT; i++) {
            store.create(configMap("cm-" + i));
        }
        assertThat(slow.names()).containsExactly("cm-0", "cm-1");

        slow.catchUp();

        assertThat(slow.names()).containsExactly("cm-0", "cm-1", "cm-2", "cm-3", "cm-4", "cm-5", "cm-6");
        assertThat(watch.overflowed()).isFalse();
        assertThat(slow.ended).isFalse();
    }

    @Test
    void everyClientGetsTheSameBytesForAnEvent() {
        Client one = new Client(Integer.MAX_VALUE);
        Client other = new Client(Integer.MAX_VALUE);
        open(one);
        open(other);

        store.create(configMap("cm"));

        assertThat(one.sent).hasSize(1);
        assertThat(one.sent.get(0)).isSameAs(other.sent.get(0));
    }

    private Watch<ConfigMap> open(Client client) {
        Watch<ConfigMap> watch = store.watch(ResourceTypes.CONFIG_MAPS, ListOptions.all().withResourceVersion(store.resourceVersion()));
        watch.limit(LIMIT);
        new WatchStream<>(watch, client, lines::line, v -> new byte[0], null).start(timer, null, null);
        return watch;
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToData("k", "v").build();
    }

    /**
     * A client's connection: takes {@code window} events, then is not writable until it catches up.
     * Deliveries run at once on the writer's thread, so what happened is known when a write returns.
     */
    private static final class Client extends WatchSink {

        final List<byte[]> sent = new ArrayList<>();
        private int window;
        private Runnable whenWritable;
        boolean ended;
        boolean connectionClosed;

        Client(int window) {
            super(new EmbeddedChannel());
            this.window = window;
        }

        List<String> names() {
            return sent.stream().map(b -> new String(b, StandardCharsets.UTF_8))
                    .map(s -> s.replaceAll("(?s).*\"name\":\"([^\"]+)\".*", "$1")).toList();
        }

        void catchUp() {
            window = Integer.MAX_VALUE;
            whenWritable.run();
        }

        @Override
        void send(byte[] event) {
            sent.add(event);
        }

        @Override
        void flush() {
        }

        @Override
        void end(boolean closeConnection) {
            ended = true;
            connectionClosed = closeConnection;
        }

        @Override
        boolean open() {
            return !ended;
        }

        @Override
        boolean writable() {
            return sent.size() < window;
        }

        @Override
        Executor executor() {
            return Runnable::run;
        }

        @Override
        void onWritable(Runnable action) {
            whenWritable = action;
        }

        @Override
        void onClose(Runnable action) {
        }
    }
}

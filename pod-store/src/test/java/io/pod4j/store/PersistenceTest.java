package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.configMap;
import static io.pod4j.store.Fixtures.scheduledPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store given a directory keeps its objects and its revision across a reopen, as an API server over etcd. */
class PersistenceTest {

    @TempDir
    Path dir;

    private ObjectStore open() {
        return ObjectStore.builder().directory(dir).build();
    }

    @Test
    void onlyItsOwnerMayReadTheStoreWhereSecretsAreKept() throws Exception {
        Path state = dir.resolve("state"); // made by the store, with the process's umask
        try (ObjectStore store = ObjectStore.builder().directory(state).build()) {
            store.create(configMap("cfg", "k", "v"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwx------");
    }

    @Test
    void objectsSurviveAReopen() {
        Pod web;
        try (ObjectStore store = open()) {
            web = store.create(scheduledPod("web"));
            store.create(configMap("cfg", "k", "v"));
            store.create(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build());
        }

        try (ObjectStore store = open()) {
            Pod again = store.get(ResourceTypes.PODS, "default", "web");
            assertThat(again).isEqualTo(web);
            assertThat(store.get(ResourceTypes.CONFIG_MAPS, "default", "cfg").getData()).containsEntry("k", "v");
            assertThat(store.get(ResourceTypes.NODES, null, "node-1").getMetadata().getName()).isEqualTo("node-1");
        }
    }

    @Test
    void deletedObjectsStayDeletedAfterAReopen() {
        try (ObjectStore store = open()) {
            store.create(configMap("cfg", "k", "v"));
            store.delete(ResourceTypes.CONFIG_MAPS, "default", "cfg", null);
        }

        try (ObjectStore store = open()) {
            assertRefused(() -> store.get(ResourceTypes.CONFIG_MAPS, "default", "cfg"), 404, "NotFound", "configmaps \"cfg\" not found");
        }
    }

    @Test
    void resourceVersionKeepsIncreasingAcrossAReopen() {
        String last;
        try (ObjectStore store = open()) {
            store.create(configMap("a", "k", "v"));
            store.create(configMap("b", "k", "v"));
            store.delete(ResourceTypes.CONFIG_MAPS, "default", "b", null);
            last = store.resourceVersion();
        }

        try (ObjectStore store = open()) {
            assertThat(store.resourceVersion()).isEqualTo(last);
            long next = Long.parseLong(store.create(configMap("c", "k", "v")).getMetadata().getResourceVersion());
            assertThat(next).isGreaterThan(Long.parseLong(last));
        }
    }

    @Test
    void podMarkedForDeletionIsStillMarkedAfterAReopen() {
        try (ObjectStore store = open()) {
            store.create(scheduledPod("web"));
            store.delete(ResourceTypes.PODS, "default", "web", null);
        }

        try (ObjectStore store = open()) {
            assertThat(store.get(ResourceTypes.PODS, "default", "web").getMetadata().getDeletionTimestamp()).isNotNull();
        }
    }

    @Test
    void watchFromBeforeTheReopenIsGone() {
        try (ObjectStore store = open()) {
            store.create(configMap("a", "k", "v"));
            store.create(configMap("b", "k", "v"));
        }

        try (ObjectStore store = open()) {
            assertRefused(() -> store.watch(ResourceTypes.CONFIG_MAPS, ListOptions.all().withResourceVersion("1")),
                    410, "Expired", "too old resource version: 1 (2)");
        }
    }
}

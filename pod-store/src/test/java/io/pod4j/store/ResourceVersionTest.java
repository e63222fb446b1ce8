package io.pod4j.store;

import static io.pod4j.store.Fixtures.configMap;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ResourceVersionTest {

    private final ObjectStore store = store();

    @Test
    void resourceVersionStrictlyIncreasesWithEveryWriteOfAnyKind() {
        List<Long> versions = new ArrayList<>();
        Pod web = store.create(pod("web"));
        versions.add(Long.parseLong(web.getMetadata().getResourceVersion()));
        versions.add(Long.parseLong(store.create(configMap("cfg", "k", "v")).getMetadata().getResourceVersion()));
        web.getMetadata().getLabels().put("tier", "front");
        versions.add(Long.parseLong(store.update(web).getMetadata().getResourceVersion()));
        versions.add(Long.parseLong(store.create(pod("db")).getMetadata().getResourceVersion()));
        versions.add(Long.parseLong(store.delete(ResourceTypes.CONFIG_MAPS, "default", "cfg", null)
                .object().getMetadata().getResourceVersion()));

        assertThat(versions).isSorted().doesNotHaveDuplicates();
        assertThat(store.resourceVersion()).isEqualTo(versions.get(versions.size() - 1).toString());
    }

    @Test
    void concurrentWritersGetDistinctIncreasingVersions() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ConfigMap>> created = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                created.add(pool.submit(() -> store.create(configMap("cfg-" + n, "k", "v"))));
            }
            List<Long> versions = new ArrayList<>();
            for (Future<ConfigMap> f : created) {
                versions.add(Long.parseLong(f.get().getMetadata().getResourceVersion()));
            }
            assertThat(versions).doesNotHaveDuplicates().hasSize(200);
            assertThat(store.resourceVersion()).isEqualTo("200");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void updateThatChangesNothingKeepsTheResourceVersion() {
        Pod web = store.create(pod("web"));

        Pod again = store.update(web);

        assertThat(again.getMetadata().getResourceVersion()).isEqualTo(web.getMetadata().getResourceVersion());
        assertThat(store.resourceVersion()).isEqualTo(web.getMetadata().getResourceVersion());
    }

    @Test
    void listReturnsTheStoresResourceVersion() {
        store.create(pod("web"));
        store.create(configMap("cfg", "k", "v"));

        ObjectList<Pod> pods = store.list(ResourceTypes.PODS, ListOptions.all());

        assertThat(pods.resourceVersion()).isEqualTo(store.resourceVersion()).isEqualTo("2");
    }
}

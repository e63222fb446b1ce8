package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What fabric8's client relies on across connections: a watch from a resourceVersion replays exactly
 * the later changes (what watches and informers do when they reconnect), one older than the server's
 * window ends with 410 Gone, an informer's resync period works, and its default HTTP client (Vert.x)
 * can reuse its connections after a followed log.
 */
class Fabric8ConnectionsIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static KubernetesClient client;

    @BeforeAll
    static void connect() throws IOException {
        client = API.fabric8Client();
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static ConfigMap configMap(String name, String set) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("set", set)
                .endMetadata().addToData("a", "1").build();
    }

    private static Watcher<ConfigMap> recorder(List<String> seen, CompletableFuture<WatcherException> closed) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getMetadata().getName() + " " + resource.getData().get("a"));
            }

            @Override
            public void onClose(WatcherException cause) {
                closed.complete(cause);
            }
        };
    }

    @Test
    void aWatchFromTheResourceVersionOfAListReplaysExactlyTheChangesMadeSince() {
        client.configMaps().resource(configMap("replay-old", "replay")).create();
        String listed = client.configMaps().inNamespace("default").withLabel("set", "replay").list().getMetadata()
                .getResourceVersion();
        // What a client that lost its connection missed:
        client.configMaps().resource(configMap("replay-new", "replay")).create();
        client.configMaps().inNamespace("default").withName("replay-old").edit(c -> new ConfigMapBuilder(c).addToData("a", "2").build());
        client.configMaps().inNamespace("default").withName("replay-new").delete();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch w = client.configMaps().inNamespace("default").withLabel("set", "replay").withResourceVersion(listed)
                .watch(recorder(seen, new CompletableFuture<>()))) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
            assertThat(seen).containsExactly("ADDED replay-new 1", "MODIFIED replay-old 2", "DELETED replay-new 1");
        }
    }

    @Test
    void aWatchFromAVersionOlderThanTheServersWindowIsClosedAsGone() throws Exception {
        client.configMaps().resource(configMap("churned", "churn")).create();
        String old = client.configMaps().inNamespace("default").withName("churned").get().getMetadata().getResourceVersion();
        for (int i = 0; i < 1001; i++) { // more changes than the store's window keeps (1000)
            API.engine().store().patch(ResourceTypes.CONFIG_MAPS, "default", "churned", PatchType.MERGE,
                    "{\"data\":{\"n\":\"" + i + "\"}}");
        }
        CompletableFuture<WatcherException> closed = new CompletableFuture<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch w = client.configMaps().inNamespace("default").withName("churned").withResourceVersion(old)
                .watch(recorder(seen, closed))) {
            WatcherException cause = closed.get(30, TimeUnit.SECONDS);
            assertThat(cause).isNotNull();
            assertThat(cause.isHttpGone()).as("%s", cause).isTrue();
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void laterRequestsOfAVertxClientSucceedAfterFollowedLogsEnd() throws Exception {
        Pod done = new PodBuilder().withNewMetadata().withName("logged").withNamespace("default").endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("main").withImage(Manifests.IMAGE)
                .withCommand("echo", "logged").endContainer().endSpec().build();
        client.pods().resource(done).create();
        client.pods().inNamespace("default").withName("logged")
                .waitUntilCondition(p -> "Succeeded".equals(p.getStatus().getPhase()), 60, TimeUnit.SECONDS);
        // Vert.x resets the request when a followed log ends; over a kept-alive HTTP/1.1 connection that
        // closed the connection under the next request (about one in five before the server stopped reusing it).
        try (KubernetesClient vertx = new KubernetesClientBuilder().withHttpClientFactory(new VertxHttpClientFactory())
                .withConfig(Config.fromKubeconfig(Files.readString(API.server().kubeconfig()))).build()) {
            for (int i = 0; i < 25; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (LogWatch log = vertx.pods().inNamespace("default").withName("logged").watchLog(out)) {
                    log.onClose().toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
                assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("logged\n");
                assertThat(vertx.pods().inNamespace("default").withName("logged").get()).as("the request after log %d", i).isNotNull();
            }
        }
    }

    @Test
    void anInformerResyncsItsCacheAtItsPeriodAndFollowsLaterChanges() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default").withLabel("set", "resynced")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap obj) {
                        seen.add("add " + obj.getData().get("a"));
                    }

                    @Override
                    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                        boolean resync = oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion());
                        seen.add((resync ? "resync " : "update ") + newObj.getData().get("a"));
                    }

                    @Override
                    public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                        seen.add("delete " + obj.getData().get("a"));
                    }
                }, 1000); // fabric8's shortest resync period
        try (informer) {
            client.configMaps().resource(configMap("resynced", "resynced")).create();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().filter("resync 1"::equals).count() >= 2);
            client.configMaps().inNamespace("default").withName("resynced").edit(c -> new ConfigMapBuilder(c).addToData("a", "2").build());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("resync 2"));
            client.configMaps().inNamespace("default").withName("resynced").delete();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("delete 2"));
            assertThat(seen).startsWith("add 1").containsSubsequence("add 1", "resync 1", "update 2", "resync 2", "delete 2");
            assertThat(informer.getStore().list()).isEmpty();
        }
    }
}

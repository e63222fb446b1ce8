package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** fabric8's KubernetesClient, configured from the kubeconfig the server wrote, against pod4j. */
class Fabric8ClientIT {

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

    private static ConfigMap configMap(String name, String key, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .addToData(key, value).build();
    }

    @Test
    void createGetUpdateAndDeleteAConfigMap() {
        ConfigMap created = client.configMaps().resource(configMap("crud", "a", "1")).create();
        assertThat(created.getMetadata().getUid()).isNotEmpty();
        assertThat(client.configMaps().inNamespace("default").withName("crud").get().getData()).containsEntry("a", "1");
        ConfigMap edited = client.configMaps().inNamespace("default").withName("crud")
                .edit(c -> new ConfigMapBuilder(c).addToData("b", "2").build());
        assertThat(edited.getData()).containsEntry("b", "2");
        assertThat(Long.parseLong(edited.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));
        assertThat(client.configMaps().inNamespace("default").withName("crud").delete()).hasSize(1);
        assertThat(client.configMaps().inNamespace("default").withName("crud").get()).isNull();
    }

    @Test
    void aSecondCreateIsAConflictWithTheServersStatus() {
        client.configMaps().resource(configMap("twice", "a", "1")).create();
        assertThatThrownBy(() -> client.configMaps().resource(configMap("twice", "a", "1")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(409);
                    assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
                    assertThat(e.getStatus().getMessage()).isEqualTo("configmaps \"twice\" already exists");
                });
    }

    @Test
    void anUpdateFromAStaleVersionIsAConflict() {
        ConfigMap created = client.configMaps().resource(configMap("stale", "a", "1")).create();
        client.configMaps().resource(configMap("stale", "a", "2")).update();
        created.getData().put("a", "3");
        assertThatThrownBy(() -> client.configMaps().resource(created).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }

    @Test
    void listSelectsByLabel() {
        client.configMaps().resource(new ConfigMapBuilder(configMap("listed-a", "a", "1")).editMetadata()
                .addToLabels("set", "listed").endMetadata().build()).create();
        client.configMaps().resource(configMap("listed-b", "a", "1")).create();
        List<String> names = client.configMaps().inNamespace("default").withLabel("set", "listed").list().getItems()
                .stream().map(c -> c.getMetadata().getName()).toList();
        assertThat(names).containsExactly("listed-a");
    }

    @Test
    void deleteOfASelectionDeletesOnlyTheSelected() {
        for (String name : List.of("batch-a", "batch-b")) {
            client.configMaps().resource(new ConfigMapBuilder(configMap(name, "a", "1")).editMetadata()
                    .addToLabels("set", "batch").endMetadata().build()).create();
        }
        client.configMaps().resource(configMap("batch-keep", "a", "1")).create();
        client.configMaps().inNamespace("default").withLabel("set", "batch").delete();
        assertThat(client.configMaps().inNamespace("default").withLabel("set", "batch").list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace("default").withName("batch-keep").get()).isNotNull();
    }

    @Test
    void watchSeesAddsModificationsAndDeletes() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Watch w = client.configMaps().inNamespace("default").withLabel("set", "watched").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap resource) {
                seen.add(action + " " + resource.getMetadata().getName());
            }

            @Override
            public void onClose(WatcherException cause) {
                seen.add("closed " + cause);
            }
        })) {
            ConfigMap cm = new ConfigMapBuilder(configMap("watched", "a", "1")).editMetadata()
                    .addToLabels("set", "watched").endMetadata().build();
            client.configMaps().resource(cm).create();
            client.configMaps().inNamespace("default").withName("watched").edit(c -> new ConfigMapBuilder(c)
                    .addToData("b", "2").build());
            client.configMaps().inNamespace("default").withName("watched").delete();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> seen.size() >= 3);
            assertThat(seen).containsExactly("ADDED watched", "MODIFIED watched", "DELETED watched");
        }
    }

    @Test
    void anInformerSeesAddsUpdatesAndDeletes() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default").withLabel("set", "informed")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap obj) {
                        seen.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                        seen.add("update " + newObj.getData().get("a"));
                    }

                    @Override
                    public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                        seen.add("delete " + obj.getMetadata().getName());
                    }
                });
        try (informer) {
            client.configMaps().resource(new ConfigMapBuilder(configMap("informed", "a", "1")).editMetadata()
                    .addToLabels("set", "informed").endMetadata().build()).create();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("add informed"));
            client.configMaps().inNamespace("default").withName("informed").edit(c -> new ConfigMapBuilder(c)
                    .addToData("a", "2").build());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("update 2"));
            client.configMaps().inNamespace("default").withName("informed").delete();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("delete informed"));
            assertThat(informer.getStore().list()).isEmpty();
        }
    }

    @Test
    void aPodCreatedThroughTheClientRunsAndItsLogIsRead() {
        Pod pod = new PodBuilder().withNewMetadata().withName("f8-pod").withNamespace("default").endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(5L).addNewContainer().withName("app")
                .withImage(Manifests.IMAGE).withCommand("sh", "-c", "trap 'exit 0' TERM; echo ready; while true; do sleep 1; done")
                .endContainer().endSpec().build();
        client.pods().resource(pod).create();
        Pod ready = client.pods().inNamespace("default").withName("f8-pod").waitUntilReady(60, TimeUnit.SECONDS);
        assertThat(ready.getStatus().getPhase()).isEqualTo("Running");
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> client.pods().inNamespace("default").withName("f8-pod").getLog().equals("ready\n"));
        client.pods().inNamespace("default").withName("f8-pod").withGracePeriod(1).delete();
        client.pods().inNamespace("default").withName("f8-pod").waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
    }

    @Test
    void theServerVersionIsKubernetes132() {
        assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
        assertThat(client.getKubernetesVersion().getMinor()).isEqualTo("32");
    }
}

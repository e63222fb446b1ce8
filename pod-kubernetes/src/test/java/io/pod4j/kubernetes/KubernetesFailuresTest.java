package io.pod4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.pod4j.api.build.Pods;
import io.pod4j.api.error.PodStartException;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.PodListener;
import io.pod4j.engine.Targets;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The Kubernetes backend's failure paths, against fabric8's mock API server: no cluster, no Docker. */
class KubernetesFailuresTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Pod pod(String name) {
        return Pods.named(name).container("app", c -> c.image("registry.example/app:1")).build();
    }

    private static String namespaceOf(PodEngine engine) {
        return engine.clusterNamespace(null);
    }

    private static Status forbidden(String message) {
        return new StatusBuilder().withStatus("Failure").withReason("Forbidden").withCode(403).withMessage(message).build();
    }

    private static KubernetesClient client(MockCluster cluster) {
        return new KubernetesClientBuilder().withConfig(cluster.config()).build();
    }

    @Test
    void anUnreachableApiServerFailsTheBuildNamingTheServerAndWhatToCheck() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:" + port)
                .withRequestRetryBackoffLimit(0).build();

        assertThatThrownBy(() -> PodEngine.builder().kubernetes(config).build())
                .isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining("cannot reach the Kubernetes API at https://127.0.0.1:" + port)
                .hasMessageContaining("kubectl cluster-info");
    }

    @Test
    void aForbiddenNamespaceCreationNamesTheVerbTheResourceAndTheCheck() {
        String server = "namespaces is forbidden: User \"system:serviceaccount:ci:runner\" cannot create resource "
                + "\"namespaces\" in API group \"\" at the cluster scope";
        try (MockCluster cluster = new MockCluster()) {
            cluster.server().expect().post().withPath("/api/v1/namespaces").andReturn(403, forbidden(server)).always();

            assertThatThrownBy(() -> PodEngine.builder().kubernetes(cluster.config()).build())
                    .isInstanceOfSatisfying(ClusterForbiddenException.class, e -> {
                        assertThat(e.verb()).isEqualTo("create");
                        assertThat(e.resource()).isEqualTo("namespaces");
                    })
                    .hasMessageContaining("refused to create namespaces (403 Forbidden): " + server)
                    .hasMessageContaining("kubectl auth can-i create namespaces");
        }
    }

    @Test
    void aForbiddenPodCreationNamesTheEnginesNamespace() {
        try (MockCluster cluster = new MockCluster(); PodEngine engine = PodEngine.builder().kubernetes(cluster.config()).build()) {
            String ns = namespaceOf(engine);
            cluster.server().expect().post().withPath("/api/v1/namespaces/" + ns + "/pods")
                    .andReturn(403, forbidden("pods is forbidden: User \"ci\" cannot create resource \"pods\"")).once();

            assertThatThrownBy(() -> engine.create(pod("refused")))
                    .isInstanceOf(ClusterForbiddenException.class)
                    .hasMessageContaining("refused to create pods in namespace " + ns + " (403 Forbidden)")
                    .hasMessageContaining("kubectl auth can-i create pods -n " + ns);
        }
    }

    @Test
    void anEvictedPodFailsItsWaitForReadyWithTheEvictionsReason() {
        try (MockCluster cluster = new MockCluster(); KubernetesClient kubelet = client(cluster);
                PodEngine engine = PodEngine.builder().kubernetes(cluster.config()).build()) {
            PodHandle h = engine.create(pod("evicted"));
            Pod onCluster = kubelet.pods().inNamespace(namespaceOf(engine)).withName("evicted").get();
            kubelet.pods().inNamespace(namespaceOf(engine)).resource(new PodBuilder(onCluster).withNewStatus().withPhase("Failed")
                    .withReason("Evicted").withMessage("The node was low on resource: memory.").endStatus().build()).updateStatus();

            assertThatThrownBy(() -> h.awaitReady(WAIT)).isInstanceOf(PodStartException.class)
                    .hasMessageContaining("will never be Ready: it is Failed")
                    .hasMessageContaining("Evicted: The node was low on resource: memory.");
        }
    }

    @Test
    void aWatchAnsweredGoneIsListedAgainAndListenersStillHearChanges() throws Exception {
        AtomicBoolean goneSent = new AtomicBoolean();
        AtomicInteger podLists = new AtomicInteger();
        try (MockCluster cluster = new MockCluster(r -> {
                    String path = r.getPath();
                    if (path.matches(".*/pods(\\?.*)?") && !path.contains("watch=true") && "GET".equals(r.getMethod())) {
                        podLists.incrementAndGet();
                    }
                    if (path.contains("/pods?") && path.contains("watch=true") && goneSent.compareAndSet(false, true)) {
                        return new MockResponse().setResponseCode(410).setBody(Serialization.asJson(new StatusBuilder()
                                .withStatus("Failure").withReason("Expired").withCode(410)
                                .withMessage("too old resource version: 1 (2)").build()));
                    }
                    return null;
                });
                KubernetesClient other = client(cluster);
                PodEngine engine = PodEngine.builder().kubernetes(cluster.config()).build()) {
            List<String> heard = new CopyOnWriteArrayList<>();
            engine.addListener(new PodListener() {
                @Override
                public void podChanged(Pod pod) {
                    heard.add(pod.getMetadata().getName());
                }
            });
            await().atMost(WAIT).until(goneSent::get);

            other.pods().inNamespace(namespaceOf(engine)).resource(pod("after-gone")).create();

            await().atMost(WAIT).until(() -> heard.contains("after-gone"));
            assertThat(podLists.get()).as("lists of pods: the first, and the one after 410 Gone").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aNamespaceStuckTerminatingDoesNotHoldCloseForever() {
        AtomicBoolean deleteSent = new AtomicBoolean();
        String[] engineNamespace = new String[1];
        try (MockCluster cluster = new MockCluster(r -> {
                    String ns = engineNamespace[0];
                    if (ns == null || !r.getPath().startsWith("/api/v1/namespaces/" + ns)
                            || r.getPath().startsWith("/api/v1/namespaces/" + ns + "/")) {
                        return null;
                    }
                    if ("DELETE".equals(r.getMethod())) {
                        deleteSent.set(true);
                    }
                    if (deleteSent.get()) { // a finalizer no controller removes: Terminating for good
                        return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(new NamespaceBuilder()
                                .withNewMetadata().withName(ns).withDeletionTimestamp("2026-12-03T19:00:00Z").endMetadata()
                                .withNewStatus().withPhase("Terminating").addNewCondition().withType("NamespaceFinalizersRemaining")
                                .withStatus("True").withMessage("Some content in the namespace has finalizers remaining")
                                .endCondition().endStatus().build()));
                    }
                    return null;
                })) {
            KubernetesBackend backend = new KubernetesBackend(client(cluster), "mock", Targets.of(cluster.config()), () -> { },
                    Duration.ofSeconds(1));
            engineNamespace[0] = backend.clusterNamespace(null);

            backend.close();

            assertThat(deleteSent).isTrue();
        }
    }
}

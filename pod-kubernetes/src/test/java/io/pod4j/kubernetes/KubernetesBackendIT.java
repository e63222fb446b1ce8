package io.pod4j.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.api.error.PodStartException;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.engine.ExecResult;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.PodListener;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.Labels;
import io.pod4j.store.ResourceTypes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PodEngine's behaviours through the Kubernetes backend, against pod4j's own API server: real
 * containers, reached through fabric8's client over HTTPS, WebSocket and port-forward, as on a
 * cluster. One cluster and one engine for the class.
 */
class KubernetesBackendIT {

    private static final Duration START = Duration.ofSeconds(60);

    private static LocalCluster cluster;
    private static PodEngine engine;

    @BeforeAll
    static void start() {
        cluster = new LocalCluster(KubernetesBackendIT.class.getSimpleName());
        engine = cluster.engine();
    }

    @AfterAll
    static void stop() {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            cluster.close();
        }
    }

    private static Pod sleeper(String name) {
        return Pods.named(name).container("app", c -> c.image(TestImages.BUSYBOX)
                .command("sh", "-c", "echo hello from " + name + "; exec sleep 3600")).terminationGracePeriodSeconds(0).build();
    }

    private static Namespace clusterNamespaceOf(PodEngine e) {
        String name = e.clusterNamespace("default");
        return cluster.managedNamespaces().stream().filter(ns -> ns.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no managed namespace " + name));
    }

    @Test
    void aPodBecomesReadyInTheEnginesOwnNamespaceAndReadsBackInDefault() {
        try (PodHandle h = engine.create(sleeper("ready"))) {
            Pod ready = h.awaitReady(START);

            assertThat(ready.getMetadata().getNamespace()).isEqualTo("default");
            Namespace ns = clusterNamespaceOf(engine);
            assertThat(ns.getMetadata().getName()).startsWith("pod4j-");
            assertThat(ns.getMetadata().getLabels()).containsEntry(Labels.MANAGED, "true").containsKey("io.pod4j.owner");
            assertThat(ns.getMetadata().getAnnotations()).containsKeys("io.pod4j.owner", "io.pod4j.heartbeat");
            assertThat(cluster.local().store().get(ResourceTypes.PODS, ns.getMetadata().getName(), "ready").getStatus().getPhase())
                    .isEqualTo("Running");
        }
    }

    @Test
    void logsAndExecGoThroughTheApiServer() {
        try (PodHandle h = engine.create(sleeper("streams"))) {
            h.awaitReady(START);
            await().atMost(START).until(() -> h.logs("app").contains("hello from streams"));

            ExecResult r = h.exec("app", "sh", "-c", "echo out; echo err >&2; exit 3");

            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.stdout()).isEqualTo("out\n");
            assertThat(r.stderr()).isEqualTo("err\n");
            assertThat(h.containerId("app", false)).isNotBlank();
        }
    }

    @Test
    void endpointForwardsALocalPortToThePodsPort() throws Exception {
        Pod web = Pods.named("web").container("web", c -> c.image(TestImages.BUSYBOX).port(8080)
                .command("sh", "-c", "mkdir -p /www && echo served > /www/index.html && exec httpd -f -p 8080 -h /www"))
                .terminationGracePeriodSeconds(0).build();
        try (PodHandle h = engine.create(web)) {
            h.awaitReady(START);
            InetSocketAddress address = h.endpoint("web", 8080);

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + address.getHostString() + ":" + address.getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(address.getAddress().isLoopbackAddress()).isTrue();
            assertThat(response.body()).isEqualTo("served\n");
        }
    }

    @Test
    void listenersHearThePodsChangesAndEvents() throws Exception {
        List<String> phases = new CopyOnWriteArrayList<>();
        List<String> reasons = new CopyOnWriteArrayList<>();
        try (AutoCloseable listening = engine.addListener(new PodListener() {
                    @Override
                    public void podChanged(Pod pod) {
                        if (pod.getMetadata().getName().equals("heard") && "default".equals(pod.getMetadata().getNamespace())) {
                            phases.add(String.valueOf(pod.getStatus().getPhase()));
                        }
                    }

                    @Override
                    public void event(Event event) {
                        if (event.getInvolvedObject().getName().equals("heard")) {
                            reasons.add(event.getReason());
                        }
                    }
                });
                PodHandle h = engine.create(sleeper("heard"))) {
            h.awaitReady(START);

            await().atMost(Duration.ofSeconds(10)).until(() -> phases.contains("Running") && reasons.contains("Started"));
            assertThat(h.events()).extracting(Event::getReason).contains("Scheduled", "Started");
        }
    }

    @Test
    void applyStoresAConfigMapForThePodThatReadsIt() {
        var config = new ConfigMapBuilder().withNewMetadata().withName("greeting").endMetadata()
                .withData(Map.of("GREETING", "hi")).build();
        Pod reader = Pods.named("reader").label("app", "reader").container("app", c -> c.image(TestImages.BUSYBOX)
                .command("sh", "-c", "echo $GREETING; exec sleep 3600")
                .env(new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("GREETING").withNewValueFrom()
                        .withNewConfigMapKeyRef("GREETING", "greeting", false).endValueFrom().build()))
                .terminationGracePeriodSeconds(0).build();

        List<PodHandle> handles = engine.apply(List.of(reader, config));
        try (PodHandle h = handles.get(0)) {
            h.awaitReady(START);
            await().atMost(START).until(() -> h.logs("app").equals("hi\n"));

            assertThat(engine.knows(config)).isTrue();
            assertThat(engine.list("default", LabelSelector.parse("app=reader"), null)).extracting(p -> p.getMetadata().getName())
                    .containsExactly("reader");
        }
    }

    @Test
    void aPodInAnotherNamespaceGetsANamespaceOfTheEngine() {
        Pod pod = Pods.named("elsewhere").namespace("team-a").container("app", c -> c.image(TestImages.BUSYBOX)
                .command("sleep", "3600")).terminationGracePeriodSeconds(0).build();
        try (PodHandle h = engine.create(pod)) {
            h.awaitReady(START);

            assertThat(h.pod().getMetadata().getNamespace()).isEqualTo("team-a");
            assertThat(cluster.managedNamespaces()).extracting(ns -> ns.getMetadata().getName())
                    .contains(clusterNamespaceOf(engine).getMetadata().getName() + "-team-a");
        }
    }

    @Test
    void aPodWhoseInitContainerFailsIsFailedAndNeverBecomesReady() {
        Pod failing = Pods.named("failing").restartPolicy("Never")
                .initContainer("init", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 2"))
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        try (PodHandle h = engine.create(failing)) {
            assertThatThrownBy(() -> h.awaitReady(START)).isInstanceOf(PodStartException.class)
                    .hasMessageContaining("will never be Ready: it is Failed");
            assertThat(h.pod().getStatus().getInitContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(2);
        }
    }

    @Test
    void deleteRemovesThePodAndAwaitDeletionSeesItGone() {
        PodHandle h = engine.create(sleeper("deleted"));
        h.awaitReady(START);

        engine.delete("default", "deleted", Duration.ZERO);
        h.awaitDeletion(START);

        assertThat(engine.get("default", "deleted")).isEmpty();
    }

    @Test
    void updateMetadataReplacesThePodsLabels() {
        try (PodHandle h = engine.create(sleeper("labelled"))) {
            Pod changed = engine.updateMetadata("default", "labelled", Map.of("tier", "web"), Map.of("note", "x"));

            assertThat(changed.getMetadata().getLabels()).containsEntry("tier", "web");
            assertThat(engine.list(null, LabelSelector.parse("tier=web"), null)).extracting(p -> p.getMetadata().getName())
                    .containsExactly("labelled");
        }
    }

    @Test
    void closingTheEngineDeletesItsNamespaces() {
        String name;
        try (PodEngine other = cluster.engine()) {
            other.create(sleeper("closed"));
            name = clusterNamespaceOf(other).getMetadata().getName();
        }

        assertThat(cluster.managedNamespaces()).extracting(ns -> ns.getMetadata().getName()).doesNotContain(name);
    }

    @Test
    void theNamespaceOfAKilledEngineIsDeletedByAnotherEngine() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KilledEngine.class.getName(),
                cluster.kubeconfig().toString()).redirectErrorStream(true).start();
        String name;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder log = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null && !line.equals("engine running")) {
                log.append(line).append('\n');
            }
            assertThat(line).as("the child engine started; its output:\n%s", log).isEqualTo("engine running");
            String owner = "/" + child.pid() + "/";
            name = cluster.managedNamespaces().stream()
                    .filter(ns -> ns.getMetadata().getAnnotations().getOrDefault("io.pod4j.owner", "").contains(owner))
                    .map(ns -> ns.getMetadata().getName()).findFirst().orElseThrow();
        } finally {
            child.destroyForcibly(); // SIGKILL: the child's engine cannot delete its namespace
            child.waitFor();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.managedNamespaces().stream()
                .noneMatch(ns -> ns.getMetadata().getName().equals(name)));
    }
}

package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.Network;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.pod4j.api.error.ManifestValidationException;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input ends in the status a cluster would show, with nothing half-started and no object left.
 * (Missing ConfigMaps, hostPaths of the wrong type and missing images are in PodFeaturesIT and
 * PodLifecycleIT; manifest errors in pod-api's tests.)
 */
class BadInputIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anInvalidPodIsRefusedBeforeAnyDockerObjectExists() {
        try (DockerConnection check = DockerConnection.open(null)) {
            // This engine's objects only: other processes may be creating their own meanwhile.
            Map<String, String> mine = Map.of(Labels.OWNER, io.pod4j.engine.reaper.Owner.current().id());
            int before = check.client().listContainersCmd().withShowAll(true).withLabelFilter(mine).exec().size();
            assertThatThrownBy(() -> ENGINE.engine().create(
                            Pods.named("Not_A_DNS_Name").container("app", c -> c.image(TestImages.BUSYBOX)).build()))
                    .isInstanceOf(ManifestValidationException.class)
                    .hasMessageContaining("metadata.name");
            int after = check.client().listContainersCmd().withShowAll(true).withLabelFilter(mine).exec().size();
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void anInvalidConfigMapIsRefusedInTheApiServersWordsAndNothingOfTheManifestIsApplied() {
        ConfigMap bad = new ConfigMapBuilder().withNewMetadata().withName("bad-keys").endMetadata()
                .addToData("not a key", "x").build();
        ConfigMap good = new ConfigMapBuilder().withNewMetadata().withName("good-keys").endMetadata()
                .addToData("key", "x").build();
        assertThatThrownBy(() -> ENGINE.engine().apply(List.of(good, bad)))
                .isInstanceOf(ManifestValidationException.class)
                .hasMessageContaining("ConfigMap bad-keys: Invalid value: \"not a key\": a valid config key must consist of");
        assertThat(ENGINE.engine().knows(good)).isFalse();
        assertThat(ENGINE.engine().knows(bad)).isFalse();
    }

    @Test
    void aTakenHostPortKeepsThePodCreatingAndRetriesWithBackOff() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Pod pod = Pods.named("port-taken")
                    .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                            .ports(List.of(new ContainerPortBuilder().withContainerPort(8080).withHostPort(port).build())))
                    .build();
            try (PodHandle h = ENGINE.engine().create(pod)) {
                h.await(p -> sandboxFailures(h) >= 2, "fail to create the sandbox twice", WAIT);
                Thread.sleep(3_000); // with a 300 ms base doubling to 5 s, at most a handful more attempts
                assertThat(sandboxFailures(h)).as("sandbox attempts in about 3 s").isLessThanOrEqualTo(8);
                Pod p = h.pod();
                assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
                ContainerStatus app = p.getStatus().getContainerStatuses().get(0);
                assertThat(app.getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
                assertThat(h.events()).filteredOn(e -> e.getReason().equals("FailedCreatePodSandBox"))
                        .first().extracting(Event::getMessage).asString().contains("address already in use");
            }
        }
    }

    @Test
    void anExecProbeWhoseBinaryIsMissingKeepsTheContainerUnready() {
        Pod pod = Pods.named("probe-binary-missing")
                .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                        .readinessProbe(Probes.exec("/no/such/binary").toBuilder().withPeriodSeconds(1).build()))
                .build();
        try (PodHandle h = ENGINE.engine().create(pod)) {
            h.await(p -> h.events().stream().anyMatch(e -> e.getReason().equals("Unhealthy")), "report Unhealthy", WAIT);
            Pod p = h.pod();
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(p.getStatus().getContainerStatuses().get(0).getReady()).isFalse();
            assertThat(h.events()).filteredOn(e -> e.getReason().equals("Unhealthy"))
                    .first().extracting(Event::getMessage).asString().startsWith("Readiness probe");
        }
    }

    @Test
    void enginesStartingAtOnceShareOnePodNetwork() throws Exception {
        String network = "pod4j-race-" + UUID.randomUUID().toString().substring(0, 8);
        int engines = 4;
        ExecutorService pool = Executors.newFixedThreadPool(engines);
        List<PodEngine> started = new ArrayList<>();
        try {
            List<Callable<PodEngine>> starts = new ArrayList<>();
            for (int i = 0; i < engines; i++) {
                starts.add(() -> PodEngine.builder().network(network).build());
            }
            for (Future<PodEngine> f : pool.invokeAll(starts)) {
                started.add(f.get());
            }
            try (DockerConnection check = DockerConnection.open(null)) {
                List<Network> named = check.client().listNetworksCmd().withNameFilter(network).exec().stream()
                        .filter(n -> n.getName().equals(network)).toList();
                assertThat(named).hasSize(1);
            }
            try (PodHandle h = started.get(engines - 1).create(
                    Pods.named("on-raced-network").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build())) {
                assertThat(h.awaitReady(WAIT).getStatus().getPodIP()).isNotBlank();
            }
        } finally {
            started.forEach(PodEngine::close);
            pool.shutdownNow();
            try (DockerConnection check = DockerConnection.open(null)) {
                check.client().listNetworksCmd().withNameFilter(network).exec().stream()
                        .filter(n -> n.getName().equals(network))
                        .forEach(n -> check.client().removeNetworkCmd(n.getId()).exec());
            }
        }
    }

    private static long sandboxFailures(PodHandle h) {
        return h.events().stream().filter(e -> e.getReason().equals("FailedCreatePodSandBox"))
                .mapToLong(e -> e.getCount() == null ? 1 : e.getCount().longValue()).sum();
    }
}

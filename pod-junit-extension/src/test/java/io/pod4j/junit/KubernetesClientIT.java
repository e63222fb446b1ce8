package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of code that talks to Kubernetes: the extension injects a fabric8 client and a kubeconfig
 * bound to the engine of the test, whose pods are real containers.
 */
@PodTest
class KubernetesClientIT {

    @TestPod(method = "box")
    static PodHandle box;

    private static Path kubeconfigBeforeAll;

    static Pod box() {
        return Pods.named("client-it-box").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
    }

    @BeforeAll
    static void images(@Kubeconfig Path kubeconfig) {
        TestImages.ensure();
        kubeconfigBeforeAll = kubeconfig;
    }

    @Test
    void aPodCreatedThroughTheClientRunsWritesItsLogAndIsTheEnginesPod(KubernetesClient client, PodEngine engine) {
        Pod pod = new PodBuilder().withNewMetadata().withName("client-it-job").endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(1L).addNewContainer().withName("job")
                .withImage(TestImages.BUSYBOX).withCommand("sh", "-c", "echo hello from the client; exec sleep 3600")
                .endContainer().endSpec().build();
        client.pods().inNamespace("default").resource(pod).create();
        try {
            Pod running = client.pods().inNamespace("default").withName("client-it-job")
                    .waitUntilCondition(p -> p != null && "Running".equals(p.getStatus().getPhase()), 60, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    client.pods().inNamespace("default").withName("client-it-job").getLog().equals("hello from the client\n"));
            PodHandle handle = engine.handle("default", "client-it-job");
            assertThat(handle.pod().getMetadata().getUid()).isEqualTo(running.getMetadata().getUid());
            assertThat(handle.status().getPhase()).isEqualTo("Running");
            assertThat(handle.logs("job")).isEqualTo("hello from the client\n");
        } finally {
            client.pods().inNamespace("default").withName("client-it-job").withGracePeriod(0).delete();
            client.pods().inNamespace("default").withName("client-it-job").waitUntilCondition(p -> p == null, 60, TimeUnit.SECONDS);
        }
    }

    @Test
    void thePodsOfTheTestAreSeenThroughTheClient(KubernetesClient client) {
        Pod seen = client.pods().inNamespace("default").withName("client-it-box").get();
        assertThat(seen.getMetadata().getUid()).isEqualTo(box.pod().getMetadata().getUid());
        assertThat(seen.getStatus().getPhase()).isEqualTo("Running");
    }

    @Test
    void theParametersOfOneMethodShareOneClient(KubernetesClient one, KubernetesClient two) {
        assertThat(one).isSameAs(two);
    }

    @Test
    void theKubeconfigReachesTheEngineWithTheRealKubectl(@Kubeconfig Path kubeconfig) throws Exception {
        assertThat(kubeconfig).isEqualTo(kubeconfigBeforeAll); // one API server for the engine of the run
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kubeconfig))).isEqualTo("rw-------");
        Process kubectl = new ProcessBuilder("/usr/bin/kubectl", "--kubeconfig", kubeconfig.toString(), "get", "pods", "-o", "name")
                .redirectErrorStream(true).start();
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = output(kubectl);
        assertThat(kubectl.exitValue()).as(out).isZero();
        assertThat(out).contains("pod/client-it-box");
    }

    @Test
    void aLaterRunsServerReusesTheCertificatesKeptByTheFirst(PodEngine engine, @TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("junit-tls");
        String firstCa;
        try (EngineApi first = EngineApi.start(engine, cache)) {
            firstCa = Files.readString(first.kubeconfig().resolveSibling("ca.crt"));
        }
        assertThat(Files.readString(cache.resolve("ca.crt"))).isEqualTo(firstCa);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("ca.key")))).isEqualTo("rw-------");
        try (EngineApi second = EngineApi.start(engine, cache); Fabric8Client client = Fabric8Client.connect(second.kubeconfig())) {
            assertThat(Files.readString(second.kubeconfig().resolveSibling("ca.crt"))).isEqualTo(firstCa);
            assertThat(((KubernetesClient) client.client()).pods().inNamespace("default").withName("client-it-box").get()).isNotNull();
        }
    }

    private static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}

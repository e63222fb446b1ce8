package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** @TestManifest: workloads and Services awaited as kubectl does, Service addresses injected, failures explained, scopes cleaned. */
class ManifestExtensionIT {

    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    /** One run of the three test classes below: one engine for them all, as a project's run has. */
    private static EngineExecutionResults results;

    @BeforeAll
    static void run() {
        TestImages.ensure();
        results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(WebAppTestCase.class), selectClass(FailingJobTestCase.class), selectClass(PerTestTestCase.class))
                .execute();
    }

    private static List<Event> eventsOf(Class<?> testCase, Events events) {
        return events.stream().filter(e -> e.getTestDescriptor().getUniqueId().toString().contains(testCase.getSimpleName())).toList();
    }

    private static List<String> failuresOf(Class<?> testCase) {
        return eventsOf(testCase, results.allEvents().failed()).stream().map(e -> e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("")).toList();
    }

    private static void assertNothingLeftFor(String... pods) {
        try (DockerConnection docker = DockerConnection.open(null)) {
            for (String pod : pods) {
                assertThat(docker.client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(Labels.POD, pod)).exec()).as("containers of pod " + pod).isEmpty();
            }
        }
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void startsTheWorkloadsOfAManifestAndInjectsItsServiceAddress() {
        assertThat(failuresOf(WebAppTestCase.class)).isEmpty();
        assertThat(eventsOf(WebAppTestCase.class, results.testEvents().succeeded())).hasSize(4);
        assertNothingLeftFor(SEEN.get("web pod"), SEEN.get("check pod"));
    }

    @Test
    void failsAtOnceWhenAJobFailsWithItsConditionsPodsAndLogs() {
        Throwable failure = eventsOf(FailingJobTestCase.class, results.allEvents().failed()).stream().findFirst()
                .flatMap(e -> e.getPayload(TestExecutionResult.class)).flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).hasMessageContaining("job default/junit-failing will never be ready: job \"junit-failing\" failed:"
                + " BackoffLimitExceeded: Job has reached the specified backoff limit");
        String report = failure.getSuppressed()[0].getMessage();
        assertThat(report).contains("job default/junit-failing").contains("condition Failed=True (BackoffLimitExceeded")
                .contains("pod default/junit-failing-").contains("phase: Failed").contains("--- logs of app ---")
                .contains("cannot reach the database");
    }

    @Test
    void deletesTheObjectsOfAnInstanceManifestAfterEachTest() {
        assertThat(eventsOf(PerTestTestCase.class, results.testEvents().succeeded())).hasSize(2);
        assertThat(SEEN).containsKey("first pod").containsEntry("first pod gone", "true");
    }

    @Test
    void explainsAFailedTestWithItsManifestsWorkloadsAndPods() {
        List<Event> failed = eventsOf(PerTestTestCase.class, results.testEvents().failed());
        assertThat(failed).hasSize(1);
        Throwable failure = failed.get(0).getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).hasMessage("the test itself fails");
        assertThat(failure.getSuppressed()).hasSize(1);
        assertThat(failure.getSuppressed()[0].getMessage()).startsWith("manifest PerTestTestCase.deployment()")
                .contains("deployment default/junit-per-test: deployment \"junit-per-test\" successfully rolled out")
                .contains("status: availableReplicas=1, observedGeneration=1").contains("condition Available=True")
                .contains("event Normal ScalingReplicaSet").contains("pod default/junit-per-test-").contains("phase: Running")
                .contains("--- logs of app ---").contains("started as a replica");
    }

    @PodTest
    static class WebAppTestCase {
        @TestManifest(resource = "manifests/web-app.yaml")
        static ManifestHandle app;

        @ServiceAddress("junit-app")
        static String hostPort;

        @Test
        void theDeploymentIsAvailableAndTheJobCompleteBeforeTheTests() {
            assertThat(app.get(Deployment.class, "junit-app").getStatus().getAvailableReplicas()).isEqualTo(1);
            assertThat(app.get(Job.class, "junit-app-check").getStatus().getSucceeded()).isEqualTo(1);
            List<PodHandle> check = app.pods(Job.class, "junit-app-check");
            assertThat(check).hasSize(1);
            assertThat(check.get(0).logs("check")).endsWith("hello from a deployment"); // after its retries, if any
            SEEN.put("check pod", check.get(0).name());
        }

        @Test
        void theServiceAnswersAtItsInjectedAddress(@ServiceAddress(value = "junit-app", port = "http") URI uri,
                @ServiceAddress(value = "junit-app", port = "80") InetSocketAddress address) throws Exception {
            assertThat(get(uri.resolve("/"))).isEqualTo("hello from a deployment");
            assertThat(hostPort).isEqualTo("127.0.0.1:" + address.getPort()).isEqualTo(uri.getAuthority());
        }

        @Test
        void aManifestPartlyRefusedLeavesNothingOfItStored(PodEngine engine) {
            ConfigMap config = new ConfigMapBuilder().withNewMetadata().withName("junit-refused-config").endMetadata()
                    .addToData("k", "v").build();
            Deployment refused = new DeploymentBuilder().withNewMetadata().withName("junit-refused").endMetadata().withNewSpec()
                    .withNewSelector().addToMatchLabels("app", "one").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "other").endMetadata().withNewSpec()
                    .addNewContainer().withName("app").withImage(TestImages.BUSYBOX).endContainer()
                    .endSpec().endTemplate().endSpec().build();
            assertThatThrownBy(() -> ManifestHandle.apply(engine, "refused.yaml", List.of(config, refused)))
                    .hasMessageContaining("junit-refused").hasMessageContaining("does not match template `labels`");
            assertThat(engine.knows(config)).isFalse();
        }

        @Test
        void theDeploymentsPodsAreThoseTheServiceSelects() {
            List<PodHandle> pods = app.pods(Deployment.class, "junit-app");
            assertThat(pods).hasSize(1);
            assertThat(app.pods(io.fabric8.kubernetes.api.model.Service.class, "junit-app")).extracting(PodHandle::name)
                    .containsExactly(pods.get(0).name());
            SEEN.put("web pod", pods.get(0).name());
        }
    }

    @PodTest
    static class FailingJobTestCase {
        @TestManifest(method = "job")
        static ManifestHandle job;

        static Job job() {
            return new JobBuilder().withNewMetadata().withName("junit-failing").endMetadata().withNewSpec().withBackoffLimit(0)
                    .withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("app")
                    .withImage(TestImages.BUSYBOX).withCommand("sh", "-c", "echo cannot reach the database; exit 3").endContainer()
                    .endSpec().endTemplate().endSpec().build();
        }

        @Test
        void neverRuns() {
            throw new AssertionError("must not run");
        }
    }

    @PodTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerTestTestCase {
        @TestManifest(method = "deployment")
        ManifestHandle app;

        List<HasMetadata> deployment() {
            return List.of(new DeploymentBuilder().withNewMetadata().withName("junit-per-test").endMetadata().withNewSpec().withReplicas(1)
                    .withNewSelector().addToMatchLabels("app", "junit-per-test").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "junit-per-test").endMetadata().withNewSpec()
                    .addNewContainer().withName("app").withImage(TestImages.BUSYBOX)
                    .withCommand("sh", "-c", "echo started as a replica; exec sleep 3600").endContainer()
                    .endSpec().endTemplate().endSpec().build());
        }

        @Test
        @Order(1)
        void first() {
            SEEN.put("first pod", app.pods(Deployment.class, "junit-per-test").get(0).name());
        }

        @Test
        @Order(2)
        void second(PodEngine engine) {
            try (DockerConnection docker = DockerConnection.open(null)) {
                boolean noContainers = docker.client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(Labels.POD, SEEN.get("first pod"))).exec().isEmpty();
                SEEN.put("first pod gone", String.valueOf(engine.get("default", SEEN.get("first pod")).isEmpty() && noContainers));
            }
            assertThat(app.pods(Deployment.class, "junit-per-test")).extracting(PodHandle::name).doesNotContain(SEEN.get("first pod"));
        }

        @Test
        @Order(3)
        void third() throws Exception {
            PodHandle pod = app.pods(Deployment.class, "junit-per-test").get(0);
            pod.await(p -> !pod.logs("app").isEmpty(), "log something", java.time.Duration.ofSeconds(30));
            throw new AssertionError("the test itself fails");
        }
    }
}

package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class PodExtensionIT {

    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    private static EngineExecutionResults run(Class<?> testCase) {
        SEEN.clear();
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase)).execute();
    }

    private static void assertNothingLeftFor(String... pods) {
        try (DockerConnection docker = DockerConnection.open(null)) {
            for (String pod : pods) {
                assertThat(docker.client().listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(Labels.POD, pod)).exec()).as("containers of pod " + pod).isEmpty();
            }
        }
    }

    private static Pod sleeper(String name) {
        return Pods.named(name).container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
    }

    @Test
    void sharesAStaticPodAcrossTheTestsOfAClassAndServesIt() {
        EngineExecutionResults results = run(StaticPodTestCase.class);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN).containsKeys("first", "second");
        assertThat(SEEN.get("first")).isEqualTo(SEEN.get("second"));
        assertNothingLeftFor("junit-web");
    }

    @Test
    void startsThePodOfAManifestAndAppliesItsService() {
        EngineExecutionResults results = run(FrontedPodTestCase.class);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertNothingLeftFor("junit-fronted");
    }

    @Test
    void givesEachTestItsOwnInstancePod() {
        EngineExecutionResults results = run(InstancePodTestCase.class);
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN.get("first")).isNotEqualTo(SEEN.get("second"));
        assertNothingLeftFor("junit-instance");
    }

    @Test
    void startsThePodsOfAClassInParallel() {
        EngineExecutionResults results = run(ParallelPodsTestCase.class);
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        // Each pod becomes Ready two seconds after it starts; created one after the other, the second
        // would be created after the first was Ready.
        assertThat(Instant.parse(SEEN.get("slow-b.created"))).isBefore(Instant.parse(SEEN.get("slow-a.ready")));
        assertNothingLeftFor("slow-a", "slow-b");
    }

    @Test
    void injectsPodHandlesIntoParametersByName() {
        run(ParameterTestCase.class).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(SEEN).containsEntry("param", "junit-param");
    }

    @Test
    void explainsAFailedTestWithStatusEventsAndLogs() {
        EngineExecutionResults results = run(FailingTestCase.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        Throwable failure = results.testEvents().failed().stream().findFirst()
                .flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure.getSuppressed()).hasAtLeastOneElementOfType(PodDiagnostics.class);
        String report = failure.getSuppressed()[0].getMessage();
        assertThat(report).contains("pod default/junit-talker").contains("phase: Running")
                .contains("event Normal Started").contains("--- logs of app ---").contains("talking to the log");
        List<Event> reports = results.allEvents().reportingEntryPublished().list();
        assertThat(reports).isNotEmpty();
        assertNothingLeftFor("junit-talker");
    }

    @Test
    void failsClearlyWhenAPodNeverBecomesReady() {
        EngineExecutionResults results = run(NeverReadyTestCase.class);
        Throwable failure = results.containerEvents().failed().stream().findFirst()
                .flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).hasMessageContaining("pod default/junit-never-ready did not become Ready within 8s")
                .hasMessageContaining("Readiness probe failed");
        assertNothingLeftFor("junit-never-ready");
    }

    @Test
    void sharesAReusedPodAcrossTestClassesAndRemovesItWhenTheRunEnds() {
        SEEN.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(ReuseOneTestCase.class), selectClass(ReuseTwoTestCase.class)).execute();
        results.testEvents().assertStatistics(s -> s.started(2).succeeded(2));
        assertThat(SEEN.get("reuse-one")).isNotNull().isEqualTo(SEEN.get("reuse-two"));
        assertNothingLeftFor("junit-shared");
    }

    @Test
    void refusesReuseOnAnInstanceField() {
        EngineExecutionResults results = run(ReuseInstanceTestCase.class);
        Throwable failure = results.testEvents().failed().stream().findFirst()
                .flatMap(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class))
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).hasMessageContaining("must be static");
    }

    @Test
    void worksUnderJUnitParallelExecution() {
        SEEN.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(selectClass(ReuseOneTestCase.class), selectClass(ReuseTwoTestCase.class),
                        selectClass(InstancePodTestCase.class), selectClass(ParameterTestCase.class))
                .execute();
        assertThat(results.testEvents().failed().stream()
                .map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::toString).orElse(""))
                .toList()).isEmpty();
        results.testEvents().assertStatistics(s -> s.started(5).succeeded(5));
        assertThat(SEEN.get("reuse-one")).isNotNull().isEqualTo(SEEN.get("reuse-two"));
        assertNothingLeftFor("junit-shared", "junit-instance", "junit-param");
    }

    static Pod shared() {
        return sleeper("junit-shared");
    }

    @PodTest
    static class ReuseOneTestCase {
        @TestPod(method = "pod", reuse = true)
        static PodHandle pod;

        static Pod pod() {
            return shared();
        }

        @Test
        void one() {
            SEEN.put("reuse-one", pod.pod().getMetadata().getUid());
        }
    }

    @PodTest
    static class ReuseTwoTestCase {
        @TestPod(method = "pod", reuse = true)
        static PodHandle pod;

        static Pod pod() {
            return shared();
        }

        @Test
        void two(@PodName("junit-shared") PodHandle same) {
            assertThat(same).isSameAs(pod);
            SEEN.put("reuse-two", pod.pod().getMetadata().getUid());
        }
    }

    @PodTest
    static class ReuseInstanceTestCase {
        @TestPod(method = "pod", reuse = true)
        PodHandle pod;

        Pod pod() {
            return shared();
        }

        @Test
        void neverRuns() {
            throw new AssertionError("must not run");
        }
    }

    @PodTest
    static class StaticPodTestCase {
        @TestPod(resource = "pods/web.yaml")
        static PodHandle web;

        private static String get(PodHandle h) throws Exception {
            var a = h.endpoint("web", 8080);
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        @Test
        void first() throws Exception {
            assertThat(get(web)).isEqualTo("hello from a pod");
            SEEN.put("first", web.pod().getMetadata().getUid());
        }

        @Test
        void second() throws Exception {
            assertThat(get(web)).isEqualTo("hello from a pod");
            SEEN.put("second", web.pod().getMetadata().getUid());
        }
    }

    @PodTest
    static class FrontedPodTestCase {
        @TestPod(resource = "pods/fronted.yaml")
        static PodHandle fronted;

        @Test
        void runs() {
            assertThat(fronted.status().getPhase()).isEqualTo("Running");
        }

        @Test
        void withItsService(PodEngine engine) {
            assertThat(engine.store().get(io.pod4j.store.ResourceTypes.SERVICES, "default", "junit-fronted")).isNotNull();
        }
    }

    @PodTest
    static class InstancePodTestCase {
        @TestPod(method = "pod")
        PodHandle pod;

        Pod pod() {
            return sleeper("junit-instance");
        }

        @Test
        void first() {
            SEEN.put("first", pod.pod().getMetadata().getUid());
        }

        @Test
        void second() {
            SEEN.put("second", pod.pod().getMetadata().getUid());
        }
    }

    @PodTest
    static class ParallelPodsTestCase {
        @TestPod(method = "a")
        static PodHandle a;

        @TestPod(method = "b")
        static PodHandle b;

        static Pod slow(String name) {
            return Pods.named(name).container("app", c -> c.image(TestImages.BUSYBOX)
                    .command("sh", "-c", "sleep 2; touch /tmp/ready; sleep 3600")
                    .readinessProbe(Probes.exec("cat", "/tmp/ready"))).build();
        }

        static Pod a() {
            return slow("slow-a");
        }

        static Pod b() {
            return slow("slow-b");
        }

        @Test
        void bothReady() {
            SEEN.put("slow-b.created", b.pod().getMetadata().getCreationTimestamp());
            SEEN.put("slow-a.ready", a.status().getConditions().stream().filter(c -> c.getType().equals("Ready"))
                    .findFirst().orElseThrow().getLastTransitionTime());
        }
    }

    @PodTest
    static class ParameterTestCase {
        @TestPod(method = "pod")
        PodHandle pod;

        Pod pod() {
            return sleeper("junit-param");
        }

        @Test
        void injected(@PodName("junit-param") PodHandle handle) {
            SEEN.put("param", handle.name());
        }
    }

    @PodTest
    static class FailingTestCase {
        @TestPod(method = "pod")
        PodHandle pod;

        Pod pod() {
            return Pods.named("junit-talker").container("app", c -> c.image(TestImages.BUSYBOX)
                    .command("sh", "-c", "echo talking to the log; sleep 3600")).build();
        }

        @Test
        void fails() throws Exception {
            pod.await(p -> !pod.logs("app").isEmpty(), "log something", java.time.Duration.ofSeconds(30));
            throw new AssertionError("the test itself fails");
        }
    }

    @PodTest
    static class NeverReadyTestCase {
        @TestPod(method = "pod", timeoutSeconds = 8) // long enough for a first failed probe on a loaded machine
        static PodHandle pod;

        static Pod pod() {
            return Pods.named("junit-never-ready").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")
                    .readinessProbe(Probes.exec("false").toBuilder().withPeriodSeconds(1).build())).build();
        }

        @Test
        void neverRuns() {
            throw new AssertionError("must not run");
        }
    }
}

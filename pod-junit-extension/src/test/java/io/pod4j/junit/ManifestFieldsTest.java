package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.pod4j.engine.PodHandle;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** What the extension refuses before any engine starts (no Docker needed). */
class ManifestFieldsTest {

    private static Throwable failureOf(Class<?> testCase) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase)).execute().allEvents().failed().stream()
                .findFirst().flatMap(e -> e.getPayload(TestExecutionResult.class)).flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
    }

    @Test
    void aTestPodManifestWithAWorkloadPointsToTestManifest() {
        assertThat(failureOf(PodWithDeploymentTestCase.class)).hasMessageEndingWith(
                "the manifest holds a Deployment (\"junit-beside\"): use @TestManifest for manifests with workloads");
    }

    @Test
    void aTestManifestFieldIsAManifestHandle() {
        assertThat(failureOf(ManifestIntoPodHandleTestCase.class)).hasMessageEndingWith("must be of type ManifestHandle");
    }

    @Test
    void aTestManifestNeedsExactlyOneSource() {
        assertThat(failureOf(TwoSourcesTestCase.class)).hasMessageEndingWith("needs exactly one of file, resource or method");
    }

    @Test
    void aServiceAddressFieldIsAUriAStringOrASocketAddress() {
        assertThat(failureOf(AddressIntoIntegerTestCase.class)).hasMessageEndingWith(
                "must be a URI, a String or an InetSocketAddress, and not final");
    }

    @Test
    void aServiceAddressParameterIsAUriAStringOrASocketAddress() {
        assertThat(failureOf(AddressParameterTestCase.class)).hasMessage(
                "@ServiceAddress java.lang.Integer port must be a URI, a String or an InetSocketAddress, not a java.lang.Integer");
    }

    @PodTest
    static class AddressParameterTestCase {
        @Test
        void neverRuns(@ServiceAddress("web") Integer port) {
            throw new AssertionError("must not run");
        }
    }

    @PodTest
    static class PodWithDeploymentTestCase {
        @TestPod(resource = "manifests/pod-and-deployment.yaml")
        static PodHandle pod;

        @Test
        void neverRuns() {
            throw new AssertionError("must not run");
        }
    }

    @PodTest
    static class ManifestIntoPodHandleTestCase {
        @TestManifest(resource = "manifests/pod-and-deployment.yaml")
        static PodHandle pod;

        @Test
        void neverRuns() {
            throw new AssertionError("must not run");
        }
    }

    @PodTest
    static class TwoSourcesTestCase {
        @TestManifest(resource = "manifests/pod-and-deployment.yaml", file = "pod-and-deployment.yaml")
        static ManifestHandle manifest;

        @Test
        void neverRuns() {
            throw new AssertionError("must not run");
        }
    }

    @PodTest
    static class AddressIntoIntegerTestCase {
        @ServiceAddress("web")
        static Integer port;

        @Test
        void neverRuns() {
            throw new AssertionError("must not run");
        }
    }
}

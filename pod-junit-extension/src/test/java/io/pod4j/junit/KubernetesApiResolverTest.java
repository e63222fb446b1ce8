package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;

/** What the resolver refuses before any engine or server exists (no Docker needed). */
class KubernetesApiResolverTest {

    private static Throwable failureOf(Class<?> testCase) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase)).execute().testEvents().failed().stream()
                .findFirst().flatMap(e -> e.getPayload(TestExecutionResult.class)).flatMap(TestExecutionResult::getThrowable)
                .orElseThrow();
    }

    @Test
    void aKubeconfigParameterMustBeAPath() {
        assertThat(failureOf(KubeconfigStringTestCase.class))
                .hasMessageContaining("@Kubeconfig parameter [java.lang.String kubeconfig] must be of type java.nio.file.Path,"
                        + " not java.lang.String");
    }

    @Test
    void aPathWithoutTheAnnotationIsNotTheResolversToGive() {
        assertThat(failureOf(PlainPathTestCase.class)).hasMessageContaining("No ParameterResolver registered for parameter [java.nio.file.Path");
    }

    @PodTest
    static class KubeconfigStringTestCase {
        @Test
        void test(@Kubeconfig String kubeconfig) {
            throw new AssertionError("must not run");
        }
    }

    @PodTest
    static class PlainPathTestCase {
        @Test
        void test(Path path) {
            throw new AssertionError("must not run");
        }
    }
}

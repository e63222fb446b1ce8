package io.pod4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the pods of a test class's {@link TestPod} fields around its tests: static fields once for
 * the class, instance fields for each test. Pods of one scope start in parallel; tests start when all
 * are Ready (or what {@link TestPod#await()} names). When Docker is unreachable the tests fail.
 * Parameters of type {@code PodEngine} get the run's engine; of type fabric8
 * {@code KubernetesClient}, or {@code Path} annotated {@link Kubeconfig}, reach its Kubernetes API
 * ({@link KubernetesApiResolver}).
 *
 * <pre>{@code
 * @PodTest
 * class CheckoutIT {
 *     @TestPod(resource = "pods/web.yaml")
 *     static PodHandle web;
 *
 *     @Test
 *     void servesTheHomePage() {
 *         InetSocketAddress http = web.endpoint("web", 8080);
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith({PodExtension.class, KubernetesApiResolver.class})
public @interface PodTest {

    /**
     * @return the first crash-loop back-off in milliseconds; the kubelet's 10 s is long for tests
     */
    long backOffBaseMillis() default 1000;
}

package io.pod4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link ManifestHandle} field whose manifest runs around the tests of a {@link PodTest} class,
 * as {@code kubectl apply -f} would run it on a cluster: Deployments, ReplicaSets, StatefulSets,
 * DaemonSets, Jobs, CronJobs, Services, ConfigMaps, Secrets, Pods, and every other kind the
 * engine's store serves. Static fields: once for the class; instance fields: for each test. Before
 * the tests begin, each object is awaited as {@code kubectl rollout status} and {@code kubectl
 * wait} await it: a Deployment rolled out and Available, a StatefulSet, DaemonSet or ReplicaSet
 * with its replicas ready, a Job Complete (a Job that Fails fails the start at once, with its
 * conditions), a Pod Ready, a Service answering through a ready endpoint. The objects are deleted
 * with their scope, their pods at once.
 *
 * <pre>{@code
 * @TestManifest(file = "k8s/greeter.yaml")
 * static ManifestHandle greeter;
 *
 * @Test
 * void greets(@ServiceAddress("greeter") URI greeter) { ... }
 * }</pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TestManifest {

    /** @return a manifest file or directory, relative to the working directory */
    String file() default "";

    /** @return a manifest on the test classpath */
    String resource() default "";

    /**
     * @return the name of a method of the test class (static for static fields) returning the
     *     objects: a fabric8 {@code HasMetadata} or a {@code List} of them
     */
    String method() default "";

    /** @return false to begin the tests as soon as the objects are stored, without waiting for them */
    boolean await() default true;

    /** @return how long to wait, in seconds */
    long timeoutSeconds() default 120;
}

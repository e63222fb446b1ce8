package io.pod4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code PodHandle} field whose pod runs around the tests of a {@link PodTest} class. Exactly one
 * source: a manifest {@link #file()}, a classpath {@link #resource()} (other objects in it, such as
 * ConfigMaps, are applied too), or a {@link #method()} of the test class returning a
 * fabric8 {@code io.fabric8.kubernetes.api.model.Pod} (built with pod4j's fluent builder or fabric8's own).
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TestPod {

    /** @return a manifest path, relative to the working directory */
    String file() default "";

    /** @return a manifest on the test classpath */
    String resource() default "";

    /** @return the name of a method of the test class (static for static fields) returning the Pod */
    String method() default "";

    /** @return what to wait for before tests run: {@code Ready}, {@code Running}, {@code Succeeded} or {@code Created} */
    String await() default "Ready";

    /** @return how long to wait, in seconds */
    long timeoutSeconds() default 120;

    /**
     * Opt-in reuse across test classes: the pod is started by the first class that needs it and kept
     * until the whole test run ends; every later class (also one running in parallel) whose static
     * field declares the same source with the same content gets the same running pod. The key is
     * the manifest's content (or the Pod the method returns), so a changed spec gets a new pod. Tests
     * sharing a pod must not rely on state another class left in it. Only for static fields.
     *
     * @return true to share the pod with every test class of the run declaring the same pod
     */
    boolean reuse() default false;
}

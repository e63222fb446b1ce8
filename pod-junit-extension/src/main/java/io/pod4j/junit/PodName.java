package io.pod4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the handle of a pod started for the test into a {@code PodHandle} parameter of a test or
 * lifecycle method, by the pod's name.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PodName {

    /** @return the pod's {@code metadata.name} */
    String value();
}

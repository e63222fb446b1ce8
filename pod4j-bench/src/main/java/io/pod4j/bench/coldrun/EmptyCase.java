package io.pod4j.bench.coldrun;

import org.junit.jupiter.api.Test;

/**
 * The cold-JVM benchmark's floor: one test that does nothing, run through the same launcher and on
 * the same class path as {@link ReferencePodCase} and {@link ReferenceContainersCase}, so that what
 * the JVM and JUnit cost before any tool touches Docker is measured and not guessed.
 */
public class EmptyCase {

    @Test
    void doesNothing() {
        // The time of this run is the JVM's and JUnit's alone.
    }
}

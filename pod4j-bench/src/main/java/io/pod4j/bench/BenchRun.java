package io.pod4j.bench;

/**
 * The identity of one {@code scripts/bench} run. Several people run benchmarks and tests on the
 * same Docker daemon at once: every name and label a benchmark gives Docker objects of its own
 * carries this id, so that runs never clash by name and each cleans up only what it made.
 */
public final class BenchRun {

    /** The label every container the naive sequences create carries, with {@link #id()} as value. */
    public static final String LABEL = "io.pod4j.bench";

    private static final String ID = System.getProperty("pod4j.bench.run", Long.toString(ProcessHandle.current().pid()));

    private BenchRun() {
    }

    /** @return this run's id: {@code -Dpod4j.bench.run}, or this process's id */
    public static String id() {
        return ID;
    }
}

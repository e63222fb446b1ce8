package io.pod4j.bench.coldrun;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * One cold JVM running one test class through the JUnit Platform launcher, as Maven or Gradle do:
 * {@code pod4j} runs {@link ReferencePodCase}, {@code testcontainers} runs
 * {@link ReferenceContainersCase}, {@code empty} runs {@link EmptyCase} (the floor). Exits 0 when the
 * test passed. Timed from outside by {@code scripts/bench}.
 */
public final class ColdRun {

    private ColdRun() {
    }

    /**
     * @param args {@code pod4j}, {@code testcontainers} or {@code empty}
     */
    public static void main(String[] args) {
        Class<?> test = switch (args[0]) {
            case "testcontainers" -> ReferenceContainersCase.class;
            case "empty" -> EmptyCase.class;
            default -> ReferencePodCase.class;
        };
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(test)).build(), summary);
        boolean ok = summary.getSummary().getTotalFailureCount() == 0 && summary.getSummary().getTestsSucceededCount() == 1;
        if (!ok) {
            summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.err, true), 20);
        }
        System.exit(ok ? 0 : 1);
    }
}

package io.pod4j.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.model.ContainerStatus;
import io.pod4j.api.model.Pod;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.docker.Labels;
import io.pod4j.engine.reaper.Owner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many pods at once, good and failing mixed, created and deleted from several threads: every pod
 * reaches the state a cluster would show, every delete completes, nothing is left behind, and
 * nothing deadlocks (a timeout fails with a dump of every thread). Rounds: {@code -Dpod4j.concurrency.rounds}
 * (10 by default), pods per round: {@code -Dpod4j.concurrency.pods} (50).
 */
class ConcurrencyIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final int ROUNDS = Integer.getInteger("pod4j.concurrency.rounds", 10);
    private static final int PODS = Integer.getInteger("pod4j.concurrency.pods", 50);
    private static final int THREADS = 5;
    private static final Duration ROUND_DEADLINE = Duration.ofSeconds(150);

    /** What each kind of pod is, and the state that shows it reached what a cluster would show. */
    private enum Kind {
        GOOD(p -> isReady(p), "Ready"),
        BAD_IMAGE(p -> waitingReason(p).matches("ErrImagePull|ImagePullBackOff"), "waiting ErrImagePull/ImagePullBackOff"),
        CRASH_LOOP(p -> app(p) != null && app(p).restartCount() >= 1, "restarted at least once"),
        UNSCHEDULABLE(p -> p.status().conditions().stream().anyMatch(c -> "PodScheduled".equals(c.type())
                && "False".equals(c.status()) && "Unschedulable".equals(c.reason())), "PodScheduled False Unschedulable");

        final Predicate<Pod> reached;
        final String description;

        Kind(Predicate<Pod> reached, String description) {
            this.reached = reached;
            this.description = description;
        }

        Pod pod(String name) {
            Pod.Builder b = Pod.named(name).label("app", "concurrency");
            return switch (this) {
                case GOOD -> b.container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
                case BAD_IMAGE -> b.container("app", c -> c.image("pod4j-test/no-such-image:0")).build();
                case CRASH_LOOP -> b.container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 3")).build();
                case UNSCHEDULABLE -> b.nodeSelector("pod4j.io/no-such-node", "true")
                        .container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
            };
        }
    }

    @Test
    void manyGoodAndFailingPodsCreatedAndDeletedFromSeveralThreadsReachTheirStatesAndLeaveNothing() throws Exception {
        PodEngine engine = ENGINE.engine();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<String> timings = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                List<Callable<String>> jobs = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    int r = round;
                    jobs.add(() -> runShare(engine, r, thread));
                }
                List<Future<String>> results = new ArrayList<>();
                for (Callable<String> job : jobs) {
                    results.add(pool.submit(job));
                }
                long deadline = System.nanoTime() + ROUND_DEADLINE.toNanos();
                for (Future<String> f : results) {
                    try {
                        String failure = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        assertThat(failure).as("round " + round).isEmpty();
                    } catch (TimeoutException e) {
                        throw new AssertionError("round " + round + " did not finish within " + ROUND_DEADLINE
                                + " (deadlock?)\n" + threadDump());
                    }
                }
                assertNothingLeft(round);
                timings.add(String.format("round %d: %.1f s", round, (System.nanoTime() - start) / 1e9));
                System.out.println("ConcurrencyIT " + timings.get(timings.size() - 1));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(timings).hasSize(ROUNDS);
    }

    /** One thread's share of a round: create its pods, await each one's state, delete them all, await their end. */
    private static String runShare(PodEngine engine, int round, int thread) {
        Kind[] kinds = Kind.values();
        List<PodHandle> handles = new ArrayList<>();
        List<Kind> expected = new ArrayList<>();
        StringBuilder failures = new StringBuilder();
        int perThread = PODS / THREADS;
        for (int i = 0; i < perThread; i++) {
            // Half the pods good, the other half split over the three ways of failing.
            Kind kind = i % 2 == 0 ? Kind.GOOD : kinds[1 + (i / 2) % 3];
            handles.add(engine.create(kind.pod("c" + round + "-" + thread + "-" + i)));
            expected.add(kind);
        }
        for (int i = 0; i < handles.size(); i++) {
            Kind kind = expected.get(i);
            try {
                handles.get(i).await(kind.reached, kind.description, Duration.ofSeconds(90));
            } catch (RuntimeException e) {
                failures.append(handles.get(i)).append(" did not reach ").append(kind.description).append(": ")
                        .append(e.getMessage()).append('\n');
            }
        }
        // A short grace period: sleep as PID 1 ignores SIGTERM, so each delete still goes the whole
        // graceful way (SIGTERM, grace, SIGKILL, removal) without waiting the default 30 s.
        handles.forEach(h -> engine.delete(h.namespace(), h.name(), Duration.ofSeconds(1)));
        for (PodHandle h : handles) {
            try {
                h.awaitDeletion(Duration.ofSeconds(60));
            } catch (RuntimeException e) {
                failures.append(h).append(" was not deleted: ").append(e.getMessage()).append('\n');
            }
        }
        return failures.toString();
    }

    private static void assertNothingLeft(int round) {
        String owner = Owner.current().id();
        try (DockerConnection check = DockerConnection.open(null)) {
            var containers = check.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.OWNER, owner)).exec();
            var volumes = check.client().listVolumesCmd().withFilter("label", List.of(Labels.OWNER + "=" + owner))
                    .exec().getVolumes();
            assertThat(containers.stream().map(c -> c.getNames()[0] + " " + c.getStatus()).toList())
                    .as("containers left after round " + round).isEmpty();
            assertThat(volumes == null ? List.of() : volumes).as("volumes left after round " + round).isEmpty();
        }
    }

    private static String threadDump() {
        StringBuilder sb = new StringBuilder();
        var mx = ManagementFactory.getThreadMXBean();
        long[] deadlocked = mx.findDeadlockedThreads();
        sb.append(deadlocked == null ? "no deadlocked threads found by the JVM\n" : deadlocked.length + " deadlocked threads\n");
        for (ThreadInfo info : mx.dumpAllThreads(true, true)) {
            sb.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
            if (info.getLockName() != null) {
                sb.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                sb.append(" held by \"").append(info.getLockOwnerName()).append('"');
            }
            sb.append('\n');
            for (StackTraceElement e : info.getStackTrace()) {
                sb.append("    at ").append(e).append('\n');
            }
        }
        return sb.toString();
    }

    private static boolean isReady(Pod p) {
        return p.status().conditions().stream().anyMatch(c -> "Ready".equals(c.type()) && "True".equals(c.status()));
    }

    private static ContainerStatus app(Pod p) {
        return p.status().containerStatuses().isEmpty() ? null : p.status().containerStatuses().get(0);
    }

    private static String waitingReason(Pod p) {
        ContainerStatus app = app(p);
        return app == null || app.state() == null || app.state().waiting() == null || app.state().waiting().reason() == null
                ? "" : app.state().waiting().reason();
    }
}

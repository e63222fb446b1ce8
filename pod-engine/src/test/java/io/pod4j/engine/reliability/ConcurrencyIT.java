package io.pod4j.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.EngineExtension;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fifty pods created at once from several threads, round after round, good and failing ones mixed: each
 * reaches the state a cluster would show, each delete completes, nothing is left, nothing hangs (a
 * timeout fails with a dump of every thread).
 */
class ConcurrencyIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    /** Five rounds take 2.5 to 3.5 minutes on a 2-core machine; {@code -Dpod4j.concurrency.rounds=N} runs fewer or more. */
    private static final int ROUNDS = Integer.getInteger("pod4j.concurrency.rounds", 5);
    private static final int THREADS = 8;
    private static final Duration ROUND_LIMIT = Duration.ofMinutes(4);

    /** What a pod of the mix is, and the state that proves it got there. */
    private record Kind(String prefix, int count, java.util.function.Function<String, Pod> pod, Predicate<Pod> reached,
            String expected) {
    }

    private static ContainerStatus app(Pod p) {
        return p.getStatus().getContainerStatuses().isEmpty() ? null : p.getStatus().getContainerStatuses().get(0);
    }

    private static String waiting(Pod p) {
        ContainerStatus s = app(p);
        return s == null || s.getState() == null || s.getState().getWaiting() == null ? null : s.getState().getWaiting().getReason();
    }

    private static final List<Kind> MIX = List.of(
            new Kind("good", 20,
                    n -> Pods.named(n).container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build(),
                    p -> p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True")),
                    "Ready"),
            new Kind("no-image", 10,
                    n -> Pods.named(n).container("app", c -> c.image("pod4j-test/does-not-exist:1")).build(),
                    p -> "ErrImagePull".equals(waiting(p)) || "ImagePullBackOff".equals(waiting(p)),
                    "ErrImagePull or ImagePullBackOff"),
            new Kind("crash", 10,
                    n -> Pods.named(n).container("app", c -> c.image(TestImages.BUSYBOX).command("sh", "-c", "exit 3")).build(),
                    p -> app(p) != null && app(p).getRestartCount() != null && app(p).getRestartCount() >= 1,
                    "restarted after crashing"),
            new Kind("unschedulable", 10,
                    ConcurrencyIT::unschedulable,
                    p -> p.getStatus().getConditions().stream().filter(c -> c.getType().equals("PodScheduled"))
                            .map(PodCondition::getReason).anyMatch("Unschedulable"::equals),
                    "Pending, Unschedulable"));

    private static Pod unschedulable(String name) {
        Pod base = Pods.named(name).container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build();
        base.getSpec().setNodeSelector(Map.of("pod4j.test/nowhere", "true"));
        return base;
    }

    @Test
    void fiftyMixedPodsPerRoundReachTheirStatesAndLeaveNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                runRound(pool, round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void runRound(ExecutorService pool, int round) throws Exception {
        long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
        // All fifty are created at once, from several threads; then each is awaited; then all are deleted at once.
        List<Future<PodHandle>> created = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        for (Kind kind : MIX) {
            for (int i = 0; i < kind.count(); i++) {
                String name = kind.prefix() + "-" + round + "-" + i;
                created.add(pool.submit(() -> ENGINE.engine().create(kind.pod().apply(name))));
                kinds.add(kind);
            }
        }
        List<PodHandle> handles = new ArrayList<>();
        for (Future<PodHandle> f : created) {
            handles.add(get(f, deadline, round, "creating"));
        }
        List<Future<?>> reached = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            PodHandle h = handles.get(i);
            Kind kind = kinds.get(i);
            reached.add(pool.submit(() -> h.await(kind.reached(), "reach " + kind.expected(), remaining(deadline))));
        }
        for (Future<?> f : reached) {
            get(f, deadline, round, "reaching the expected states");
        }
        List<Future<?>> deleted = new ArrayList<>();
        for (PodHandle h : handles) {
            // As kubectl delete --grace-period=1: busybox's sleep ignores SIGTERM, and the default 30 s would
            // only measure the grace period.
            deleted.add(pool.submit(() -> ENGINE.engine().delete(h.namespace(), h.name(), Duration.ofSeconds(1))));
        }
        for (Future<?> f : deleted) {
            get(f, deadline, round, "deleting");
        }
        for (PodHandle h : handles) {
            h.awaitDeletion(remaining(deadline));
        }
        try (DockerConnection docker = DockerConnection.open(null)) {
            assertThat(docker.client().listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.OWNER, Owner.current().id())).exec())
                    .as("containers left after round " + round).isEmpty();
        }
        assertThat(ENGINE.engine().list(null, null, null)).as("pods left after round " + round).isEmpty();
    }

    private static <T> T get(Future<T> f, long deadline, int round, String what) throws Exception {
        try {
            return f.get(Math.max(1, remaining(deadline).toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("round " + round + ": " + what + " did not finish within " + ROUND_LIMIT + "\n" + threadDump());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("round " + round + ": " + what + " failed: " + e.getCause(), e.getCause());
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    private static String threadDump() {
        StringBuilder sb = new StringBuilder("thread dump:\n");
        for (ThreadInfo t : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            sb.append(t);
        }
        return sb.toString();
    }
}

package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import java.io.Closeable;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A worker whose runtime does not answer while it creates the pod's first sandbox: it retries on
 * its own, after the sandbox back-off (no relist needed), as the kubelet requeues a failed sync.
 * The runtime is a fake that only fails; nothing else of the worker is.
 */
class PodWorkerSandboxTest {

    private final ExecutorService io = Executors.newCachedThreadPool();
    private final ExecutorService callerRuns = new CallerRunsExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Pod> statuses = new CopyOnWriteArrayList<>();
    private final SilentRuntime runtime = new SilentRuntime();

    @AfterEach
    void stop() {
        io.shutdownNow();
        callerRuns.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void retriesTheFirstSandboxAfterItsBackOffWhileDockerDoesNotAnswer() {
        PodWorker worker = new PodWorker(context(io), pod(), runtime);
        worker.wake();

        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.sandboxes.get() >= 3);
        assertThat(events).filteredOn(e -> e.getReason().equals("FailedCreatePodSandBox")).first()
                .satisfies(e -> {
                    assertThat(e.getType()).isEqualTo("Warning");
                    assertThat(e.getMessage()).startsWith("Failed to create pod sandbox: ");
                });
        Pod last = statuses.get(statuses.size() - 1);
        assertThat(last.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(last.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
    }

    /**
     * The timer task that woke the worker may still run when the sync it caused plans the next
     * wake-up (a loaded machine pauses the timer's thread; here the sync runs on that thread): the
     * next wake-up is scheduled all the same.
     */
    @Test
    void plansTheNextRetryWhileTheWakeUpThatCausedThisOneStillRuns() {
        PodWorker worker = new PodWorker(context(callerRuns), pod(), runtime);
        worker.wake();

        await().atMost(Duration.ofSeconds(20)).until(() -> runtime.sandboxes.get() >= 3);
    }

    /** Runs each task on the thread that submits it, as an executor may. */
    static final class CallerRunsExecutor extends AbstractExecutorService {

        private volatile boolean shutdown;

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return shutdown;
        }
    }

    private static Pod pod() {
        Pod pod = Pods.named("web").container("app", c -> c.image("busybox:1")).build();
        pod.getMetadata().setNamespace("default");
        pod.getMetadata().setUid("0f8fad5b-d9cb-469f-a165-70867728950e");
        pod.getMetadata().setResourceVersion("1");
        return pod;
    }

    private EngineContext context(ExecutorService io) {
        EngineContext.Sink sink = new EngineContext.Sink() {
            @Override
            public void status(Pod p) {
                statuses.add(p);
            }

            @Override
            public void event(Event e) {
                events.add(e);
            }

            @Override
            public void bind(Pod p, String nodeName) {
            }

            @Override
            public void removed(Pod p) {
            }
        };
        // No Docker, images, network or node: a worker that only fails to create its sandbox never asks for them.
        return new EngineContext(null, io, timer, Duration.ofMillis(50), Duration.ofMillis(200), null, null, "node-1", Map.of(),
                null, null, p -> null, null, false, sink, EngineContext.ClusterServices.NONE);
    }

    /** A runtime whose engine does not answer. */
    static final class SilentRuntime implements ContainerRuntime {

        final AtomicInteger sandboxes = new AtomicInteger();

        private static RuntimeException silence() {
            return new RuntimeException("java.net.ConnectException: Connection refused",
                    new ConnectException("Connection refused"));
        }

        @Override
        public String endpoint() {
            return "unix:///var/run/docker.sock";
        }

        @Override
        public String createSandbox(Pod pod, Map<String, String> labels, String name) {
            sandboxes.incrementAndGet();
            throw silence();
        }

        @Override
        public Sandbox startSandbox(Pod pod, String id) {
            throw silence();
        }

        @Override
        public String createContainer(Pod pod, Container container, String sandboxId, String pidTargetId, Map<String, String> env,
                Map<String, String> labels, String name, Path terminationFile) {
            throw silence();
        }

        @Override
        public void startContainer(String id) {
            throw silence();
        }

        @Override
        public void stopContainer(String id, Duration timeout) {
            throw silence();
        }

        @Override
        public RuntimeException removeContainer(String id) {
            return silence();
        }

        @Override
        public Map<String, String> podContainers(String podUid) {
            throw silence();
        }

        @Override
        public ContainerStateTerminated ended(ContainerRecord container) {
            throw silence();
        }

        @Override
        public void removeVolumes(String podUid) {
            throw silence();
        }

        @Override
        public Map<String, Listed> containers() {
            throw silence();
        }

        @Override
        public Closeable containerEvents(Consumer<PodLifecycleEvent> events, Runnable ended) {
            throw silence();
        }
    }
}

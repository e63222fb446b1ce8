package io.pod4j.engine.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.TestImages;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.Watch;
import io.pod4j.store.WatchEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jobs on a real engine: the job controller makes the pods, the kubelet runs them to their end. */
class JobIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static String manifest(String name, int completions, int parallelism, int backoffLimit, String script) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                spec:
                  completions: %d
                  parallelism: %d
                  backoffLimit: %d
                  template:
                    spec:
                      restartPolicy: Never
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: work
                        image: %s
                        command: [sh, -c, "%s"]
                """.formatted(name, completions, parallelism, backoffLimit, TestImages.BUSYBOX, script);
    }

    private static ObjectStore store() {
        return ENGINE.engine().store();
    }

    private static Job job(String name) {
        return store().get(ResourceTypes.JOBS, "default", name);
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        return job.getStatus() == null || job.getStatus().getConditions() == null ? Optional.empty()
                : job.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static boolean running(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return p.getMetadata().getDeletionTimestamp() == null && !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    @Test
    void fiveCompletionsRunAtMostTwoPodsAtOnceAndComplete() throws Exception {
        Map<String, Pod> seen = new ConcurrentHashMap<>();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Watch<Pod> watch = store().watch(ResourceTypes.PODS, ListOptions.inNamespace("default").withLabelSelector("job-name=five"));
        Thread watcher = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Optional<WatchEvent<Pod>> e = watch.next(Duration.ofMillis(200));
                    if (e.isPresent()) {
                        Pod p = e.get().object();
                        if (e.get().type() == WatchEvent.Type.DELETED) {
                            seen.remove(p.getMetadata().getName());
                        } else {
                            seen.put(p.getMetadata().getName(), p);
                        }
                        mostAtOnce.accumulateAndGet((int) seen.values().stream().filter(JobIT::running).count(), Math::max);
                    }
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        watcher.start();
        try {
            ENGINE.engine().apply(Manifests.load(manifest("five", 5, 2, 6, "sleep 1")));

            await().atMost(TIMEOUT).until(() -> condition(job("five"), "Complete").map(c -> "True".equals(c.getStatus())).orElse(false));
        } finally {
            stop.set(true);
            watcher.join();
            watch.close();
        }
        Job done = job("five");
        assertThat(done.getStatus().getSucceeded()).isEqualTo(5);
        assertThat(done.getStatus().getActive()).isNull();
        assertThat(done.getStatus().getCompletionTime()).isNotNull();
        assertThat(condition(done, "Complete").orElseThrow().getReason()).isEqualTo("CompletionsReached");
        assertThat(mostAtOnce.get()).as("pods running at once").isEqualTo(2);
        List<Pod> pods = store().list(ResourceTypes.PODS, ListOptions.inNamespace("default").withLabelSelector("job-name=five")).items();
        assertThat(pods).hasSize(5).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(p.getMetadata().getName()).matches("five-[bcdfghjklmnpqrstvwxz2456789]{5}");
        });
    }

    @Test
    void aFailingJobStopsAtItsBackoffLimitWithTheFailedCondition() {
        ENGINE.engine().apply(Manifests.load(manifest("doomed", 1, 1, 1, "exit 3")));

        await().atMost(TIMEOUT).until(() -> condition(job("doomed"), "Failed").map(c -> "True".equals(c.getStatus())).orElse(false));
        Job failed = job("doomed");
        JobCondition c = condition(failed, "Failed").orElseThrow();
        assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(c.getMessage()).isEqualTo("Job has reached the specified backoff limit");
        assertThat(failed.getStatus().getFailed()).isEqualTo(2);
        assertThat(failed.getStatus().getSucceeded()).isNull();
        assertThat(store().list(ResourceTypes.EVENTS, ListOptions.inNamespace("default")).items())
                .anySatisfy(e -> {
                    assertThat(e.getInvolvedObject().getName()).isEqualTo("doomed");
                    assertThat(e.getReason()).isEqualTo("BackoffLimitExceeded");
                });
    }

    @Test
    void aCronJobFiresAJobThatRunsToCompletion() {
        ENGINE.engine().apply(Manifests.load("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: tick
                spec:
                  schedule: "* * * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - {name: c, image: %s, command: ["true"]}
                """.formatted(TestImages.BUSYBOX)));

        // The next minute's boundary: at most a minute away.
        await().atMost(Duration.ofSeconds(150)).until(() -> {
            var cj = store().get(ResourceTypes.CRON_JOBS, "default", "tick");
            return cj.getStatus() != null && cj.getStatus().getLastSuccessfulTime() != null;
        });
        var cj = store().get(ResourceTypes.CRON_JOBS, "default", "tick");
        List<Job> jobs = store().list(ResourceTypes.JOBS, ListOptions.inNamespace("default")).items().stream()
                .filter(j -> j.getMetadata().getName().startsWith("tick-")).toList();
        assertThat(jobs).isNotEmpty().allSatisfy(j -> assertThat(j.getMetadata().getOwnerReferences().get(0).getName())
                .isEqualTo("tick"));
        assertThat(cj.getStatus().getLastScheduleTime()).isNotNull();
        assertThat(condition(jobs.get(0), "Complete")).isPresent();
        store().patch(ResourceTypes.CRON_JOBS, "default", "tick", io.pod4j.store.PatchType.MERGE, "{\"spec\":{\"suspend\":true}}");
    }
}

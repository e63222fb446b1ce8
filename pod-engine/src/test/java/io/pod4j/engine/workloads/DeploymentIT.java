package io.pod4j.engine.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.TestImages;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
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

/** Deployments on a real engine: the controllers make ReplicaSets and Pods, the kubelet runs them. */
class DeploymentIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static String manifest(String name, int replicas, String version, String strategy) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: %d
                  selector:
                    matchLabels: {app: %s}
                  strategy: %s
                  template:
                    metadata:
                      labels: {app: %s}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: app
                        image: %s
                        command: [sleep, "3600"]
                        env: [{name: VERSION, value: "%s"}]
                        readinessProbe:
                          exec: {command: ["true"]}
                          initialDelaySeconds: 1
                          periodSeconds: 1
                """.formatted(name, replicas, name, strategy, name, TestImages.BUSYBOX, version);
    }

    private static PodEngine engine() {
        return ENGINE.engine();
    }

    private static ObjectStore store() {
        return engine().store();
    }

    private static Deployment deployment(String name) {
        return store().get(ResourceTypes.DEPLOYMENTS, "default", name);
    }

    private static List<Pod> pods(String app) {
        return store().list(ResourceTypes.PODS, ListOptions.inNamespace("default").withLabelSelector("app=" + app)).items();
    }

    private static boolean readyAndRunning(Pod p) {
        return p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static void awaitAvailable(String name, int replicas) {
        await().atMost(TIMEOUT).until(() -> {
            Deployment d = deployment(name);
            var s = d.getStatus();
            return s != null && s.getObservedGeneration() != null && s.getObservedGeneration().equals(d.getMetadata().getGeneration())
                    && Optional.ofNullable(s.getAvailableReplicas()).orElse(0) == replicas
                    && Optional.ofNullable(s.getUpdatedReplicas()).orElse(0) == replicas
                    && Optional.ofNullable(s.getReplicas()).orElse(0) == replicas;
        });
    }

    private static void apply(String yaml) {
        List<HasMetadata> objects = Manifests.load(yaml);
        engine().apply(objects);
    }

    @Test
    void aThreeReplicaDeploymentRunsItsPodsAndReportsThemAvailable() {
        apply(manifest("hello", 3, "1", "{}"));

        awaitAvailable("hello", 3);
        List<Pod> pods = pods("hello");
        assertThat(pods).hasSize(3).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            assertThat(p.getMetadata().getName()).startsWith("hello-" + p.getMetadata().getLabels().get("pod-template-hash") + "-");
        });
        Deployment d = deployment("hello");
        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(d.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Available");
            assertThat(c.getStatus()).isEqualTo("True");
        }).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Progressing");
            assertThat(c.getReason()).isEqualTo("NewReplicaSetAvailable");
        });
        assertThat(d.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
    }

    @Test
    void scalingUpAndDownChangesTheRunningPods() {
        apply(manifest("scaled", 1, "1", "{}"));
        awaitAvailable("scaled", 1);

        store().patch(ResourceTypes.DEPLOYMENTS, "default", "scaled", PatchType.MERGE, "{\"spec\":{\"replicas\":3}}");
        awaitAvailable("scaled", 3);
        assertThat(pods("scaled").stream().filter(DeploymentIT::readyAndRunning)).hasSize(3);

        store().patch(ResourceTypes.DEPLOYMENTS, "default", "scaled", PatchType.MERGE, "{\"spec\":{\"replicas\":1}}");
        awaitAvailable("scaled", 1);
        await().atMost(TIMEOUT).until(() -> pods("scaled").size() == 1);
    }

    @Test
    void aRollingUpdateWithMaxUnavailableZeroKeepsEveryReplicaReadyThroughout() throws Exception {
        String strategy = "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}";
        apply(manifest("rolling", 3, "1", strategy));
        awaitAvailable("rolling", 3);

        Map<String, Pod> seen = new ConcurrentHashMap<>();
        AtomicInteger fewestReady = new AtomicInteger(Integer.MAX_VALUE);
        AtomicBoolean stop = new AtomicBoolean();
        Watch<Pod> watch = store().watch(ResourceTypes.PODS, ListOptions.inNamespace("default").withLabelSelector("app=rolling"));
        Thread watcher = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Optional<WatchEvent<Pod>> e = watch.next(Duration.ofMillis(200));
                    if (e.isEmpty()) {
                        continue;
                    }
                    Pod p = e.get().object();
                    if (e.get().type() == WatchEvent.Type.DELETED) {
                        seen.remove(p.getMetadata().getName());
                    } else {
                        seen.put(p.getMetadata().getName(), p);
                    }
                    if (seen.size() >= 3) { // the initial ADDED events have all arrived
                        fewestReady.accumulateAndGet((int) seen.values().stream().filter(DeploymentIT::readyAndRunning).count(), Math::min);
                    }
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        watcher.start();
        try {
            apply(manifest("rolling", 3, "2", strategy));

            await().atMost(TIMEOUT).until(() -> {
                List<Pod> pods = pods("rolling");
                return pods.size() == 3 && pods.stream().allMatch(p -> readyAndRunning(p)
                        && "2".equals(p.getSpec().getContainers().get(0).getEnv().get(0).getValue()));
            });
            awaitAvailable("rolling", 3);
        } finally {
            stop.set(true);
            watcher.join();
            watch.close();
        }
        assertThat(fewestReady.get()).as("ready pods at the lowest point of the rollout").isGreaterThanOrEqualTo(3);
        List<ReplicaSet> sets = store().list(ResourceTypes.REPLICA_SETS, ListOptions.inNamespace("default")
                .withLabelSelector("app=rolling")).items();
        assertThat(sets).hasSize(2).anySatisfy(rs -> {
            assertThat(rs.getSpec().getReplicas()).isZero();
            assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        });
        assertThat(deployment("rolling").getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "2");
    }

    @Test
    void aForegroundDeletionRemovesTheReplicaSetAndPodsBeforeTheDeployment() throws Exception {
        apply(manifest("doomed", 2, "1", "{}"));
        awaitAvailable("doomed", 2);
        String before = store().resourceVersion();

        store().delete(ResourceTypes.DEPLOYMENTS, "default", "doomed",
                new io.fabric8.kubernetes.api.model.DeleteOptionsBuilder().withPropagationPolicy("Foreground").build());

        assertThat(deployment("doomed").getMetadata().getFinalizers()).contains("foregroundDeletion");
        await().atMost(TIMEOUT).until(() -> store().list(ResourceTypes.DEPLOYMENTS, ListOptions.inNamespace("default"))
                .items().stream().noneMatch(d -> d.getMetadata().getName().equals("doomed")));
        long deploymentGone = deletedAt(ResourceTypes.DEPLOYMENTS, before, "doomed").get(0);
        List<Long> podsGone = deletedAt(ResourceTypes.PODS, before, "doomed");
        List<Long> replicaSetsGone = deletedAt(ResourceTypes.REPLICA_SETS, before, "doomed");
        assertThat(podsGone).hasSize(2).allSatisfy(rv -> assertThat(rv).isLessThan(deploymentGone));
        assertThat(replicaSetsGone).hasSize(1).allSatisfy(rv -> assertThat(rv).isLessThan(deploymentGone));
        assertThat(pods("doomed")).isEmpty();
    }

    /** The resourceVersions at which objects named after the app were removed, since a version. */
    private static <T extends HasMetadata> List<Long> deletedAt(io.pod4j.store.ResourceType<T> type, String since, String app)
            throws InterruptedException {
        List<Long> gone = new java.util.ArrayList<>();
        try (Watch<T> w = store().watch(type, ListOptions.inNamespace("default").withResourceVersion(since))) {
            Optional<WatchEvent<T>> e;
            while ((e = w.next(Duration.ofMillis(300))).isPresent()) {
                HasMetadata o = e.get().object();
                if (e.get().type() == WatchEvent.Type.DELETED && o.getMetadata().getName().startsWith(app)) {
                    gone.add(Long.parseLong(o.getMetadata().getResourceVersion()));
                }
            }
        }
        return gone;
    }
}

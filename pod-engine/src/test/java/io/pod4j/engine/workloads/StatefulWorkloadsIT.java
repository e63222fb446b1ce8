package io.pod4j.engine.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.exception.NotFoundException;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.EngineExtension;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.TestImages;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * StatefulSets, DaemonSets and PersistentVolumeClaims on a real engine. The engine's check after
 * the class: nothing left in Docker, the claims' volumes included.
 */
class StatefulWorkloadsIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static PodEngine engine() {
        return ENGINE.engine();
    }

    private static ObjectStore store() {
        return engine().store();
    }

    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: db
            spec:
              serviceName: db
              replicas: 2
              selector:
                matchLabels: {app: db}
              template:
                metadata:
                  labels: {app: db}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: app
                    image: %s
                    command: [sleep, "3600"]
                    volumeMounts: [{name: data, mountPath: /data}]
                    readinessProbe:
                      exec: {command: ["true"]}
                      periodSeconds: 1
              volumeClaimTemplates:
              - metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Mi}}
            """.formatted(TestImages.BUSYBOX);

    private static boolean ready(Pod p) {
        return p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static PersistentVolumeClaim claim(String name) {
        return store().get(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, "default", name);
    }

    private static boolean dockerVolumeExists(String name) {
        try {
            engine().docker().client().inspectVolumeCmd(name).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static boolean gone(Runnable read) {
        try {
            read.run();
            return false;
        } catch (StoreException e) {
            return e.code() == 404;
        }
    }

    @Test
    void aStatefulSetKeepsItsNamesHostnamesAndVolumesAcrossAPodDeletion() {
        engine().put(new ServiceBuilder().withNewMetadata().withName("db").withNamespace("default").endMetadata()
                .withNewSpec().withClusterIP("None").addToSelector("app", "db").addNewPort().withPort(80).endPort().endSpec()
                .build());
        engine().apply(Manifests.load(STATEFUL_SET));
        await().atMost(WAIT).until(() -> {
            var s = store().get(ResourceTypes.STATEFUL_SETS, "default", "db").getStatus();
            return s != null && s.getReadyReplicas() != null && s.getReadyReplicas() == 2;
        });
        StatefulSet sts = store().get(ResourceTypes.STATEFUL_SETS, "default", "db");
        assertThat(sts.getStatus().getCurrentRevision()).isEqualTo(sts.getStatus().getUpdateRevision()).startsWith("db-");
        assertThat(store().list(ResourceTypes.CONTROLLER_REVISIONS, ListOptions.inNamespace("default")).items())
                .extracting(r -> r.getMetadata().getName()).contains(sts.getStatus().getUpdateRevision());
        PersistentVolumeClaim data1 = claim("data-db-1");
        assertThat(claim("data-db-0").getStatus().getPhase()).isEqualTo("Bound");
        assertThat(data1.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(data1.getSpec().getStorageClassName()).isEqualTo("standard");
        assertThat(dockerVolumeExists("pod4j-" + data1.getSpec().getVolumeName())).isTrue();

        PodHandle db1 = engine().handle("default", "db-1");
        assertThat(db1.exec("app", "sh", "-c", "echo kept > /data/marker").exitCode()).isZero();
        String oldUid = db1.pod().getMetadata().getUid();
        engine().delete("default", "db-1", null);

        await().atMost(WAIT).until(() -> engine().get("default", "db-1")
                .filter(p -> !p.getMetadata().getUid().equals(oldUid) && ready(p)).isPresent());
        PodHandle replacement = engine().handle("default", "db-1");
        assertThat(replacement.exec("app", "cat", "/data/marker").stdout()).isEqualTo("kept\n");
        assertThat(replacement.exec("app", "hostname").stdout().strip()).isEqualTo("db-1");
        assertThat(claim("data-db-1").getMetadata().getUid()).isEqualTo(data1.getMetadata().getUid());
        String ip = replacement.podIP();
        PodHandle db0 = engine().handle("default", "db-0");
        await().atMost(WAIT).untilAsserted(() -> assertThat(db0.exec("app", "nslookup", "db-1.db.default.svc.cluster.local")
                .stdout()).contains(ip));
        // The short name through the pod's resolver and its search path (busybox's nslookup uses none).
        assertThat(db0.exec("app", "ping", "-c", "1", "-W", "2", "db-1.db").stdout()).contains("(" + ip + ")");
    }

    @Test
    void aClaimIsBoundAtOnceAndOutlivesNoPodThatUsesIt() {
        PodHandle user = engine().apply(Manifests.load("""
                apiVersion: v1
                kind: Pod
                metadata: {name: user}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: app, image: %s, command: [sleep, "3600"], volumeMounts: [{name: data, mountPath: /data}]}
                  volumes: [{name: data, persistentVolumeClaim: {claimName: scratch}}]
                """.formatted(TestImages.BUSYBOX))).get(0);
        await().atMost(WAIT).until(() -> user.events().stream().anyMatch(e -> "FailedScheduling".equals(e.getReason())));
        assertThat(user.events()).anySatisfy(e -> assertThat(e.getMessage()).isEqualTo("0/1 nodes are available:"
                + " persistentvolumeclaim \"scratch\" not found. preemption: 0/1 nodes are available: 1 Preemption is not"
                + " helpful for scheduling."));
        assertThat(user.status().getPhase()).isEqualTo("Pending");

        store().create(new PersistentVolumeClaimBuilder().withNewMetadata().withName("scratch").withNamespace("default")
                .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withNewResources().addToRequests("storage", new Quantity("1Mi")).endResources().endSpec().build());
        user.awaitReady(WAIT);
        PersistentVolumeClaim bound = claim("scratch");
        String pv = bound.getSpec().getVolumeName();
        assertThat(bound.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(store().get(ResourceTypes.PERSISTENT_VOLUMES, null, pv).getStatus().getPhase()).isEqualTo("Bound");
        assertThat(dockerVolumeExists("pod4j-" + pv)).isTrue();

        store().delete(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, "default", "scratch", null);
        assertThat(claim("scratch").getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(claim("scratch").getMetadata().getFinalizers()).containsExactly("kubernetes.io/pvc-protection");
        assertThat(user.exec("app", "sh", "-c", "echo still > /data/f && cat /data/f").stdout()).isEqualTo("still\n");

        user.delete();
        await().atMost(WAIT).until(() -> gone(() -> claim("scratch"))
                && gone(() -> store().get(ResourceTypes.PERSISTENT_VOLUMES, null, pv)) && !dockerVolumeExists("pod4j-" + pv));
    }

    @Test
    void aDaemonSetRunsOnePodOnTheNodeAndRespectsItsNodeSelector() {
        engine().apply(Manifests.load("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec:
                      nodeSelector: {kubernetes.io/os: linux}
                      terminationGracePeriodSeconds: 1
                      containers: [{name: app, image: %s, command: [sleep, "3600"]}]
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: nowhere}
                spec:
                  selector: {matchLabels: {app: nowhere}}
                  template:
                    metadata: {labels: {app: nowhere}}
                    spec:
                      nodeSelector: {disk: none}
                      containers: [{name: app, image: %s, command: [sleep, "3600"]}]
                """.formatted(TestImages.BUSYBOX, TestImages.BUSYBOX)));

        await().atMost(WAIT).until(() -> {
            var s = store().get(ResourceTypes.DAEMON_SETS, "default", "agent").getStatus();
            return s != null && s.getNumberReady() != null && s.getNumberReady() == 1;
        });
        List<Pod> agents = store().list(ResourceTypes.PODS, ListOptions.inNamespace("default").withLabelSelector("app=agent"))
                .items();
        assertThat(agents).singleElement().satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(engine().nodeName()));
        DaemonSet agent = store().get(ResourceTypes.DAEMON_SETS, "default", "agent");
        assertThat(agent.getStatus().getDesiredNumberScheduled()).isEqualTo(1);
        assertThat(agent.getStatus().getUpdatedNumberScheduled()).isEqualTo(1);
        await().atMost(WAIT).until(() -> {
            var s = store().get(ResourceTypes.DAEMON_SETS, "default", "nowhere").getStatus();
            return s != null && s.getObservedGeneration() != null;
        });
        assertThat(store().get(ResourceTypes.DAEMON_SETS, "default", "nowhere").getStatus().getDesiredNumberScheduled()).isZero();
        assertThat(store().list(ResourceTypes.PODS, ListOptions.inNamespace("default").withLabelSelector("app=nowhere"))
                .items()).isEmpty();
    }
}

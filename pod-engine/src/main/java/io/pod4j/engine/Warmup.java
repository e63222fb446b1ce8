package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.Watch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a pod's way through an object store once, in a scratch store on a background thread, while
 * the engine's own thread waits for Docker. In a cold JVM the first Pod, Node and Event a store
 * converts cost Jackson's introspection of every fabric8 class they hold (serializers and
 * deserializers, ~700 classes): measured, ~0.8 s between the engine's Docker connection and its first
 * container request, on the thread the user waits on. Done here first, it overlaps the connection;
 * the engine's own store then finds Jackson's caches filled. Once per JVM; nothing of the scratch
 * store is kept, and a failure only means the engine pays that cost itself.
 */
final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private Warmup() {
    }

    /** Starts the warm-up on a daemon thread, unless this JVM had one. */
    static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Warmup::run, "pod4j-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        long start = System.nanoTime();
        try (ObjectStore scratch = ObjectStore.inMemory()) {
            podLifecycle(scratch);
            LOG.debug("warm-up done in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException | InterruptedException e) {
            LOG.debug("warm-up stopped: {}", e.toString());
        }
    }

    /** What the engine asks of its store for one pod: node, create, watch, bind, status, events, delete. */
    private static void podLifecycle(ObjectStore store) throws InterruptedException {
        // Plain setters, not builders: the store's conversions are what is warmed, not classes the engine may not use.
        String now = "2026-01-01T00:00:00Z";
        Node node = new Node();
        node.setMetadata(meta("warmup", null));
        node.getMetadata().setLabels(Map.of("kubernetes.io/os", "linux"));
        NodeStatus nodeStatus = new NodeStatus();
        nodeStatus.setCapacity(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1Gi")));
        nodeStatus.setAddresses(List.of(new NodeAddress("127.0.0.1", "InternalIP")));
        NodeCondition nodeReady = new NodeCondition();
        nodeReady.setType("Ready");
        nodeReady.setStatus("True");
        nodeReady.setLastHeartbeatTime(now);
        nodeStatus.setConditions(List.of(nodeReady));
        NodeSystemInfo info = new NodeSystemInfo();
        info.setArchitecture("amd64");
        nodeStatus.setNodeInfo(info);
        node.setStatus(nodeStatus);
        store.create(node);

        Watch<Pod> watch = store.watch(ResourceTypes.PODS, ListOptions.all());
        Container app = new Container();
        app.setName("app");
        app.setImage("warmup:1");
        app.setCommand(List.of("sh", "-c", "true"));
        app.setEnv(List.of(new EnvVar("A", "1", null)));
        ContainerPort port = new ContainerPort();
        port.setContainerPort(8080);
        app.setPorts(List.of(port));
        ResourceRequirements resources = new ResourceRequirements();
        resources.setLimits(Map.of("memory", new Quantity("64Mi")));
        app.setResources(resources);
        VolumeMount mount = new VolumeMount();
        mount.setName("data");
        mount.setMountPath("/data");
        app.setVolumeMounts(List.of(mount));
        Probe probe = new Probe();
        TCPSocketAction tcp = new TCPSocketAction();
        tcp.setPort(new IntOrString(8080));
        probe.setTcpSocket(tcp);
        app.setReadinessProbe(probe);
        Volume data = new Volume();
        data.setName("data");
        data.setEmptyDir(new EmptyDirVolumeSource());
        PodSpec spec = new PodSpec();
        spec.setContainers(List.of(app));
        spec.setVolumes(List.of(data));
        Pod pod = new Pod();
        pod.setMetadata(meta("warmup", null));
        pod.getMetadata().setLabels(Map.of("app", "warmup"));
        pod.setSpec(spec);
        pod = store.create(pod);
        watch.next(Duration.ZERO);
        String ns = pod.getMetadata().getNamespace();
        String uid = pod.getMetadata().getUid();
        store.bind(ns, "warmup", "warmup");
        store.list(ResourceTypes.PODS, ListOptions.all().withFieldSelector("spec.nodeName=warmup"));

        Pod running = store.get(ResourceTypes.PODS, ns, "warmup");
        PodStatus status = running.getStatus();
        status.setPhase("Running");
        status.setHostIP("127.0.0.1");
        status.setPodIPs(List.of(new PodIP("172.17.0.2")));
        status.setStartTime(now);
        PodCondition ready = new PodCondition();
        ready.setType("Ready");
        ready.setStatus("True");
        ready.setLastTransitionTime(now);
        status.getConditions().add(ready);
        ContainerStatus appStatus = new ContainerStatus();
        appStatus.setName("app");
        appStatus.setReady(true);
        appStatus.setRestartCount(0);
        ContainerState state = new ContainerState();
        state.setRunning(new ContainerStateRunning(now));
        appStatus.setState(state);
        ContainerState last = new ContainerState();
        ContainerStateTerminated exited = new ContainerStateTerminated();
        exited.setExitCode(0);
        exited.setReason("Completed");
        last.setTerminated(exited);
        appStatus.setLastState(last);
        status.setContainerStatuses(List.of(appStatus));
        store.updateStatus(running);
        store.patchStatus(ResourceTypes.PODS, ns, "warmup", PatchType.JSON, "[{\"op\":\"test\",\"path\":\"/metadata/uid\","
                + "\"value\":\"" + uid + "\"},{\"op\":\"add\",\"path\":\"/status/phase\",\"value\":\"Running\"}]");

        Event event = new Event();
        event.setMetadata(meta("warmup.1", ns));
        event.setInvolvedObject(new ObjectReference("v1", null, "Pod", "warmup", ns, null, uid));
        event.setReason("Started");
        event.setMessage("Started container app");
        event.setType("Normal");
        event.setSource(new EventSource("kubelet", "warmup"));
        event.setFirstTimestamp(now);
        event.setLastTimestamp(now);
        event.setCount(1);
        event = store.create(event);
        event.setCount(2);
        store.update(event);
        store.list(ResourceTypes.EVENTS, ListOptions.inNamespace(ns).withFieldSelector("involvedObject.name=warmup"));
        while (watch.next(Duration.ZERO).isPresent()) {
            // Reading them decodes each change, as the kubelet's and the listeners' watches do.
        }
        watch.close();
        DeleteOptions graceful = new DeleteOptions();
        graceful.setGracePeriodSeconds(30L);
        store.delete(ResourceTypes.PODS, ns, "warmup", graceful);
        DeleteOptions confirmed = new DeleteOptions();
        confirmed.setGracePeriodSeconds(0L);
        store.delete(ResourceTypes.PODS, ns, "warmup", confirmed);
    }

    private static ObjectMeta meta(String name, String namespace) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        return meta;
    }
}

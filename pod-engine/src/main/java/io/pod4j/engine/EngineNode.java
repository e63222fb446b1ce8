package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.engine.docker.DockerConnection;
import io.pod4j.engine.runtime.LocalNode;
import io.pod4j.engine.runtime.Scheduling;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The engine's node as the kubelet keeps it: described from what Docker says of its host,
 * registered in the store, labelled by the user, and asked by the scheduler whether a pod fits.
 */
final class EngineNode {

    private final ObjectStore store;
    private final String name;
    private final LocalNode node;
    private final Runnable rescheduleAll;
    private final CompletableFuture<Void> registered = new CompletableFuture<>();

    private EngineNode(ObjectStore store, String name, LocalNode node, Runnable rescheduleAll) {
        this.store = store;
        this.name = name;
        this.node = node;
        this.rescheduleAll = rescheduleAll;
    }

    /**
     * @param address the node's InternalIP (the pod network's gateway)
     * @param stateDir where the node's labels are kept, or null for the default
     * @param rescheduleAll wakes the pods that wait for a matching node
     */
    static EngineNode describe(DockerConnection docker, ObjectStore store, String name, String address, Path stateDir,
            Runnable rescheduleAll) {
        var info = docker.info();
        String arch = info.getArchitecture() == null ? "amd64" : switch (info.getArchitecture()) {
            case "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> info.getArchitecture();
        };
        NodeSystemInfo system = new NodeSystemInfoBuilder()
                .withArchitecture(arch)
                .withOperatingSystem(info.getOsType() == null ? "linux" : info.getOsType())
                .withOsImage(info.getOperatingSystem())
                .withKernelVersion(info.getKernelVersion())
                .withContainerRuntimeVersion(docker.runtimeVersion())
                .withKubeletVersion("pod4j")
                .build();
        Path state = stateDir != null ? stateDir : defaultStateDir();
        LocalNode node = new LocalNode(name, system.getOperatingSystem(), arch,
                info.getNCPU() == null ? Runtime.getRuntime().availableProcessors() : info.getNCPU(),
                info.getMemTotal() == null ? 0 : info.getMemTotal(), system, address, state);
        return new EngineNode(store, name, node, rescheduleAll);
    }

    /** @return the per-user state directory: $POD4J_STATE_DIR, else ~/.pod4j */
    static Path defaultStateDir() {
        String env = System.getenv("POD4J_STATE_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".pod4j");
    }

    /** @return the node as the runtime sees it */
    LocalNode local() {
        return node;
    }

    /**
     * The kubelet registers its node: created, or brought up to date when a kept store has it. Runs
     * on {@code executor}, apart from the engine's start (the store's first write is its costliest
     * in a new JVM); whoever reads the node waits for it.
     */
    void register(Executor executor) {
        try {
            executor.execute(() -> {
                try {
                    registerNow();
                    registered.complete(null);
                } catch (RuntimeException | Error e) {
                    registered.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException closing) {
            registered.completeExceptionally(closing);
        }
    }

    private void registerNow() {
        Node current = node.node();
        try {
            store.create(current);
        } catch (StoreException exists) {
            current.getMetadata().setResourceVersion(null);
            store.update(current);
            store.updateStatus(current);
        }
    }

    /** Waits until the node is in the store; throws what its registration threw. */
    void awaitRegistered() {
        try {
            registered.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** @return the node as the store has it (a copy) */
    Node get() {
        awaitRegistered();
        return store.get(ResourceTypes.NODES, "", name);
    }

    /** Replaces the user's labels (the well-known ones stay); pods waiting for a node are scheduled again. */
    Node label(Map<String, String> labels) {
        Node updated = get();
        updated.getMetadata().setLabels(node.labelsWith(labels));
        updated.getMetadata().setResourceVersion(null);
        Node stored = StoreErrors.call(() -> store.update(updated)); // the store judges the labels first
        node.setUserLabels(labels);
        rescheduleAll.run();
        return stored;
    }

    /** @return why the pod does not fit on the node next to the pods placed there, or null when it fits */
    String unschedulable(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String claims = Scheduling.unboundClaims(pod,
                claim -> io.pod4j.controllers.Stores.find(store, ResourceTypes.PERSISTENT_VOLUME_CLAIMS, ns, claim));
        if (claims != null) {
            return claims;
        }
        List<Pod> placed = new ArrayList<>();
        for (Pod p : store.list(ResourceTypes.PODS, ListOptions.all().withFieldSelector("spec.nodeName=" + name)).items()) {
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if (!p.getMetadata().getUid().equals(pod.getMetadata().getUid())
                    && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
                placed.add(p);
            }
        }
        return Scheduling.unschedulable(pod, get(), placed);
    }
}

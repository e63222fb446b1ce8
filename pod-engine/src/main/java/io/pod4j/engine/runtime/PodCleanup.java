package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a pod made: old container instances as they are replaced, and at the end every
 * container labelled with the pod's uid (also instances the worker lost track of), its sandbox,
 * its volumes and its termination-message files.
 */
final class PodCleanup {

    private static final Logger LOG = LoggerFactory.getLogger(PodCleanup.class);

    private final EngineContext ctx;
    private final ContainerRuntime runtime;
    /** Removals under way on the pool (old instances, failed sandboxes). */
    private final Set<CompletableFuture<Void>> removals = ConcurrentHashMap.newKeySet();

    PodCleanup(EngineContext ctx, ContainerRuntime runtime) {
        this.ctx = ctx;
        this.runtime = runtime;
    }

    /** Removes a container on the pool; the teardown waits for it before it removes the pod's volumes. */
    void removeLater(String id) {
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> {
            RuntimeException refusal = runtime.removeContainer(id);
            if (refusal != null) {
                LOG.warn("cannot remove container {}: {}", id, refusal.getMessage());
            }
        }, ctx.io());
        removals.add(removal);
        removal.whenComplete((done, failure) -> removals.remove(removal));
    }

    /**
     * Removes everything of the pod. The containers it knows go at once, while Docker lists the
     * others (a listing less on the way).
     *
     * @param pod the pod
     * @param known the ids of its containers and sandbox the worker knows
     */
    void removeAll(Pod pod, List<String> known) {
        awaitRemovals(); // a container still being removed is no lost one, and it still holds the pod's volumes
        String uid = pod.getMetadata().getUid();
        CompletableFuture<Set<String>> labelled = CompletableFuture.supplyAsync(() -> runtime.podContainers(uid).keySet(), ctx.io());
        Queue<String> refused = new ConcurrentLinkedQueue<>();
        allAtOnce(known.stream().<Runnable>map(id -> () -> removeOrNote(id, refused)).toList());
        Set<String> listed;
        try {
            listed = labelled.join();
        } catch (CompletionException e) {
            // As if listed here: Docker's own exception, so a daemon that stopped answering is recognized.
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        List<String> lost = listed.stream().filter(id -> !known.contains(id)).toList();
        allAtOnce(lost.stream().<Runnable>map(id -> () -> removeOrNote(id, refused)).toList());
        // Podman refuses to remove a container others joined (the sandbox) while they exist; now they are gone.
        for (String id : refused) {
            RuntimeException refusal = runtime.removeContainer(id);
            if (refusal != null) {
                LOG.warn("cannot remove container {}: {}", id, refusal.getMessage());
            }
        }
        if (Nulls.orEmpty(pod.getSpec().getVolumes()).stream().anyMatch(v -> v.getHostPath() == null)) {
            runtime.removeVolumes(uid); // only spec volumes other than hostPath make Docker volumes
        }
        TerminationMessages.removeAll(pod);
    }

    private void removeOrNote(String id, Queue<String> refused) {
        RuntimeException refusal = runtime.removeContainer(id);
        if (refusal != null) {
            LOG.debug("container {} not removed yet: {}", id, refusal.getMessage());
            refused.add(id);
        }
    }

    private void awaitRemovals() {
        for (CompletableFuture<Void> removal : List.copyOf(removals)) {
            removal.handle((done, failure) -> null).join(); // a failure was logged where it happened
        }
    }

    /**
     * Runs the steps at the same time and waits for all. Not a parallel stream: the common pool has
     * one thread per core less than the machine, so on two cores the third removal waited for the
     * first two, and it was the sandbox's, the slowest.
     */
    private void allAtOnce(List<Runnable> steps) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (Runnable step : steps.subList(Math.min(1, steps.size()), steps.size())) {
            running.add(CompletableFuture.runAsync(step, ctx.io()));
        }
        if (!steps.isEmpty()) {
            steps.get(0).run();
        }
        running.forEach(CompletableFuture::join);
    }
}

package io.pod4j.engine.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The status manager of one pod, as the kubelet's: computes the status from the worker's view
 * ({@link StatusGenerator}) and writes it (through the store's status subresource) when it changed.
 */
public final class StatusManager {

    private final Consumer<Pod> writer;
    private PodStatus last;
    private Map<String, PodActions.Waiting> waiting = Map.of();

    /** @param writer writes a pod's status to the store */
    public StatusManager(Consumer<Pod> writer) {
        this.writer = writer;
    }

    /**
     * @param pod the pod
     * @param view what the worker knows of it
     * @param plan the last plan (why containers wait), or null to keep the last one's reasons
     * @param force write even when nothing changed
     * @return the status
     */
    public synchronized PodStatus update(Pod pod, PodView view, PodActions plan, boolean force) {
        if (plan != null) {
            waiting = plan.waiting();
        }
        return write(pod, StatusGenerator.generate(pod, view, waiting, previous(), Instant.now()), force);
    }

    /**
     * @param pod a pod the scheduler has not placed
     * @param why the scheduler's message, or empty before it decided
     * @return the status
     */
    public synchronized PodStatus unscheduled(Pod pod, String why) {
        return write(pod, StatusGenerator.unscheduled(pod, why, previous(), Instant.now()), false);
    }

    /**
     * Writes a new pod's first status, as an unscheduled pod's, when no status was written yet: a
     * sync that got there first wrote a newer view, and an older one must not replace it.
     *
     * @param pod a pod just created
     */
    public synchronized void first(Pod pod) {
        if (last == null) {
            write(pod, StatusGenerator.unscheduled(pod, "", List.of(), Instant.now()), false);
        }
    }

    /** @return the status written last, or null */
    public synchronized PodStatus last() {
        return last;
    }

    private List<PodCondition> previous() {
        return last == null || last.getConditions() == null ? List.of() : last.getConditions();
    }

    private PodStatus write(Pod pod, PodStatus status, boolean force) {
        if (force || !status.equals(last)) {
            last = status;
            writer.accept(new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(), status));
        }
        return status;
    }
}

package io.pod4j.engine.kubelet;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The next steps for one pod, as the kubelet's {@code podActions}: what one look at the pod
 * decided; the worker carries them out through the runtime and plans again when something changed.
 *
 * @param createSandbox create (or replace) the pod's sandbox
 * @param removePod everything has stopped: remove the pod's containers, sandbox and volumes
 * @param start containers to start, in this order
 * @param kill containers to stop
 * @param fail the pod fails now for this reason (the kubelet's own decision), or null
 * @param waiting why containers that do not run wait, by name, as their status shows it
 * @param wakeAtNanos when to look again if nothing else happens, or {@link Long#MAX_VALUE}
 */
public record PodActions(
        boolean createSandbox,
        boolean removePod,
        List<String> start,
        List<Kill> kill,
        Failure fail,
        Map<String, Waiting> waiting,
        long wakeAtNanos) {

    public PodActions {
        start = List.copyOf(start);
        kill = List.copyOf(kill);
        waiting = Map.copyOf(waiting);
    }

    /**
     * A container to stop: its preStop hook, then SIGTERM, then SIGKILL when the grace period ends.
     *
     * @param container its name
     * @param message the Killing event's message
     * @param grace how long it may take
     * @param restart start it again at once when it ended (its definition changed)
     */
    public record Kill(String container, String message, Duration grace, boolean restart) {
    }

    /**
     * The kubelet fails the pod.
     *
     * @param reason status.reason
     * @param message status.message
     */
    public record Failure(String reason, String message) {
    }

    /**
     * Why a container waits.
     *
     * @param reason the waiting reason
     * @param message its message, or null
     */
    public record Waiting(String reason, String message) {
    }
}

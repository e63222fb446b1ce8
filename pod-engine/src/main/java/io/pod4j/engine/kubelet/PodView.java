package io.pod4j.engine.kubelet;

import java.time.Instant;
import java.util.List;

/**
 * What the worker knows of its pod at one moment: the sandbox, every container (init containers
 * and sidecars in spec order, then app containers), deletion and the facts the kubelet itself
 * decided before (a pod it failed). Times ending in {@code Nanos} are monotonic.
 *
 * @param sandbox where the sandbox (infra container) is
 * @param sandboxAttempt which sandbox the pod has now (counted from 0; a new one after the last died)
 * @param sandboxRetryAtNanos when a failed sandbox may be tried again
 * @param sandboxMessage why the last sandbox failed, or null
 * @param startNanos when the pod started on the node (its first sandbox ran), or null
 * @param startTime the same, as status.startTime
 * @param podIP the pod's IP, or null
 * @param hostIP the node's IP, or null
 * @param deleting the store marked the pod deleted
 * @param graceDeadlineNanos when the deletion's grace period ends (meaningful while deleting)
 * @param graceZero the deletion has no grace period: everything is removed at once
 * @param failedReason the reason the kubelet failed the pod with ({@code DeadlineExceeded}), or null
 * @param failedMessage its message
 * @param unreachable why Docker does not answer, or null when it answered last time
 * @param inits the init containers and sidecars, in spec order
 * @param apps the app containers, in spec order
 * @param ephemerals the ephemeral containers (kubectl debug's), in spec order: never restarted, never
 *     probed, no part of the pod's phase or readiness
 */
public record PodView(
        Sandbox sandbox,
        int sandboxAttempt,
        long sandboxRetryAtNanos,
        String sandboxMessage,
        Long startNanos,
        Instant startTime,
        String podIP,
        String hostIP,
        boolean deleting,
        long graceDeadlineNanos,
        boolean graceZero,
        String failedReason,
        String failedMessage,
        String unreachable,
        List<ContainerView> inits,
        List<ContainerView> apps,
        List<ContainerView> ephemerals) {

    /** Where the pod's sandbox is. */
    public enum Sandbox {
        /** None yet, or the last one failed to start (see the retry time). */
        NONE,
        /** Running; containers may join it. */
        READY,
        /** It was running and died (a Docker restart, a kill from outside): it must be replaced. */
        DEAD
    }

    public PodView {
        inits = List.copyOf(inits);
        apps = List.copyOf(apps);
        ephemerals = List.copyOf(ephemerals);
    }

    /** A view of a pod without ephemeral containers. */
    public PodView(Sandbox sandbox, int sandboxAttempt, long sandboxRetryAtNanos, String sandboxMessage, Long startNanos,
            Instant startTime, String podIP, String hostIP, boolean deleting, long graceDeadlineNanos, boolean graceZero,
            String failedReason, String failedMessage, String unreachable, List<ContainerView> inits, List<ContainerView> apps) {
        this(sandbox, sandboxAttempt, sandboxRetryAtNanos, sandboxMessage, startNanos, startTime, podIP, hostIP, deleting,
                graceDeadlineNanos, graceZero, failedReason, failedMessage, unreachable, inits, apps, List.of());
    }
}

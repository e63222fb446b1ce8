package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What controllers read from a Pod's status, as kubernetes/pkg/api/v1/pod and the controller utilities read it. */
public final class PodStates {

    private PodStates() {
    }

    /** @return whether the pod counts for its controller: not Succeeded, not Failed, not being deleted */
    public static boolean isActive(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase) && !isTerminating(pod);
    }

    /** @return whether the pod carries a deletionTimestamp */
    public static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** @return the pod's Ready condition, if it has one with status True */
    public static Optional<PodCondition> ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    public static boolean isReady(Pod pod) {
        return ready(pod).isPresent();
    }

    /**
     * @return whether the pod has been Ready for minReadySeconds ({@code IsPodAvailable}); with 0,
     *     whether it is Ready
     */
    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        return availableAt(pod, minReadySeconds).map(t -> !t.isAfter(now)).orElse(false);
    }

    /** @return when a Ready pod becomes (or became) available; empty when it is not Ready */
    public static Optional<Instant> availableAt(Pod pod, int minReadySeconds) {
        return ready(pod).map(c -> {
            if (minReadySeconds == 0 || c.getLastTransitionTime() == null) {
                return Instant.EPOCH;
            }
            return Instant.parse(c.getLastTransitionTime()).plus(Duration.ofSeconds(minReadySeconds));
        });
    }

    /**
     * @return how long until the first of the Ready pods not yet available becomes so, a little
     *     after, for a controller to look again then (no change announces it); empty when none waits
     */
    public static Optional<Duration> nextAvailable(java.util.List<Pod> pods, int minReadySeconds, Instant now) {
        if (minReadySeconds == 0) {
            return Optional.empty();
        }
        return pods.stream().map(p -> availableAt(p, minReadySeconds)).flatMap(Optional::stream)
                .filter(t -> t.isAfter(now)).min(Instant::compareTo)
                .map(t -> Duration.between(now, t).plusMillis(10));
    }

    /** @return the pod's phase, "Pending" when it has none yet */
    public static String phase(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return phase == null ? "Pending" : phase;
    }

    /** @return the restarts of the pod's containers, summed */
    public static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount()).sum();
    }
}

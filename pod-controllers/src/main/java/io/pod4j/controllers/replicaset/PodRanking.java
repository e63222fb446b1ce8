package io.pod4j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.controllers.PodStates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Which pods a ReplicaSet scaling down deletes first, as the controller's {@code ActivePods}
 * ordering: unscheduled before scheduled; Pending, then Unknown, then Running; not Ready before
 * Ready; a lower {@code controller.kubernetes.io/pod-deletion-cost} first; Ready for less time
 * first; more restarts first; newer first.
 */
final class PodRanking {

    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private static final Map<String, Integer> PHASES = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    private PodRanking() {
    }

    static List<Pod> toDelete(List<Pod> pods, int count) {
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(ORDER);
        return List.copyOf(sorted.subList(0, Math.min(count, sorted.size())));
    }

    static final Comparator<Pod> ORDER = Comparator
            .comparing((Pod p) -> isScheduled(p))
            .thenComparing(p -> PHASES.getOrDefault(PodStates.phase(p), 2))
            .thenComparing(PodStates::isReady)
            .thenComparing(PodRanking::deletionCost)
            .thenComparing(PodRanking::readySince, Comparator.reverseOrder())
            .thenComparing(PodStates::restarts, Comparator.reverseOrder())
            .thenComparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp(),
                    Comparator.reverseOrder());

    private static boolean isScheduled(Pod p) {
        return p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty();
    }

    private static int deletionCost(Pod p) {
        Map<String, String> a = p.getMetadata().getAnnotations();
        try {
            return a == null || !a.containsKey(DELETION_COST) ? 0 : Integer.parseInt(a.get(DELETION_COST));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String readySince(Pod p) {
        return PodStates.ready(p).map(c -> c.getLastTransitionTime() == null ? "" : c.getLastTransitionTime()).orElse("");
    }
}

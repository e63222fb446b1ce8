package io.pod4j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.controllers.PodStates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ReplicaSet controller's decision ({@code syncReplicaSet}), pure: the ReplicaSet and the pods
 * of its namespace → which pods it adopts and releases (by its selector and the pods'
 * ownerReferences), how many pods to create or which to delete, and its status.
 */
public final class ReplicaSetPlanner {

    private ReplicaSetPlanner() {
    }

    /**
     * @param rs the ReplicaSet as stored
     * @param pods the pods of its namespace
     * @param now the time availability is judged at
     */
    public static ReplicaSetPlan plan(ReplicaSet rs, List<Pod> pods, Instant now) {
        String uid = rs.getMetadata().getUid();
        boolean deleting = rs.getMetadata().getDeletionTimestamp() != null;
        LabelSelector selector = LabelSelector.of(rs.getSpec().getSelector());
        List<Pod> owned = new ArrayList<>();
        List<Pod> adopt = new ArrayList<>();
        List<Pod> release = new ArrayList<>();
        for (Pod pod : pods) {
            if (!PodStates.isActive(pod)) {
                continue;
            }
            OwnerReference ref = OwnerRefs.controllerOf(pod);
            boolean matches = selector.matches(labels(pod));
            if (ref != null) {
                if (!uid.equals(ref.getUid())) {
                    continue; // another controller's
                }
                if (matches) {
                    owned.add(pod);
                } else {
                    release.add(pod);
                }
            } else if (matches && !deleting) {
                adopt.add(pod);
                owned.add(pod);
            }
        }
        int replicas = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int diff = owned.size() - replicas;
        int create = 0;
        List<Pod> delete = List.of();
        if (!deleting) {
            if (diff < 0) {
                create = -diff;
            } else if (diff > 0) {
                delete = PodRanking.toDelete(owned, diff);
            }
        }
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        ReplicaSetStatus status = status(rs, owned, minReady, now);
        return new ReplicaSetPlan(adopt, release, create, delete, status, recheck(owned, minReady, now));
    }

    private static ReplicaSetStatus status(ReplicaSet rs, List<Pod> owned, int minReady, Instant now) {
        Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata() == null ? null
                : rs.getSpec().getTemplate().getMetadata().getLabels();
        LabelSelector fullyLabeled = LabelSelector.ofLabels(templateLabels == null ? Map.of() : templateLabels);
        ReplicaSetStatus s = new ReplicaSetStatus();
        s.setReplicas(owned.size());
        s.setFullyLabeledReplicas((int) owned.stream().filter(p -> fullyLabeled.matches(labels(p))).count());
        s.setReadyReplicas((int) owned.stream().filter(PodStates::isReady).count());
        s.setAvailableReplicas((int) owned.stream().filter(p -> PodStates.isAvailable(p, minReady, now)).count());
        s.setObservedGeneration(rs.getMetadata().getGeneration());
        ReplicaSetStatus old = rs.getStatus();
        if (old != null && old.getConditions() != null) {
            s.setConditions(new ArrayList<>(old.getConditions()));
        }
        return s;
    }

    /** A Ready pod not yet available becomes so at a known time, with no change to announce it. */
    private static Optional<Duration> recheck(List<Pod> owned, int minReady, Instant now) {
        if (minReady == 0) {
            return Optional.empty();
        }
        return owned.stream().map(p -> PodStates.availableAt(p, minReady)).flatMap(Optional::stream)
                .filter(t -> t.isAfter(now)).min(Instant::compareTo)
                .map(t -> Duration.between(now, t).plusMillis(10));
    }

    private static Map<String, String> labels(Pod pod) {
        Map<String, String> l = pod.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }
}

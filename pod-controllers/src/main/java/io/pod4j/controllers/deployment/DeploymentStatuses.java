package io.pod4j.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status and conditions as the deployment controller writes them
 * ({@code calculateStatus}, {@code syncRolloutStatus}, {@code checkPausedConditions}), with its
 * reasons and messages: Available ({@code MinimumReplicasAvailable}/{@code MinimumReplicasUnavailable})
 * and Progressing ({@code NewReplicaSetCreated}, {@code FoundNewReplicaSet}, {@code ReplicaSetUpdated},
 * {@code NewReplicaSetAvailable}, {@code ProgressDeadlineExceeded}, {@code DeploymentPaused},
 * {@code DeploymentResumed}).
 */
final class DeploymentStatuses {

    private DeploymentStatuses() {
    }

    static String time(Instant now) {
        return DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    }

    static DeploymentCondition condition(String type, String status, String reason, String message, Instant now) {
        DeploymentCondition c = new DeploymentCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastUpdateTime(time(now));
        c.setLastTransitionTime(time(now));
        return c;
    }

    static Optional<DeploymentCondition> get(DeploymentStatus s, String type) {
        return s.getConditions() == null ? Optional.empty()
                : s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** {@code SetDeploymentCondition}: same status and reason changes nothing; same status keeps the transition time. */
    static void set(DeploymentStatus s, DeploymentCondition c) {
        Optional<DeploymentCondition> current = get(s, c.getType());
        if (current.isPresent() && current.get().getStatus().equals(c.getStatus()) && current.get().getReason().equals(c.getReason())) {
            return;
        }
        if (current.isPresent() && current.get().getStatus().equals(c.getStatus())) {
            c.setLastTransitionTime(current.get().getLastTransitionTime());
        }
        remove(s, c.getType());
        List<DeploymentCondition> all = s.getConditions() == null ? new ArrayList<>() : new ArrayList<>(s.getConditions());
        all.add(c);
        s.setConditions(all);
    }

    static void remove(DeploymentStatus s, String type) {
        if (s.getConditions() != null) {
            List<DeploymentCondition> all = new ArrayList<>(s.getConditions());
            all.removeIf(c -> type.equals(c.getType()));
            s.setConditions(all);
        }
    }

    /** {@code calculateStatus}: counts from the ReplicaSets' statuses, and the Available condition. */
    static DeploymentStatus calculate(Deployment d, List<ReplicaSet> all, ReplicaSet newRS, Instant now) {
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        DeploymentStatus s = new DeploymentStatus();
        int available = Rollouts.availableReplicas(all);
        s.setObservedGeneration(d.getMetadata().getGeneration());
        s.setReplicas(Rollouts.statusReplicas(all));
        s.setUpdatedReplicas(newRS == null ? 0 : Rollouts.statusReplicas(List.of(newRS)));
        s.setReadyReplicas(Rollouts.readyReplicas(all));
        s.setAvailableReplicas(available);
        s.setUnavailableReplicas(Math.max(0, Rollouts.replicas(d) - available));
        s.setCollisionCount(old.getCollisionCount());
        s.setConditions(old.getConditions() == null ? null
                : old.getConditions().stream().map(c -> new DeploymentConditionBuilder(c).build()).toList());
        if (available >= Rollouts.replicas(d) - Rollouts.maxUnavailable(d)) {
            set(s, condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now));
        } else {
            set(s, condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));
        }
        return zeroesAsAbsent(s);
    }

    /** The API server leaves out zero counts (omitempty): a status read back compares equal. */
    private static DeploymentStatus zeroesAsAbsent(DeploymentStatus s) {
        if (Integer.valueOf(0).equals(s.getReplicas())) {
            s.setReplicas(null);
        }
        if (Integer.valueOf(0).equals(s.getUpdatedReplicas())) {
            s.setUpdatedReplicas(null);
        }
        if (Integer.valueOf(0).equals(s.getReadyReplicas())) {
            s.setReadyReplicas(null);
        }
        if (Integer.valueOf(0).equals(s.getAvailableReplicas())) {
            s.setAvailableReplicas(null);
        }
        if (Integer.valueOf(0).equals(s.getUnavailableReplicas())) {
            s.setUnavailableReplicas(null);
        }
        return s;
    }

    static int n(Integer i) {
        return i == null ? 0 : i;
    }

    /** {@code DeploymentComplete}. */
    static boolean complete(Deployment d, DeploymentStatus s) {
        int want = Rollouts.replicas(d);
        return n(s.getUpdatedReplicas()) == want && n(s.getReplicas()) == want && n(s.getAvailableReplicas()) == want
                && s.getObservedGeneration() != null && s.getObservedGeneration() >= d.getMetadata().getGeneration();
    }

    /** {@code DeploymentProgressing}: more updated, fewer old, more ready or more available pods than before. */
    static boolean progressing(DeploymentStatus old, DeploymentStatus now) {
        int oldOld = n(old.getReplicas()) - n(old.getUpdatedReplicas());
        int newOld = n(now.getReplicas()) - n(now.getUpdatedReplicas());
        return n(now.getUpdatedReplicas()) > n(old.getUpdatedReplicas()) || newOld < oldOld
                || n(now.getReadyReplicas()) > n(old.getReadyReplicas())
                || n(now.getAvailableReplicas()) > n(old.getAvailableReplicas());
    }

    /** {@code DeploymentTimedOut}: the Progressing condition not updated for progressDeadlineSeconds. */
    static boolean timedOut(Deployment d, DeploymentStatus s, Instant now) {
        Optional<DeploymentCondition> c = get(s, "Progressing");
        if (c.isEmpty() || "NewReplicaSetAvailable".equals(c.get().getReason())) {
            return false;
        }
        if ("ProgressDeadlineExceeded".equals(c.get().getReason())) {
            return true;
        }
        return deadline(d, c.get()).isBefore(now);
    }

    private static Instant deadline(Deployment d, DeploymentCondition c) {
        return Instant.parse(c.getLastUpdateTime()).plusSeconds(d.getSpec().getProgressDeadlineSeconds());
    }

    /**
     * {@code syncRolloutStatus}: the Progressing condition from the rollout's progress, and the
     * ReplicaSets' failures.
     *
     * @return the new status, and when to look again for the progress deadline
     */
    static Optional<Duration> rollout(Deployment d, DeploymentStatus s, List<ReplicaSet> all, ReplicaSet newRS, Instant now) {
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        boolean hasDeadline = d.getSpec().getProgressDeadlineSeconds() != null
                && d.getSpec().getProgressDeadlineSeconds() != Integer.MAX_VALUE;
        if (!hasDeadline) {
            remove(s, "Progressing");
        }
        Optional<DeploymentCondition> current = get(old, "Progressing");
        boolean completeBefore = n(s.getReplicas()) == n(s.getUpdatedReplicas()) && current.isPresent()
                && "NewReplicaSetAvailable".equals(current.get().getReason());
        String rsName = newRS == null ? "" : newRS.getMetadata().getName();
        if (hasDeadline && !completeBefore) {
            if (complete(d, s)) {
                set(s, condition("Progressing", "True", "NewReplicaSetAvailable",
                        "ReplicaSet \"" + rsName + "\" has successfully progressed.", now));
            } else if (progressing(old, s)) {
                DeploymentCondition c = condition("Progressing", "True", "ReplicaSetUpdated",
                        "ReplicaSet \"" + rsName + "\" is progressing.", now);
                if (current.isPresent()) {
                    if ("True".equals(current.get().getStatus())) {
                        c.setLastTransitionTime(current.get().getLastTransitionTime());
                    }
                    remove(s, "Progressing");
                }
                set(s, c);
            } else if (timedOut(d, s, now)) {
                set(s, condition("Progressing", "False", "ProgressDeadlineExceeded",
                        "ReplicaSet \"" + rsName + "\" has timed out progressing.", now));
            }
        }
        Optional<ReplicaSetCondition> failure = replicaFailure(all, newRS);
        if (failure.isPresent()) {
            set(s, condition("ReplicaFailure", failure.get().getStatus(), failure.get().getReason(), failure.get().getMessage(), now));
        } else {
            remove(s, "ReplicaFailure");
        }
        if (s.getConditions() != null && s.getConditions().isEmpty()) {
            s.setConditions(null);
        }
        // requeueStuckDeployment: look again when the deadline would pass.
        Optional<DeploymentCondition> progress = get(s, "Progressing");
        if (!hasDeadline || progress.isEmpty() || complete(d, s)
                || List.of("NewReplicaSetAvailable", "ProgressDeadlineExceeded").contains(progress.get().getReason())) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, deadline(d, progress.get())).plusSeconds(1);
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    private static Optional<ReplicaSetCondition> replicaFailure(List<ReplicaSet> all, ReplicaSet newRS) {
        List<ReplicaSet> order = new ArrayList<>();
        if (newRS != null) {
            order.add(newRS);
        }
        all.stream().filter(rs -> rs != newRS).forEach(order::add);
        for (ReplicaSet rs : order) {
            if (rs.getStatus() != null && rs.getStatus().getConditions() != null) {
                for (ReplicaSetCondition c : rs.getStatus().getConditions()) {
                    if ("ReplicaFailure".equals(c.getType())) {
                        return Optional.of(c);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** {@code checkPausedConditions}: Progressing Unknown with DeploymentPaused, then DeploymentResumed. */
    static boolean paused(Deployment d, Instant now) {
        if (d.getSpec().getProgressDeadlineSeconds() == null) {
            return false;
        }
        DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        d.setStatus(s);
        Optional<DeploymentCondition> c = get(s, "Progressing");
        if (c.isPresent() && "ProgressDeadlineExceeded".equals(c.get().getReason())) {
            return false;
        }
        boolean pausedNow = c.isPresent() && "DeploymentPaused".equals(c.get().getReason());
        boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
        if (paused && !pausedNow) {
            set(s, condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", now));
            return true;
        }
        if (!paused && pausedNow) {
            set(s, condition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", now));
            return true;
        }
        return false;
    }
}

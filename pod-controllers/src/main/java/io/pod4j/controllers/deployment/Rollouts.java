package io.pod4j.controllers.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Collection;
import java.util.Map;

/** The arithmetic of a rollout, as the deployment controller's utilities do it ({@code deployment/util}). */
final class Rollouts {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";

    private Rollouts() {
    }

    static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
    }

    static boolean isRollingUpdate(Deployment d) {
        return "RollingUpdate".equals(d.getSpec().getStrategy().getType());
    }

    /** {@code ResolveFenceposts}: surge rounded up, unavailable down; both 0 would stall, so unavailable is then 1. */
    static int[] fenceposts(Deployment d) {
        var r = d.getSpec().getStrategy().getRollingUpdate();
        int desired = replicas(d);
        int surge = scaled(r == null ? null : r.getMaxSurge(), desired, true);
        int unavailable = scaled(r == null ? null : r.getMaxUnavailable(), desired, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new int[] {surge, unavailable};
    }

    static int maxSurge(Deployment d) {
        return isRollingUpdate(d) ? fenceposts(d)[0] : 0;
    }

    static int maxUnavailable(Deployment d) {
        if (!isRollingUpdate(d) || replicas(d) == 0) {
            return 0;
        }
        return Math.min(fenceposts(d)[1], replicas(d));
    }

    /** {@code GetScaledValueFromIntOrPercent}. */
    static int scaled(IntOrString v, int total, boolean roundUp) {
        if (v == null) {
            return 0;
        }
        if (v.getStrVal() == null) {
            return v.getIntVal() == null ? 0 : v.getIntVal();
        }
        int percent = Integer.parseInt(v.getStrVal().substring(0, v.getStrVal().length() - 1));
        double value = percent * total / 100.0;
        return (int) (roundUp ? Math.ceil(value) : Math.floor(value));
    }

    static int specReplicas(Collection<ReplicaSet> sets) {
        return sets.stream().mapToInt(Rollouts::replicas).sum();
    }

    static int statusReplicas(Collection<ReplicaSet> sets) {
        return sets.stream().mapToInt(rs -> rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0
                : rs.getStatus().getReplicas()).sum();
    }

    static int readyReplicas(Collection<ReplicaSet> sets) {
        return sets.stream().mapToInt(rs -> rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0
                : rs.getStatus().getReadyReplicas()).sum();
    }

    static int availableReplicas(Collection<ReplicaSet> sets) {
        return sets.stream().mapToInt(Rollouts::available).sum();
    }

    static int available(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0 : rs.getStatus().getAvailableReplicas();
    }

    /** {@code NewRSNewReplicas}: how far the new ReplicaSet may grow now. */
    static int newReplicaSetReplicas(Deployment d, Collection<ReplicaSet> all, ReplicaSet newRS) {
        if (!isRollingUpdate(d)) {
            return replicas(d);
        }
        int current = specReplicas(all);
        int maxTotal = replicas(d) + maxSurge(d);
        if (current >= maxTotal) {
            return replicas(newRS);
        }
        int up = Math.min(maxTotal - current, replicas(d) - replicas(newRS));
        return replicas(newRS) + up;
    }

    /** {@code GetProportion}: a ReplicaSet's share of a scaling, bounded by what is left to add or remove. */
    static int proportion(ReplicaSet rs, Deployment d, int toAdd, int added, int deploymentStatusReplicas) {
        if (toAdd == 0) {
            return 0;
        }
        int fraction = fraction(rs, d, deploymentStatusReplicas);
        int allowed = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
    }

    private static int fraction(ReplicaSet rs, Deployment d, int deploymentStatusReplicas) {
        if (replicas(d) == 0) {
            return -replicas(rs);
        }
        int deploymentReplicas = replicas(d) + maxSurge(d);
        Integer annotated = intAnnotation(rs, MAX_REPLICAS);
        int base = annotated != null ? annotated : deploymentStatusReplicas;
        if (base == 0) {
            return 0;
        }
        double size = (double) replicas(rs) * deploymentReplicas / base;
        return (int) Math.round(size) - replicas(rs);
    }

    static Integer intAnnotation(ReplicaSet rs, String key) {
        Map<String, String> a = rs.getMetadata().getAnnotations();
        if (a == null || !a.containsKey(key)) {
            return null;
        }
        try {
            return Integer.parseInt(a.get(key));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static long revision(ReplicaSet rs) {
        Map<String, String> a = rs.getMetadata().getAnnotations();
        try {
            return a == null || !a.containsKey(REVISION) ? 0 : Long.parseLong(a.get(REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

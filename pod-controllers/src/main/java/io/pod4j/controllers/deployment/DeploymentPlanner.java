package io.pod4j.controllers.deployment;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.pod4j.api.build.Copies;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.store.ResourceTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deployment controller's decision ({@code syncDeployment}), pure: the Deployment, the
 * ReplicaSets and pods of its namespace, and the time → the ReplicaSet writes of one step of the
 * rollout, and the Deployment's status. Each sync takes one step (create the new ReplicaSet, scale
 * it up, or scale old ones down) and the next change of a ReplicaSet's status brings the next;
 * a paused Deployment or a change of replicas is only scaled, proportionally.
 */
public final class DeploymentPlanner {

    private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            Rollouts.REVISION, Rollouts.REVISION_HISTORY, Rollouts.DESIRED_REPLICAS, Rollouts.MAX_REPLICAS,
            "deprecated.deployment.rollback.to");

    private final Deployment d;
    private final Instant now;
    private final List<DeploymentAction> actions = new ArrayList<>();
    private final List<ReplicaSet> owned = new ArrayList<>();

    private DeploymentPlanner(Deployment d, Instant now) {
        this.d = Copies.of(d);
        if (this.d.getMetadata().getAnnotations() == null) {
            this.d.getMetadata().setAnnotations(new LinkedHashMap<>());
        }
        this.now = now;
    }

    /**
     * @param deployment the Deployment as stored
     * @param replicaSets the ReplicaSets of its namespace
     * @param pods the pods of its namespace (Recreate waits for the old ones to be gone)
     * @param now the time conditions are stamped and deadlines judged with
     */
    public static DeploymentPlan plan(Deployment deployment, List<ReplicaSet> replicaSets, List<Pod> pods, Instant now) {
        return new DeploymentPlanner(deployment, now).sync(replicaSets, pods);
    }

    private DeploymentPlan sync(List<ReplicaSet> replicaSets, List<Pod> pods) {
        claim(replicaSets);
        if (d.getMetadata().getDeletionTimestamp() != null) {
            ReplicaSet newRS = findNew(owned);
            return done(DeploymentStatuses.calculate(d, owned, newRS, now), Optional.empty());
        }
        DeploymentStatuses.paused(d, now);
        if (Boolean.TRUE.equals(d.getSpec().getPaused()) || isScalingEvent()) {
            return scaleOnly();
        }
        return Rollouts.isRollingUpdate(d) ? rollingUpdate() : recreate(pods);
    }

    // ---------------------------------------------------------------- claiming

    private void claim(List<ReplicaSet> replicaSets) {
        String uid = d.getMetadata().getUid();
        io.pod4j.api.selector.LabelSelector selector = io.pod4j.api.selector.LabelSelector.of(d.getSpec().getSelector());
        boolean deleting = d.getMetadata().getDeletionTimestamp() != null;
        for (ReplicaSet rs : replicaSets) {
            OwnerReference ref = OwnerRefs.controllerOf(rs);
            Map<String, String> labels = rs.getMetadata().getLabels() == null ? Map.of() : rs.getMetadata().getLabels();
            boolean matches = selector.matches(labels);
            if (ref != null) {
                if (!uid.equals(ref.getUid())) {
                    continue;
                }
                if (matches) {
                    owned.add(Copies.of(rs));
                } else {
                    actions.add(new DeploymentAction.Release(rs));
                }
            } else if (matches && !deleting && rs.getMetadata().getDeletionTimestamp() == null) {
                actions.add(new DeploymentAction.Adopt(rs));
                owned.add(Copies.of(rs));
            }
        }
        owned.sort(BY_CREATION);
    }

    private static final Comparator<ReplicaSet> BY_CREATION = Comparator
            .comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp() == null ? "~"
                    : rs.getMetadata().getCreationTimestamp())
            .thenComparing(rs -> rs.getMetadata().getName());

    // ---------------------------------------------------------------- the new ReplicaSet

    private ReplicaSet findNew(List<ReplicaSet> sets) {
        return sets.stream().filter(rs -> TemplateHash.sameTemplate(d.getSpec().getTemplate(), rs.getSpec().getTemplate()))
                .findFirst().orElse(null);
    }

    private List<ReplicaSet> olds(ReplicaSet newRS) {
        return owned.stream().filter(rs -> rs != newRS).toList();
    }

    /** {@code getNewReplicaSet}: the existing one brought up to date (revision, minReadySeconds), or a new one. */
    private ReplicaSet newReplicaSet(boolean create) {
        ReplicaSet existing = findNew(owned);
        long maxOld = olds(existing).stream().mapToLong(Rollouts::revision).max().orElse(0);
        String newRevision = Long.toString(maxOld + 1);
        if (existing != null) {
            boolean changed = setNewAnnotations(existing, newRevision, true);
            Integer minReady = d.getSpec().getMinReadySeconds();
            if (!java.util.Objects.equals(nz(existing.getSpec().getMinReadySeconds()), nz(minReady))) {
                existing.getSpec().setMinReadySeconds(minReady);
                changed = true;
            }
            if (changed) {
                actions.add(new DeploymentAction.Update(Copies.of(existing)));
            }
            d.getMetadata().getAnnotations().put(Rollouts.REVISION, existing.getMetadata().getAnnotations().get(Rollouts.REVISION));
            if (d.getSpec().getProgressDeadlineSeconds() != null
                    && DeploymentStatuses.get(status(), "Progressing").isEmpty()) {
                DeploymentStatuses.set(status(), DeploymentStatuses.condition("Progressing", "True", "FoundNewReplicaSet",
                        "Found new replica set \"" + existing.getMetadata().getName() + "\"", now));
            }
            return existing;
        }
        if (!create) {
            return null;
        }
        Integer collisions = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
        String hash = TemplateHash.of(d.getSpec().getTemplate(), collisions);
        PodTemplateSpec template = Copies.of(d.getSpec().getTemplate());
        Map<String, String> templateLabels = new LinkedHashMap<>(template.getMetadata() == null
                || template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels());
        templateLabels.put(TemplateHash.LABEL, hash);
        if (template.getMetadata() == null) {
            template.setMetadata(new ObjectMeta());
        }
        template.getMetadata().setLabels(templateLabels);
        LabelSelector selector = Copies.of(d.getSpec().getSelector());
        Map<String, String> matchLabels = new LinkedHashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
        matchLabels.put(TemplateHash.LABEL, hash);
        selector.setMatchLabels(matchLabels);
        ReplicaSet rs = new ReplicaSetBuilder()
                .withNewMetadata()
                        .withName(d.getMetadata().getName() + "-" + hash)
                        .withNamespace(d.getMetadata().getNamespace())
                        .withLabels(new LinkedHashMap<>(templateLabels))
                        .withOwnerReferences(OwnerRefs.controllerRef(ResourceTypes.DEPLOYMENTS, d))
                        .withAnnotations(new LinkedHashMap<>())
                .endMetadata()
                .withNewSpec()
                        .withReplicas(0)
                        .withMinReadySeconds(d.getSpec().getMinReadySeconds())
                        .withSelector(selector)
                        .withTemplate(template)
                .endSpec().build();
        List<ReplicaSet> all = new ArrayList<>(owned);
        all.add(rs);
        int replicas = Rollouts.newReplicaSetReplicas(d, all, rs);
        rs.getSpec().setReplicas(replicas);
        setNewAnnotations(rs, newRevision, false);
        actions.add(new DeploymentAction.Create(Copies.of(rs)));
        if (replicas > 0) {
            event("Scaled up replica set " + rs.getMetadata().getName() + " to " + replicas + " from 0");
        }
        owned.add(rs);
        d.getMetadata().getAnnotations().put(Rollouts.REVISION, newRevision);
        DeploymentStatuses.set(status(), DeploymentStatuses.condition("Progressing", "True", "NewReplicaSetCreated",
                "Created new replica set \"" + rs.getMetadata().getName() + "\"", now));
        return rs;
    }

    private static int nz(Integer i) {
        return i == null ? 0 : i;
    }

    private DeploymentStatus status() {
        if (d.getStatus() == null) {
            d.setStatus(new DeploymentStatus());
        }
        return d.getStatus();
    }

    /** {@code SetNewReplicaSetAnnotations}: the Deployment's annotations, and the revision (keeping the history). */
    private boolean setNewAnnotations(ReplicaSet rs, String newRevision, boolean exists) {
        Map<String, String> a = rs.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(rs.getMetadata().getAnnotations());
        Map<String, String> before = new LinkedHashMap<>(a);
        d.getMetadata().getAnnotations().forEach((k, v) -> {
            if (!NOT_COPIED.contains(k)) {
                a.put(k, v);
            }
        });
        String old = a.get(Rollouts.REVISION);
        long oldRevision = parse(old);
        if (oldRevision < Long.parseLong(newRevision)) {
            a.put(Rollouts.REVISION, newRevision);
            if (old != null && !old.isEmpty()) {
                String history = a.get(Rollouts.REVISION_HISTORY);
                a.put(Rollouts.REVISION_HISTORY, history == null || history.isEmpty() ? old : history + "," + old);
            }
        }
        if (!exists) {
            a.put(Rollouts.DESIRED_REPLICAS, Integer.toString(Rollouts.replicas(d)));
            a.put(Rollouts.MAX_REPLICAS, Integer.toString(Rollouts.replicas(d) + Rollouts.maxSurge(d)));
        }
        rs.getMetadata().setAnnotations(a);
        return !a.equals(before);
    }

    private static long parse(String revision) {
        try {
            return revision == null || revision.isEmpty() ? 0 : Long.parseLong(revision);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- scaling

    private static List<ReplicaSet> active(List<ReplicaSet> sets) {
        return sets.stream().filter(rs -> Rollouts.replicas(rs) > 0).toList();
    }

    /** {@code isScalingEvent}: an active ReplicaSet was sized for another replica count. */
    private boolean isScalingEvent() {
        for (ReplicaSet rs : active(owned)) {
            Integer desired = Rollouts.intAnnotation(rs, Rollouts.DESIRED_REPLICAS);
            if (desired != null && desired != Rollouts.replicas(d)) {
                return true;
            }
        }
        return false;
    }

    /** {@code sync}: scale, clean up when paused, the status. */
    private DeploymentPlan scaleOnly() {
        ReplicaSet newRS = newReplicaSet(false);
        List<ReplicaSet> olds = olds(newRS);
        scale(newRS, olds);
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            cleanup(olds);
        }
        return done(DeploymentStatuses.calculate(d, owned, newRS, now), Optional.empty());
    }

    /** {@code scale}: all to the one active (or latest) set, or old ones down when the new one is saturated, or in proportion. */
    private void scale(ReplicaSet newRS, List<ReplicaSet> olds) {
        List<ReplicaSet> activeOld = active(olds);
        ReplicaSet only = activeOrLatest(newRS, olds);
        if (only != null) {
            if (Rollouts.replicas(only) != Rollouts.replicas(d)) {
                scaleTo(only, Rollouts.replicas(d));
            }
            return;
        }
        if (newRS != null && Rollouts.replicas(newRS) == Rollouts.replicas(d)
                && Rollouts.intAnnotation(newRS, Rollouts.DESIRED_REPLICAS) != null
                && Rollouts.intAnnotation(newRS, Rollouts.DESIRED_REPLICAS) == Rollouts.replicas(d)
                && Rollouts.available(newRS) == Rollouts.replicas(d)) {
            activeOld.forEach(rs -> scaleTo(rs, 0));
            return;
        }
        if (!Rollouts.isRollingUpdate(d)) {
            return;
        }
        List<ReplicaSet> all = new ArrayList<>(activeOld);
        if (newRS != null && Rollouts.replicas(newRS) > 0) {
            all.add(newRS);
        }
        int allowed = Rollouts.replicas(d) > 0 ? Rollouts.replicas(d) + Rollouts.maxSurge(d) : 0;
        int toAdd = allowed - Rollouts.specReplicas(all);
        Comparator<ReplicaSet> bySize = Comparator.comparingInt(Rollouts::replicas);
        // Scaling up: the largest and newest first; down: the largest and oldest first.
        all.sort(toAdd > 0 ? bySize.reversed().thenComparing(BY_CREATION.reversed())
                : bySize.reversed().thenComparing(BY_CREATION));
        int statusReplicas = d.getStatus() == null ? 0 : DeploymentStatuses.n(d.getStatus().getReplicas());
        int added = 0;
        Map<ReplicaSet, Integer> sizes = new LinkedHashMap<>();
        for (ReplicaSet rs : all) {
            int p = Rollouts.proportion(rs, d, toAdd, added, statusReplicas);
            sizes.put(rs, Rollouts.replicas(rs) + p);
            added += p;
        }
        for (int i = 0; i < all.size(); i++) {
            ReplicaSet rs = all.get(i);
            int size = sizes.get(rs);
            if (i == 0 && toAdd != 0) {
                size = Math.max(0, size + toAdd - added);
            }
            scaleTo(rs, size);
        }
    }

    private ReplicaSet activeOrLatest(ReplicaSet newRS, List<ReplicaSet> olds) {
        List<ReplicaSet> all = new ArrayList<>(olds);
        if (newRS != null) {
            all.add(newRS);
        }
        List<ReplicaSet> active = active(all);
        if (active.size() == 1) {
            return active.get(0);
        }
        if (active.isEmpty()) {
            if (newRS != null) {
                return newRS;
            }
            return all.stream().max(BY_CREATION).orElse(null);
        }
        return null;
    }

    /** {@code scaleReplicaSetAndRecordEvent}: the new size and the desired/max annotations; an event for a size change. */
    private void scaleTo(ReplicaSet rs, int size) {
        int before = Rollouts.replicas(rs);
        Map<String, String> a = rs.getMetadata().getAnnotations() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(rs.getMetadata().getAnnotations());
        String desired = Integer.toString(Rollouts.replicas(d));
        String max = Integer.toString(Rollouts.replicas(d) + Rollouts.maxSurge(d));
        boolean annotations = !desired.equals(a.get(Rollouts.DESIRED_REPLICAS)) || !max.equals(a.get(Rollouts.MAX_REPLICAS));
        if (before == size && !annotations) {
            return;
        }
        a.put(Rollouts.DESIRED_REPLICAS, desired);
        a.put(Rollouts.MAX_REPLICAS, max);
        rs.getMetadata().setAnnotations(a);
        rs.getSpec().setReplicas(size);
        actions.add(new DeploymentAction.Update(Copies.of(rs)));
        if (before != size) {
            event("Scaled " + (size > before ? "up" : "down") + " replica set " + rs.getMetadata().getName() + " to " + size
                    + " from " + before);
        }
    }

    private void event(String message) {
        actions.add(new DeploymentAction.Event("Normal", "ScalingReplicaSet", message));
    }

    // ---------------------------------------------------------------- strategies

    /** {@code rolloutRolling}: scale the new set up if it may grow, else old ones down if they may shrink. */
    private DeploymentPlan rollingUpdate() {
        ReplicaSet newRS = newReplicaSet(true);
        List<ReplicaSet> olds = olds(newRS);
        if (scaleUpNew(newRS) || scaleDownOld(newRS, olds)) {
            return rolloutStatus(newRS);
        }
        DeploymentStatus s = DeploymentStatuses.calculate(d, owned, newRS, now);
        if (DeploymentStatuses.complete(d, s)) {
            cleanup(olds);
        }
        return rolloutStatus(newRS);
    }

    private boolean scaleUpNew(ReplicaSet newRS) {
        int want = Rollouts.replicas(d);
        if (Rollouts.replicas(newRS) == want) {
            return false;
        }
        int size = Rollouts.replicas(newRS) > want ? want : Rollouts.newReplicaSetReplicas(d, owned, newRS);
        int before = Rollouts.replicas(newRS);
        scaleTo(newRS, size);
        return size != before;
    }

    /** {@code reconcileOldReplicaSets}: never below minAvailable; unhealthy old pods go first. */
    private boolean scaleDownOld(ReplicaSet newRS, List<ReplicaSet> olds) {
        if (Rollouts.specReplicas(olds) == 0) {
            return false;
        }
        int minAvailable = Rollouts.replicas(d) - Rollouts.maxUnavailable(d);
        int newUnavailable = Rollouts.replicas(newRS) - Rollouts.available(newRS);
        int maxScaledDown = Rollouts.specReplicas(owned) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return false;
        }
        int cleaned = 0;
        for (ReplicaSet rs : active(olds)) {
            if (cleaned >= maxScaledDown) {
                break;
            }
            int unhealthy = Rollouts.replicas(rs) - Rollouts.available(rs);
            if (unhealthy <= 0) {
                continue;
            }
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            scaleTo(rs, Rollouts.replicas(rs) - down);
            cleaned += down;
        }
        int availableNow = Rollouts.availableReplicas(owned);
        int scaledDown = 0;
        if (availableNow > minAvailable) {
            int total = availableNow - minAvailable;
            for (ReplicaSet rs : olds) {
                if (scaledDown >= total) {
                    break;
                }
                if (Rollouts.replicas(rs) == 0) {
                    continue;
                }
                int down = Math.min(Rollouts.replicas(rs), total - scaledDown);
                scaleTo(rs, Rollouts.replicas(rs) - down);
                scaledDown += down;
            }
        }
        return cleaned + scaledDown > 0;
    }

    /** {@code rolloutRecreate}: old sets to 0, wait until their pods are gone, then the new set to full size. */
    private DeploymentPlan recreate(List<Pod> pods) {
        ReplicaSet newRS = newReplicaSet(false);
        List<ReplicaSet> olds = olds(newRS);
        boolean scaledDown = false;
        for (ReplicaSet rs : active(olds)) {
            scaleTo(rs, 0);
            scaledDown = true;
        }
        if (scaledDown || oldPodsRunning(olds, pods)) {
            return rolloutStatus(newRS);
        }
        if (newRS == null) {
            newRS = newReplicaSet(true);
        }
        if (Rollouts.replicas(newRS) != Rollouts.replicas(d)) {
            scaleTo(newRS, Rollouts.replicas(d));
        }
        DeploymentStatus s = DeploymentStatuses.calculate(d, owned, newRS, now);
        if (DeploymentStatuses.complete(d, s)) {
            cleanup(olds(newRS));
        }
        return rolloutStatus(newRS);
    }

    private static boolean oldPodsRunning(List<ReplicaSet> olds, List<Pod> pods) {
        if (Rollouts.statusReplicas(olds) > 0) {
            return true;
        }
        Set<String> uids = new java.util.HashSet<>();
        olds.forEach(rs -> uids.add(rs.getMetadata().getUid()));
        for (Pod p : pods) {
            OwnerReference ref = OwnerRefs.controllerOf(p);
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if (ref != null && uids.contains(ref.getUid()) && !"Failed".equals(phase) && !"Succeeded".equals(phase)) {
                return true;
            }
        }
        return false;
    }

    /** {@code cleanupDeployment}: old, empty sets beyond revisionHistoryLimit, the lowest revisions first. */
    private void cleanup(List<ReplicaSet> olds) {
        Integer limit = d.getSpec().getRevisionHistoryLimit();
        if (limit == null) {
            return;
        }
        List<ReplicaSet> cleanable = new ArrayList<>(olds.stream()
                .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null && rs.getMetadata().getUid() != null).toList());
        int diff = cleanable.size() - limit;
        if (diff <= 0) {
            return;
        }
        cleanable.sort(Comparator.comparingLong(Rollouts::revision).thenComparing(BY_CREATION));
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            long observed = rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null ? 0
                    : rs.getStatus().getObservedGeneration();
            if (Rollouts.statusReplicas(List.of(rs)) != 0 || Rollouts.replicas(rs) != 0
                    || rs.getMetadata().getGeneration() > observed) {
                continue;
            }
            actions.add(new DeploymentAction.Delete(rs));
        }
    }

    private DeploymentPlan rolloutStatus(ReplicaSet newRS) {
        DeploymentStatus s = DeploymentStatuses.calculate(d, owned, newRS, now);
        Optional<Duration> recheck = DeploymentStatuses.rollout(d, s, owned, newRS, now);
        return done(s, recheck);
    }

    private DeploymentPlan done(DeploymentStatus status, Optional<Duration> recheck) {
        if (status.getConditions() != null && status.getConditions().isEmpty()) {
            status.setConditions(null);
        }
        return new DeploymentPlan(List.copyOf(actions), status, Map.copyOf(d.getMetadata().getAnnotations()), recheck);
    }
}

package io.pod4j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.controllers.PodStates;
import io.pod4j.controllers.PodTemplates;
import io.pod4j.controllers.history.ControllerHistory;
import io.pod4j.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The StatefulSet controller's decision ({@code updateStatefulSet}), pure: the set, the pods and
 * claims of its namespace and its ControllerRevisions → which claims and pods to create, which
 * pods to delete, and its status. Pods are {@code NAME-ORDINAL}; with {@code OrderedReady} one
 * changes at a time, in ordinal order up and in reverse order down, each only while the others
 * are Running and Ready; {@code Parallel} creates and deletes at once. RollingUpdate replaces
 * outdated pods from the highest ordinal down to the partition, one at a time; OnDelete leaves
 * them until they are deleted.
 */
public final class StatefulSetPlanner {

    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private StatefulSetPlanner() {
    }

    /**
     * @param sts the StatefulSet as stored
     * @param pods the pods of its namespace
     * @param claims the claims of its namespace
     * @param revisions the revisions it controls
     * @param now the time availability is judged at
     */
    public static StatefulSetPlan plan(StatefulSet sts, List<Pod> pods, List<PersistentVolumeClaim> claims,
            List<ControllerRevision> revisions, Instant now) {
        String name = sts.getMetadata().getName();
        var spec = sts.getSpec();
        OwnerReference ref = OwnerRefs.controllerRef(ResourceTypes.STATEFUL_SETS, sts);
        Integer collisions = sts.getStatus() == null ? null : sts.getStatus().getCollisionCount();
        ControllerHistory.Revisions rev = ControllerHistory.sync(sts, ref, spec.getTemplate(), revisions, collisions);
        ControllerRevision update = rev.update();
        String currentName = sts.getStatus() == null ? null : sts.getStatus().getCurrentRevision();
        ControllerRevision current = revisions.stream().filter(r -> r.getMetadata().getName().equals(currentName))
                .findFirst().orElse(update);

        int replicas = spec.getReplicas() == null ? 1 : spec.getReplicas();
        int start = spec.getOrdinals() == null || spec.getOrdinals().getStart() == null ? 0 : spec.getOrdinals().getStart();
        boolean parallel = "Parallel".equals(spec.getPodManagementPolicy());
        boolean onDelete = spec.getUpdateStrategy() != null && "OnDelete".equals(spec.getUpdateStrategy().getType());
        int partition = onDelete || spec.getUpdateStrategy() == null || spec.getUpdateStrategy().getRollingUpdate() == null
                || spec.getUpdateStrategy().getRollingUpdate().getPartition() == null ? 0
                : spec.getUpdateStrategy().getRollingUpdate().getPartition();
        int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
        boolean deleting = sts.getMetadata().getDeletionTimestamp() != null;

        Map<Integer, Pod> slots = new TreeMap<>();
        TreeMap<Integer, Pod> condemned = new TreeMap<>();
        List<Pod> owned = new ArrayList<>();
        List<Pod> adopt = new ArrayList<>();
        List<Pod> release = new ArrayList<>();
        LabelSelector selector = LabelSelector.of(spec.getSelector());
        for (Pod p : pods) {
            OwnerReference owner = OwnerRefs.controllerOf(p);
            int ordinal = ordinal(name, p.getMetadata().getName());
            boolean matches = selector.matches(p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels());
            if (owner == null && matches && !deleting && ordinal >= 0 && !PodStates.isTerminating(p)) {
                adopt.add(p); // an orphan of this set's (as ClaimPods adopts it)
            } else if (owner == null || !sts.getMetadata().getUid().equals(owner.getUid()) || ordinal < 0) {
                continue;
            } else if (!matches) {
                release.add(p);
                continue;
            }
            owned.add(p);
            if (ordinal >= start && ordinal < start + replicas) {
                slots.put(ordinal, p);
            } else {
                condemned.put(ordinal, p);
            }
        }
        Map<String, PersistentVolumeClaim> claimsByName = new LinkedHashMap<>();
        claims.forEach(c -> claimsByName.put(c.getMetadata().getName(), c));

        List<PersistentVolumeClaim> createClaims = new ArrayList<>();
        List<StatefulSetPlan.ClaimOwner> claimOwners = new ArrayList<>();
        List<Pod> create = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        boolean wait = deleting;
        for (int ord = start; ord < start + replicas && !wait; ord++) {
            Pod p = slots.get(ord);
            if (p == null) {
                ControllerRevision r = ord < start + partition && !onDelete ? current : update;
                createClaims.addAll(missingClaims(sts, ord, claimsByName));
                create.add(newPod(sts, ord, r, ref));
                wait = !parallel;
                continue;
            }
            String phase = PodStates.phase(p);
            if (!PodStates.isTerminating(p) && ("Failed".equals(phase) || "Succeeded".equals(phase))) {
                delete.add(p); // recreated once gone
                wait = !parallel;
                continue;
            }
            createClaims.addAll(missingClaims(sts, ord, claimsByName));
            if (!parallel && (PodStates.isTerminating(p) || !PodStates.isReady(p) || !"Running".equals(phase))) {
                wait = true;
            }
        }
        if (!wait) {
            // Scale down: the highest ordinal first; with OrderedReady one at a time, once every other pod is healthy.
            for (Pod p : condemned.descendingMap().values()) {
                if (PodStates.isTerminating(p)) {
                    if (!parallel) {
                        wait = true;
                        break;
                    }
                    continue;
                }
                if ("Delete".equals(retention(sts, false))) {
                    int ord = ordinal(name, p.getMetadata().getName());
                    for (PersistentVolumeClaim c : ownClaims(sts, ord, claimsByName)) {
                        claimOwners.add(new StatefulSetPlan.ClaimOwner(c, podRef(p)));
                    }
                }
                delete.add(p);
                if (!parallel) {
                    wait = true;
                    break;
                }
            }
        }
        boolean allHealthy = slots.size() == replicas && slots.values().stream().allMatch(StatefulSetPlanner::healthy);
        if (!wait && !onDelete && allHealthy && condemned.isEmpty()) {
            // RollingUpdate: the highest outdated ordinal at or above the partition, one at a time.
            List<Integer> ords = new ArrayList<>(slots.keySet());
            for (int i = ords.size() - 1; i >= 0 && ords.get(i) >= start + partition; i--) {
                Pod p = slots.get(ords.get(i));
                if (!update.getMetadata().getName().equals(revisionOf(p))) {
                    delete.add(p);
                    break;
                }
            }
        }
        if ("Delete".equals(retention(sts, true))) {
            for (PersistentVolumeClaim c : claims) {
                if (ownedBySet(sts, c) && !hasOwner(c, sts.getMetadata().getUid())) {
                    claimOwners.add(new StatefulSetPlan.ClaimOwner(c, setRef(sts)));
                }
            }
        }
        StatefulSetStatus status = status(sts, owned, current, update, minReady, now, replicas);
        Set<String> live = new HashSet<>();
        live.add(update.getMetadata().getName());
        live.add(status.getCurrentRevision());
        owned.forEach(p -> live.add(revisionOf(p)));
        int limit = spec.getRevisionHistoryLimit() == null ? 10 : spec.getRevisionHistoryLimit();
        return new StatefulSetPlan(adopt, release, rev, createClaims, claimOwners, create, delete,
                ControllerHistory.excess(revisions, live, limit), status, PodStates.nextAvailable(owned, minReady, now));
    }

    private static StatefulSetStatus status(StatefulSet sts, List<Pod> owned, ControllerRevision current,
            ControllerRevision update, int minReady, Instant now, int replicas) {
        StatefulSetStatus s = new StatefulSetStatus();
        List<Pod> live = owned.stream().filter(p -> !PodStates.isTerminating(p)).toList();
        String cur = current.getMetadata().getName();
        String upd = update.getMetadata().getName();
        s.setObservedGeneration(sts.getMetadata().getGeneration());
        s.setReplicas(live.size());
        s.setReadyReplicas((int) live.stream().filter(PodStates::isReady).count());
        s.setAvailableReplicas((int) live.stream().filter(p -> PodStates.isAvailable(p, minReady, now)).count());
        s.setCurrentReplicas((int) live.stream().filter(p -> cur.equals(revisionOf(p))).count());
        s.setUpdatedReplicas((int) live.stream().filter(p -> upd.equals(revisionOf(p))).count());
        s.setCurrentRevision(cur);
        s.setUpdateRevision(upd);
        s.setCollisionCount(sts.getStatus() == null || sts.getStatus().getCollisionCount() == null ? 0
                : sts.getStatus().getCollisionCount());
        if (s.getUpdatedReplicas() == replicas && s.getReadyReplicas() == replicas && s.getReplicas() == replicas) {
            s.setCurrentRevision(upd); // the rollout is complete
            s.setCurrentReplicas(s.getUpdatedReplicas());
        }
        if (sts.getStatus() != null && sts.getStatus().getConditions() != null) {
            s.setConditions(sts.getStatus().getConditions());
        }
        return s;
    }

    /** @return the pod of that ordinal, made from the revision's template: its identity, labels and claims */
    static Pod newPod(StatefulSet sts, int ordinal, ControllerRevision revision, OwnerReference ref) {
        String podName = sts.getMetadata().getName() + "-" + ordinal;
        PodTemplateSpec template = ControllerHistory.template(revision);
        Pod pod = PodTemplates.newPod(template, sts.getMetadata().getNamespace(), null, ref);
        ObjectMeta meta = pod.getMetadata();
        meta.setGenerateName(null);
        meta.setName(podName);
        Map<String, String> labels = meta.getLabels() == null ? new LinkedHashMap<>() : meta.getLabels();
        labels.put(POD_NAME_LABEL, podName);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(ControllerHistory.HASH_LABEL, revision.getMetadata().getName());
        meta.setLabels(labels);
        pod.getSpec().setHostname(podName);
        pod.getSpec().setSubdomain(sts.getSpec().getServiceName());
        List<Volume> volumes = new ArrayList<>(pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes());
        for (PersistentVolumeClaim t : templates(sts)) {
            volumes.removeIf(v -> v.getName().equals(t.getMetadata().getName()));
            volumes.add(new VolumeBuilder().withName(t.getMetadata().getName())
                    .withNewPersistentVolumeClaim(claimName(sts, t, ordinal), false).build());
        }
        pod.getSpec().setVolumes(volumes.isEmpty() ? null : volumes);
        return pod;
    }

    private static List<PersistentVolumeClaim> missingClaims(StatefulSet sts, int ordinal,
            Map<String, PersistentVolumeClaim> existing) {
        List<PersistentVolumeClaim> out = new ArrayList<>();
        for (PersistentVolumeClaim t : templates(sts)) {
            String name = claimName(sts, t, ordinal);
            if (existing.containsKey(name)) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>(t.getMetadata().getLabels() == null ? Map.of()
                    : t.getMetadata().getLabels());
            if (sts.getSpec().getSelector() != null && sts.getSpec().getSelector().getMatchLabels() != null) {
                labels.putAll(sts.getSpec().getSelector().getMatchLabels());
            }
            PersistentVolumeClaim c = new PersistentVolumeClaimBuilder(t).withApiVersion("v1").withKind("PersistentVolumeClaim")
                    .withNewMetadata().withName(name).withNamespace(sts.getMetadata().getNamespace()).withLabels(labels)
                            .withAnnotations(t.getMetadata().getAnnotations()).endMetadata()
                    .withStatus(null).build();
            if ("Delete".equals(retention(sts, true))) {
                c.getMetadata().setOwnerReferences(List.of(setRef(sts)));
            }
            out.add(c);
        }
        return out;
    }

    private static List<PersistentVolumeClaim> ownClaims(StatefulSet sts, int ordinal, Map<String, PersistentVolumeClaim> existing) {
        return templates(sts).stream().map(t -> existing.get(claimName(sts, t, ordinal))).filter(c -> c != null).toList();
    }

    /** @return whether a claim is one of the set's, by name */
    private static boolean ownedBySet(StatefulSet sts, PersistentVolumeClaim c) {
        for (PersistentVolumeClaim t : templates(sts)) {
            String prefix = t.getMetadata().getName() + "-" + sts.getMetadata().getName() + "-";
            if (c.getMetadata().getName().startsWith(prefix)
                    && c.getMetadata().getName().substring(prefix.length()).matches("[0-9]+")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasOwner(PersistentVolumeClaim c, String uid) {
        return c.getMetadata().getOwnerReferences() != null
                && c.getMetadata().getOwnerReferences().stream().anyMatch(r -> uid.equals(r.getUid()));
    }

    /** @return {@code TEMPLATE-STS-ORDINAL} */
    public static String claimName(StatefulSet sts, PersistentVolumeClaim template, int ordinal) {
        return template.getMetadata().getName() + "-" + sts.getMetadata().getName() + "-" + ordinal;
    }

    private static List<PersistentVolumeClaim> templates(StatefulSet sts) {
        return sts.getSpec().getVolumeClaimTemplates() == null ? List.of() : sts.getSpec().getVolumeClaimTemplates();
    }

    private static String retention(StatefulSet sts, boolean whenDeleted) {
        var r = sts.getSpec().getPersistentVolumeClaimRetentionPolicy();
        if (r == null) {
            return "Retain";
        }
        String v = whenDeleted ? r.getWhenDeleted() : r.getWhenScaled();
        return v == null ? "Retain" : v;
    }

    private static OwnerReference setRef(StatefulSet sts) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                .withName(sts.getMetadata().getName()).withUid(sts.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private static OwnerReference podRef(Pod p) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod").withName(p.getMetadata().getName())
                .withUid(p.getMetadata().getUid()).withController(false).withBlockOwnerDeletion(true).build();
    }

    private static boolean healthy(Pod p) {
        return !PodStates.isTerminating(p) && "Running".equals(PodStates.phase(p)) && PodStates.isReady(p);
    }

    static String revisionOf(Pod p) {
        return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(ControllerHistory.HASH_LABEL);
    }

    /** @return the ordinal of a member's name ({@code NAME-N}), or -1 */
    static int ordinal(String set, String pod) {
        if (!pod.startsWith(set + "-")) {
            return -1;
        }
        String n = pod.substring(set.length() + 1);
        if (n.isEmpty() || !n.chars().allMatch(Character::isDigit) || n.length() > 9 || (n.length() > 1 && n.startsWith("0"))) {
            return -1;
        }
        return Integer.parseInt(n);
    }
}

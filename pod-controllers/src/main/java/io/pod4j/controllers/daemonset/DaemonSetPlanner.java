package io.pod4j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.pod4j.api.selector.NodeAffinity;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.controllers.PodStates;
import io.pod4j.controllers.PodTemplates;
import io.pod4j.controllers.history.ControllerHistory;
import io.pod4j.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DaemonSet controller's decision ({@code syncDaemonSet}), pure: the set, the nodes, the pods
 * of its namespace and its ControllerRevisions → one pod per node that should run it (its
 * nodeSelector, required node affinity and tolerations against the node's labels and taints),
 * none elsewhere; RollingUpdate replaces outdated pods within maxUnavailable, OnDelete leaves them;
 * and the status counts.
 */
public final class DaemonSetPlanner {

    /** The label that counts template generations (deprecated in Kubernetes, still written). */
    public static final String GENERATION_LABEL = "pod-template-generation";

    private DaemonSetPlanner() {
    }

    public static DaemonSetPlan plan(DaemonSet ds, List<Node> nodes, List<Pod> pods, List<ControllerRevision> revisions,
            Instant now) {
        var spec = ds.getSpec();
        OwnerReference ref = OwnerRefs.controllerRef(ResourceTypes.DAEMON_SETS, ds);
        Integer collisions = ds.getStatus() == null ? null : ds.getStatus().getCollisionCount();
        ControllerHistory.Revisions rev = ControllerHistory.sync(ds, ref, spec.getTemplate(), revisions, collisions);
        String hash = rev.update().getMetadata().getLabels().get(ControllerHistory.HASH_LABEL);
        int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
        boolean deleting = ds.getMetadata().getDeletionTimestamp() != null;

        Map<String, List<Pod>> byNode = new LinkedHashMap<>();
        List<Pod> owned = new ArrayList<>();
        for (Pod p : pods) {
            OwnerReference owner = OwnerRefs.controllerOf(p);
            if (owner != null && ds.getMetadata().getUid().equals(owner.getUid()) && !PodStates.isTerminating(p)) {
                owned.add(p);
                byNode.computeIfAbsent(nodeOf(p), n -> new ArrayList<>()).add(p);
            }
        }
        List<Pod> create = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        DaemonSetStatus s = new DaemonSetStatus();
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        List<Pod> outdated = new ArrayList<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            List<Pod> here = new ArrayList<>(byNode.getOrDefault(name, List.of()));
            here.sort(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
                    : p.getMetadata().getCreationTimestamp()));
            if (!shouldRun(spec.getTemplate().getSpec(), node)) {
                if (!here.isEmpty()) {
                    misscheduled++;
                    delete.addAll(here);
                }
                continue;
            }
            desired++;
            List<Pod> failed = here.stream().filter(p -> "Failed".equals(PodStates.phase(p))).toList();
            delete.addAll(failed);
            here.removeAll(failed);
            if (here.isEmpty()) {
                if (failed.isEmpty() && !deleting) {
                    create.add(newPod(ds, name, hash, ref));
                }
                continue;
            }
            delete.addAll(here.subList(1, here.size())); // one daemon pod per node: the oldest stays
            Pod pod = here.get(0);
            current++;
            boolean isAvailable = PodStates.isAvailable(pod, minReady, now);
            ready += PodStates.isReady(pod) ? 1 : 0;
            available += isAvailable ? 1 : 0;
            if (hash.equals(labelOf(pod, ControllerHistory.HASH_LABEL))) {
                updated++;
            } else {
                outdated.add(pod);
            }
        }
        boolean rolling = spec.getUpdateStrategy() == null || !"OnDelete".equals(spec.getUpdateStrategy().getType());
        if (rolling && !deleting) {
            int budget = maxUnavailable(ds, desired) - (desired - available);
            for (Pod p : outdated) {
                if (!PodStates.isAvailable(p, minReady, now)) {
                    delete.add(p); // replacing an unavailable pod costs no availability
                } else if (budget > 0) {
                    delete.add(p);
                    budget--;
                }
            }
        }
        s.setDesiredNumberScheduled(desired);
        s.setCurrentNumberScheduled(current);
        s.setNumberMisscheduled(misscheduled);
        s.setNumberReady(ready);
        s.setNumberAvailable(available == 0 ? null : available);
        s.setNumberUnavailable(desired - available == 0 ? null : desired - available);
        s.setUpdatedNumberScheduled(updated);
        s.setObservedGeneration(ds.getMetadata().getGeneration());
        s.setCollisionCount(collisions);
        if (ds.getStatus() != null && ds.getStatus().getConditions() != null) {
            s.setConditions(ds.getStatus().getConditions());
        }
        Set<String> live = new HashSet<>();
        live.add(rev.update().getMetadata().getName());
        for (ControllerRevision r : revisions) {
            String h = r.getMetadata().getLabels() == null ? null : r.getMetadata().getLabels().get(ControllerHistory.HASH_LABEL);
            if (owned.stream().anyMatch(p -> h != null && h.equals(labelOf(p, ControllerHistory.HASH_LABEL)))) {
                live.add(r.getMetadata().getName());
            }
        }
        int limit = spec.getRevisionHistoryLimit() == null ? 10 : spec.getRevisionHistoryLimit();
        return new DaemonSetPlan(rev, create, delete, ControllerHistory.excess(revisions, live, limit), s,
                PodStates.nextAvailable(owned, minReady, now));
    }

    /** @return whether the template's pod may run on the node: selector, affinity, and its taints tolerated */
    static boolean shouldRun(PodSpec template, Node node) {
        return NodeAffinity.matches(template, node) && NodeAffinity.untolerated(tolerations(template), node) == null;
    }

    /** The template's tolerations and those the DaemonSet controller adds to every daemon pod. */
    static List<Toleration> tolerations(PodSpec template) {
        List<Toleration> t = new ArrayList<>(template.getTolerations() == null ? List.of() : template.getTolerations());
        for (String key : List.of("not-ready", "unreachable")) {
            add(t, "node.kubernetes.io/" + key, "NoExecute");
        }
        for (String key : List.of("disk-pressure", "memory-pressure", "pid-pressure", "unschedulable")) {
            add(t, "node.kubernetes.io/" + key, "NoSchedule");
        }
        if (Boolean.TRUE.equals(template.getHostNetwork())) {
            add(t, "node.kubernetes.io/network-unavailable", "NoSchedule");
        }
        return t;
    }

    private static void add(List<Toleration> t, String key, String effect) {
        if (t.stream().noneMatch(x -> key.equals(x.getKey()) && effect.equals(x.getEffect()))) {
            t.add(new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build());
        }
    }

    /** A daemon pod for the node: pinned to it by node affinity (the scheduler then binds it), with the added tolerations. */
    static Pod newPod(DaemonSet ds, String node, String hash, OwnerReference ref) {
        Pod pod = PodTemplates.newPod(ds.getSpec().getTemplate(), ds.getMetadata().getNamespace(),
                ds.getMetadata().getName() + "-", ref);
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? new LinkedHashMap<>() : pod.getMetadata().getLabels();
        labels.put(ControllerHistory.HASH_LABEL, hash);
        labels.put(GENERATION_LABEL, String.valueOf(ds.getMetadata().getGeneration() == null ? 1 : ds.getMetadata().getGeneration()));
        pod.getMetadata().setLabels(labels);
        PodSpec spec = pod.getSpec();
        spec.setTolerations(tolerations(spec));
        if (spec.getAffinity() == null) {
            spec.setAffinity(new io.fabric8.kubernetes.api.model.Affinity());
        }
        if (spec.getAffinity().getNodeAffinity() == null) {
            spec.getAffinity().setNodeAffinity(new io.fabric8.kubernetes.api.model.NodeAffinity());
        }
        spec.getAffinity().getNodeAffinity().setRequiredDuringSchedulingIgnoredDuringExecution(
                new io.fabric8.kubernetes.api.model.NodeSelector(List.of(new NodeSelectorTermBuilder()
                        .withMatchFields(new NodeSelectorRequirementBuilder().withKey("metadata.name").withOperator("In")
                                .withValues(node).build()).build())));
        return pod;
    }

    /** @return the node a daemon pod runs on: its nodeName, or the node its affinity pins it to before binding */
    static String nodeOf(Pod p) {
        if (p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty()) {
            return p.getSpec().getNodeName();
        }
        try {
            return p.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues().get(0);
        } catch (RuntimeException none) {
            return "";
        }
    }

    private static int maxUnavailable(DaemonSet ds, int desired) {
        var ru = ds.getSpec().getUpdateStrategy() == null ? null : ds.getSpec().getUpdateStrategy().getRollingUpdate();
        IntOrString v = ru == null || ru.getMaxUnavailable() == null ? new IntOrString(1) : ru.getMaxUnavailable();
        if (v.getStrVal() != null) {
            String pct = v.getStrVal().replace("%", "");
            int n = (int) Math.ceil(Integer.parseInt(pct) * desired / 100.0); // rounded up, as the controller does
            return Math.max(n, 1);
        }
        return Math.max(v.getIntVal(), 1);
    }

    private static String labelOf(Pod p, String key) {
        return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(key);
    }
}

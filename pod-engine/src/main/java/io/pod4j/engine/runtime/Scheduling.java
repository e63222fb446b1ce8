package io.pod4j.engine.runtime;

import io.pod4j.api.quantity.Quantities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The scheduler's filters for the one local node: nodeName, nodeSelector, required node affinity
 * and resource requests against what is allocatable beside the pods already placed. Answers in
 * the scheduler's words.
 */
public final class Scheduling {

    private Scheduling() {
    }

    /**
     * @param pod the pod to place
     * @param node the node as the store has it now (its labels may have been changed through the API)
     * @param placed the pods already on the node (not finished)
     * @return null when the pod fits, else the FailedScheduling message
     */
    public static String unschedulable(Pod pod, Node node, Collection<Pod> placed) {
        var spec = pod.getSpec();
        String nodeName = node.getMetadata().getName();
        if (spec.getNodeName() != null && !spec.getNodeName().isEmpty() && !spec.getNodeName().equals(nodeName)) {
            return "0/1 nodes are available: 1 node(s) didn't match the requested node name.";
        }
        if (!io.pod4j.api.selector.NodeAffinity.matches(spec, node)) {
            return "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."
                    + " preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
        }
        List<String> insufficient = new ArrayList<>();
        for (String resource : List.of("cpu", "memory")) {
            long wanted = request(pod, resource);
            if (wanted == 0) {
                continue;
            }
            long used = 0;
            for (Pod p : placed) {
                used += request(p, resource);
            }
            Quantity allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null ? null
                    : node.getStatus().getAllocatable().get(resource);
            if (allocatable != null && used + wanted > Quantities.milliValue(allocatable)) {
                insufficient.add("1 Insufficient " + resource);
            }
        }
        if (!insufficient.isEmpty()) {
            return "0/1 nodes are available: " + String.join(", ", insufficient) + "."
                    + " preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";
        }
        return null;
    }

    /**
     * The scheduler's VolumeBinding filter for the claims a pod mounts: each must exist, not be
     * deleted, and be bound (pod4j's classes bind at once).
     *
     * @param pod the pod to place
     * @param claims the claims of the pod's namespace, by name
     * @return null when every claim is ready, else the FailedScheduling message
     */
    public static String unboundClaims(Pod pod, java.util.function.Function<String, java.util.Optional<PersistentVolumeClaim>> claims) {
        boolean unbound = false;
        for (Volume v : Nulls.orEmpty(pod.getSpec().getVolumes())) {
            if (v.getPersistentVolumeClaim() == null) {
                continue;
            }
            String name = v.getPersistentVolumeClaim().getClaimName();
            var claim = claims.apply(name);
            if (claim.isEmpty()) {
                return "0/1 nodes are available: persistentvolumeclaim \"" + name + "\" not found." + NOT_HELPFUL;
            }
            if (claim.get().getMetadata().getDeletionTimestamp() != null) {
                return "0/1 nodes are available: persistentvolumeclaim \"" + name + "\" is being deleted." + NOT_HELPFUL;
            }
            String volume = claim.get().getSpec().getVolumeName();
            unbound |= volume == null || volume.isEmpty();
        }
        return unbound ? "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims." + NOT_HELPFUL : null;
    }

    private static final String NOT_HELPFUL = " preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

    /** The pod's effective request in milli-units: app and sidecar containers summed, or the largest init container. */
    static long request(Pod pod, String resource) {
        long sum = 0;
        long initMax = 0;
        for (Container c : Nulls.orEmpty(pod.getSpec().getContainers())) {
            sum += milli(c, resource);
        }
        for (Container c : Nulls.orEmpty(pod.getSpec().getInitContainers())) {
            if ("Always".equals(c.getRestartPolicy())) {
                sum += milli(c, resource);
            } else {
                initMax = Math.max(initMax, milli(c, resource));
            }
        }
        return Math.max(sum, initMax);
    }

    private static long milli(Container c, String resource) {
        if (c.getResources() == null || c.getResources().getRequests() == null) {
            return 0;
        }
        Quantity q = c.getResources().getRequests().get(resource);
        return q == null ? 0 : Quantities.milliValue(q);
    }
}

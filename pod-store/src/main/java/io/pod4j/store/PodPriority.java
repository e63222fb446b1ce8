package io.pod4j.store;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;

/**
 * The API server's {@code Priority} admission plugin for Pods: on create, {@code priorityClassName}
 * is resolved to {@code spec.priority} and the class's {@code preemptionPolicy}; without a class
 * the priority is 0 and the policy {@code PreemptLowerPriority} (there is no global default class). A class that does not exist, or a
 * {@code priority} or {@code preemptionPolicy} the request sets against what the class says, is
 * refused with 403 Forbidden in the plugin's words. On update the stored values are kept when the
 * request leaves them out; changing them is the update rules' business (the spec is immutable).
 *
 * <p>The store holds no PriorityClass objects: the two classes every cluster has,
 * {@code system-node-critical} and {@code system-cluster-critical}, are the only ones known.
 */
final class PodPriority {

    /** The built-in classes (pkg/apis/scheduling: SystemCriticalPriority + 1000, + 0). */
    static final Map<String, Integer> SYSTEM_CLASSES = Map.of(
            "system-node-critical", 2_000_001_000,
            "system-cluster-critical", 2_000_000_000);

    /** The built-in classes' preemption policy (the PriorityClass default), also the one without a class. */
    static final String SYSTEM_PREEMPTION = "PreemptLowerPriority";

    private PodPriority() {
    }

    /**
     * @param create true on create, false on update
     * @param pod the incoming Pod, changed in place
     * @param old the stored Pod on update, else null
     * @throws StoreException Forbidden, e.g. {@code pods "web" is forbidden: no PriorityClass with name high was found}
     */
    static void admit(boolean create, Pod pod, Pod old) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return;
        }
        if (!create) {
            if (old != null && old.getSpec() != null) {
                if (spec.getPriority() == null) {
                    spec.setPriority(old.getSpec().getPriority());
                }
                if (spec.getPreemptionPolicy() == null) {
                    spec.setPreemptionPolicy(old.getSpec().getPreemptionPolicy());
                }
            }
            return;
        }
        String className = spec.getPriorityClassName();
        // No class and no global default class: priority 0, PreemptLowerPriority (getDefaultPriority).
        int priority = 0;
        String preemption = SYSTEM_PREEMPTION;
        if (className != null && !className.isEmpty()) {
            Integer value = SYSTEM_CLASSES.get(className);
            if (value == null) {
                throw forbidden(pod, "no PriorityClass with name " + className + " was found");
            }
            priority = value;
            preemption = SYSTEM_PREEMPTION;
        }
        if (spec.getPriority() != null && spec.getPriority() != priority) {
            throw forbidden(pod, "the integer value of priority (" + spec.getPriority() + ") must not be provided in pod spec;"
                    + " priority admission controller computed " + priority + " from the given PriorityClass name");
        }
        spec.setPriority(priority);
        if (spec.getPreemptionPolicy() != null && !preemption.equals(spec.getPreemptionPolicy())) {
            throw forbidden(pod, "the string value of PreemptionPolicy (" + spec.getPreemptionPolicy()
                    + ") must not be provided in pod spec; priority admission controller computed " + preemption
                    + " from the given PriorityClass name");
        }
        spec.setPreemptionPolicy(preemption);
    }

    private static StoreException forbidden(Pod pod, String why) {
        String name = pod.getMetadata() == null || pod.getMetadata().getName() == null ? "" : pod.getMetadata().getName();
        return new StoreException(Statuses.forbidden(ResourceTypes.PODS, name, why));
    }
}

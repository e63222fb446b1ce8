package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pod-level resource limits ({@code spec.resources.limits}) on an engine without pod cgroups: the
 * limits a container takes from its pod, for each of cpu and memory it does not limit itself. On a
 * cluster the pod's cgroup holds all its containers together to the pod's limit; here each
 * container that takes the pod's limit is held to it alone.
 */
final class PodLimits {

    private PodLimits() {
    }

    /** @return the pod's cpu and memory limits the container lacks, by resource name; empty when none */
    static Map<String, Quantity> forContainer(Pod pod, Container c) {
        var podResources = pod.getSpec().getResources();
        if (podResources == null || podResources.getLimits() == null) {
            return Map.of();
        }
        Map<String, Quantity> own = c.getResources() == null ? Map.of() : Nulls.orEmpty(c.getResources().getLimits());
        Map<String, Quantity> taken = new LinkedHashMap<>();
        for (String resource : new String[] {"cpu", "memory"}) {
            Quantity podLimit = podResources.getLimits().get(resource);
            if (podLimit != null && !own.containsKey(resource)) {
                taken.put(resource, podLimit);
            }
        }
        return taken;
    }
}

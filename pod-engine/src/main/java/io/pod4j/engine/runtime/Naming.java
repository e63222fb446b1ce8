package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.pod4j.engine.docker.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names and labels of a pod's Docker objects: every one carries the pod's labels and the
 * engine's owner labels, so teardown and the reaper find them by label, never by name.
 */
final class Naming {

    private final Map<String, String> ownerLabels;
    private final ObjectMeta meta;

    Naming(Map<String, String> ownerLabels, ObjectMeta meta) {
        this.ownerLabels = ownerLabels;
        this.meta = meta;
    }

    Map<String, String> labels(String container, Role role, int attempt) {
        Map<String, String> labels = new LinkedHashMap<>(ownerLabels);
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.NAMESPACE, meta.getNamespace());
        labels.put(Labels.POD, meta.getName());
        labels.put(Labels.POD_UID, meta.getUid());
        labels.put(Labels.CONTAINER, container);
        labels.put(Labels.ROLE, role.label());
        labels.put(Labels.RESTART_COUNT, Integer.toString(attempt));
        return labels;
    }

    String dockerName(String container, int attempt) {
        return "pod4j_" + container + "_" + meta.getName() + "_" + meta.getNamespace() + "_" + meta.getUid().substring(0, 8) + "_" + attempt;
    }
}

package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.time.Instant;
import java.util.List;

/** Objects as the store holds them, for the controllers' pure functions. */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    private Fixtures() {
    }

    public static ReplicaSet replicaSet(String name, int replicas) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                .withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    /** A pod with the app label, owned by the given controller (or none), scheduled and Pending. */
    public static Pod pod(String name, String app, OwnerReference owner) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                .addToLabels("app", app).withCreationTimestamp("2026-12-03T11:00:00Z")
                .withOwnerReferences(owner == null ? List.of() : List.of(owner)).endMetadata()
                .withNewSpec().withNodeName("node").addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
    }

    /** The pod Running and Ready since the given time. */
    public static Pod ready(Pod pod, Instant since) {
        return new PodBuilder(pod).editStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .withLastTransitionTime(since.toString()).endCondition().endStatus().build();
    }

    public static OwnerReference ownedBy(ReplicaSet rs) {
        return OwnerRefs.controllerRef(io.pod4j.store.ResourceTypes.REPLICA_SETS, rs);
    }
}

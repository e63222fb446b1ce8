package io.pod4j.controllers.replicaset;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.EventRecorder;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.controllers.OwnerPatches;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.controllers.PodStates;
import io.pod4j.controllers.PodTemplates;
import io.pod4j.controllers.Result;
import io.pod4j.controllers.Stores;
import io.pod4j.controllers.Watched;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import io.pod4j.store.WatchEvent;
import io.pod4j.store.WriteOptions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ReplicaSet controller: keeps {@code spec.replicas} pods of the template running, adopting
 * orphans its selector matches and releasing pods it stops matching; writes the status and the
 * events a cluster shows ({@code SuccessfulCreate}, {@code SuccessfulDelete}, {@code FailedCreate}).
 * Decides in {@link ReplicaSetPlanner}; acts here.
 */
public final class ReplicaSetController implements Controller {

    public static final String NAME = "replicaset-controller";

    private final ObjectStore store;
    private final Clock clock;
    private final EventRecorder events;

    public ReplicaSetController(ObjectStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.events = new EventRecorder(store, clock, NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Watched<?>> watches() {
        return List.of(Watched.self(ResourceTypes.REPLICA_SETS), new Watched<>(ResourceTypes.PODS, this::podChanged));
    }

    /** A pod's controller, or for an orphan every ReplicaSet that may adopt it. */
    private Collection<ObjectKey> podChanged(WatchEvent<Pod> e) {
        Pod pod = e.object();
        String ns = pod.getMetadata().getNamespace();
        OwnerReference ref = OwnerRefs.controllerOf(pod);
        if (ref != null) {
            return OwnerRefs.isOfKind(ref, ResourceTypes.REPLICA_SETS)
                    ? List.of(new ObjectKey(ResourceTypes.REPLICA_SETS, ns, ref.getName())) : List.of();
        }
        if (e.type() == WatchEvent.Type.DELETED || PodStates.isTerminating(pod)) {
            return List.of();
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        List<ObjectKey> keys = new ArrayList<>();
        for (ReplicaSet rs : store.list(ResourceTypes.REPLICA_SETS, ListOptions.inNamespace(ns)).items()) {
            if (rs.getSpec().getSelector() != null && LabelSelector.of(rs.getSpec().getSelector()).matches(labels)) {
                keys.add(ObjectKey.of(ResourceTypes.REPLICA_SETS, rs));
            }
        }
        return keys;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        ReplicaSet rs = Stores.find(store, ResourceTypes.REPLICA_SETS, key).orElse(null);
        if (rs == null) {
            return Result.done();
        }
        String ns = rs.getMetadata().getNamespace();
        List<Pod> pods = store.list(ResourceTypes.PODS, ListOptions.inNamespace(ns)).items();
        ReplicaSetPlan plan = ReplicaSetPlanner.plan(rs, pods, clock.instant());
        OwnerReference ref = OwnerRefs.controllerRef(ResourceTypes.REPLICA_SETS, rs);
        for (Pod p : plan.adopt()) {
            OwnerPatches.adopt(store, ResourceTypes.PODS, p, ref, NAME);
        }
        for (Pod p : plan.release()) {
            OwnerPatches.release(store, ResourceTypes.PODS, p, rs.getMetadata().getUid(), NAME);
        }
        StoreException failed = null;
        for (int i = 0; i < plan.create(); i++) {
            try {
                Pod created = store.create(PodTemplates.newPod(rs.getSpec().getTemplate(), ns,
                        rs.getMetadata().getName() + "-", ref), WriteOptions.fieldManager(NAME));
                events.normal(rs, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
            } catch (StoreException e) {
                events.warning(rs, "FailedCreate", "Error creating: " + e.getMessage());
                failed = e;
                break;
            }
        }
        for (Pod p : plan.delete()) {
            try {
                store.delete(ResourceTypes.PODS, ns, p.getMetadata().getName(), new DeleteOptionsBuilder()
                        .withNewPreconditions().withUid(p.getMetadata().getUid()).endPreconditions().build());
                events.normal(rs, "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
            } catch (StoreException e) {
                if (e.code() != 404) {
                    events.warning(rs, "FailedDelete", "Error deleting: " + e.getMessage());
                    failed = e;
                }
            }
        }
        writeStatus(rs, withFailure(plan.status(), failed));
        if (failed != null) {
            throw failed;
        }
        return plan.recheck().map(Result::after).orElse(Result.done());
    }

    /** The ReplicaFailure condition: set while creating or deleting fails, removed once it works. */
    private ReplicaSetStatus withFailure(ReplicaSetStatus status, StoreException failed) {
        List<ReplicaSetCondition> conditions = status.getConditions() == null ? new ArrayList<>()
                : new ArrayList<>(status.getConditions());
        conditions.removeIf(c -> "ReplicaFailure".equals(c.getType()));
        if (failed != null) {
            conditions.add(new ReplicaSetConditionBuilder().withType("ReplicaFailure").withStatus("True")
                    .withReason("FailedCreate").withMessage(failed.getMessage())
                    .withLastTransitionTime(DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)))
                    .build());
        }
        status.setConditions(conditions.isEmpty() ? null : conditions);
        return status;
    }

    private void writeStatus(ReplicaSet rs, ReplicaSetStatus status) {
        if (Objects.equals(rs.getStatus(), status)) {
            return;
        }
        rs.setStatus(status);
        store.updateStatus(rs, WriteOptions.fieldManager(NAME));
    }
}

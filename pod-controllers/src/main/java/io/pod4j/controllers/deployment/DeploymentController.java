package io.pod4j.controllers.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.EventRecorder;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.controllers.OwnerPatches;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.controllers.Result;
import io.pod4j.controllers.Stores;
import io.pod4j.controllers.Watched;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import io.pod4j.store.WatchEvent;
import io.pod4j.store.WriteOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deployment controller: rolls a Deployment's template out through ReplicaSets (RollingUpdate
 * or Recreate), scales them, keeps revisions and writes the status and conditions a cluster
 * shows. Decides in {@link DeploymentPlanner}; acts here, through the store.
 */
public final class DeploymentController implements Controller {

    public static final String NAME = "deployment-controller";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final WriteOptions AS_CONTROLLER = WriteOptions.fieldManager("kube-controller-manager");

    private final ObjectStore store;
    private final Clock clock;
    private final EventRecorder events;

    public DeploymentController(ObjectStore store, Clock clock) {
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
        return List.of(Watched.self(ResourceTypes.DEPLOYMENTS),
                new Watched<>(ResourceTypes.REPLICA_SETS, this::replicaSetChanged),
                new Watched<>(ResourceTypes.PODS, this::podChanged));
    }

    private Collection<ObjectKey> replicaSetChanged(WatchEvent<ReplicaSet> e) {
        ReplicaSet rs = e.object();
        String ns = rs.getMetadata().getNamespace();
        OwnerReference ref = OwnerRefs.controllerOf(rs);
        if (ref != null) {
            return OwnerRefs.isOfKind(ref, ResourceTypes.DEPLOYMENTS)
                    ? List.of(new ObjectKey(ResourceTypes.DEPLOYMENTS, ns, ref.getName())) : List.of();
        }
        if (e.type() == WatchEvent.Type.DELETED) {
            return List.of();
        }
        Map<String, String> labels = rs.getMetadata().getLabels() == null ? Map.of() : rs.getMetadata().getLabels();
        List<ObjectKey> keys = new ArrayList<>();
        for (Deployment d : store.list(ResourceTypes.DEPLOYMENTS, ListOptions.inNamespace(ns)).items()) {
            if (d.getSpec().getSelector() != null && LabelSelector.of(d.getSpec().getSelector()).matches(labels)) {
                keys.add(ObjectKey.of(ResourceTypes.DEPLOYMENTS, d));
            }
        }
        return keys;
    }

    /** A Recreate rollout waits for the old pods to be gone: their deletion wakes the Deployment. */
    private Collection<ObjectKey> podChanged(WatchEvent<Pod> e) {
        if (e.type() != WatchEvent.Type.DELETED) {
            return List.of();
        }
        OwnerReference ref = OwnerRefs.controllerOf(e.object());
        if (ref == null || !OwnerRefs.isOfKind(ref, ResourceTypes.REPLICA_SETS)) {
            return List.of();
        }
        String ns = e.object().getMetadata().getNamespace();
        return Stores.find(store, ResourceTypes.REPLICA_SETS, ns, ref.getName())
                .map(OwnerRefs::controllerOf)
                .filter(owner -> OwnerRefs.isOfKind(owner, ResourceTypes.DEPLOYMENTS))
                .map(owner -> List.of(new ObjectKey(ResourceTypes.DEPLOYMENTS, ns, owner.getName())))
                .orElse(List.of());
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Deployment d = Stores.find(store, ResourceTypes.DEPLOYMENTS, key).orElse(null);
        if (d == null) {
            return Result.done();
        }
        String ns = d.getMetadata().getNamespace();
        List<ReplicaSet> sets = store.list(ResourceTypes.REPLICA_SETS, ListOptions.inNamespace(ns)).items();
        List<Pod> pods = Rollouts.isRollingUpdate(d) ? List.of()
                : store.list(ResourceTypes.PODS, ListOptions.inNamespace(ns)).items();
        DeploymentPlan plan = DeploymentPlanner.plan(d, sets, pods, clock.instant());
        OwnerReference ref = OwnerRefs.controllerRef(ResourceTypes.DEPLOYMENTS, d);
        for (DeploymentAction a : plan.actions()) {
            if (a instanceof DeploymentAction.Adopt adopt) {
                OwnerPatches.adopt(store, ResourceTypes.REPLICA_SETS, adopt.replicaSet(), ref, NAME);
            } else if (a instanceof DeploymentAction.Release release) {
                OwnerPatches.release(store, ResourceTypes.REPLICA_SETS, release.replicaSet(), d.getMetadata().getUid(), NAME);
            } else if (a instanceof DeploymentAction.Create create) {
                create(d, create.replicaSet());
            } else if (a instanceof DeploymentAction.Update update) {
                update(update.replicaSet());
            } else if (a instanceof DeploymentAction.Delete delete) {
                delete(delete.replicaSet());
            } else if (a instanceof DeploymentAction.Event event) {
                events.normal(d, event.reason(), event.message());
            }
        }
        writeStatus(d, plan.status(), plan.annotations());
        return plan.recheck().map(Result::after).orElse(Result.done());
    }

    private void create(Deployment d, ReplicaSet rs) {
        try {
            store.create(rs, AS_CONTROLLER);
        } catch (StoreException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
            // A ReplicaSet of that name with another template: hash again with one more collision.
            DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
            s.setCollisionCount(s.getCollisionCount() == null ? 1 : s.getCollisionCount() + 1);
            d.setStatus(s);
            store.updateStatus(d, AS_CONTROLLER);
            throw e;
        }
    }

    /** The replicas, minReadySeconds and annotations this controller owns; the rest stays as stored. */
    private void update(ReplicaSet rs) {
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("metadata").set("annotations", JSON.valueToTree(rs.getMetadata().getAnnotations()));
        ObjectNode spec = patch.putObject("spec");
        spec.put("replicas", Rollouts.replicas(rs));
        if (rs.getSpec().getMinReadySeconds() == null) {
            spec.putNull("minReadySeconds");
        } else {
            spec.put("minReadySeconds", rs.getSpec().getMinReadySeconds());
        }
        store.patch(ResourceTypes.REPLICA_SETS, rs.getMetadata().getNamespace(), rs.getMetadata().getName(), PatchType.MERGE,
                patch.toString(), AS_CONTROLLER);
    }

    private void delete(ReplicaSet rs) {
        try {
            store.delete(ResourceTypes.REPLICA_SETS, rs.getMetadata().getNamespace(), rs.getMetadata().getName(),
                    new DeleteOptionsBuilder().withNewPreconditions().withUid(rs.getMetadata().getUid()).endPreconditions().build());
        } catch (StoreException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private void writeStatus(Deployment d, DeploymentStatus status, Map<String, String> annotations) {
        Map<String, String> current = d.getMetadata().getAnnotations() == null ? Map.of() : d.getMetadata().getAnnotations();
        if (Objects.equals(d.getStatus(), status) && current.equals(annotations)) {
            return;
        }
        d.setStatus(status);
        d.getMetadata().setAnnotations(annotations.isEmpty() ? null : new java.util.LinkedHashMap<>(annotations));
        store.updateStatus(d, AS_CONTROLLER);
    }
}

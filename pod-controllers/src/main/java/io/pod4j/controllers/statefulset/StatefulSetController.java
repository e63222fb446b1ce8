package io.pod4j.controllers.statefulset;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
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
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import io.pod4j.store.WriteOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The StatefulSet controller: pods {@code NAME-0..N-1} with stable names, hostnames under the
 * set's Service and claims from its volumeClaimTemplates that outlive them; ControllerRevisions
 * for its templates; adoption of orphans named as members, release of pods its selector stops
 * matching; the events a cluster shows ({@code SuccessfulCreate} "create Pod web-0 in
 * StatefulSet web successful", {@code SuccessfulDelete}, {@code FailedCreate}). Decides in
 * {@link StatefulSetPlanner}; acts here.
 */
public final class StatefulSetController implements Controller {

    public static final String NAME = "statefulset-controller";

    private final ObjectStore store;
    private final Clock clock;
    private final EventRecorder events;

    public StatefulSetController(ObjectStore store, Clock clock) {
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
        return List.of(Watched.self(ResourceTypes.STATEFUL_SETS),
                new Watched<>(ResourceTypes.PODS, this::podChanged),
                Watched.controlledBy(ResourceTypes.CONTROLLER_REVISIONS, ResourceTypes.STATEFUL_SETS));
    }

    /** A pod's controller, or for an orphan named as a member the set of that name. */
    private List<ObjectKey> podChanged(io.pod4j.store.WatchEvent<Pod> e) {
        Pod pod = e.object();
        OwnerReference ref = OwnerRefs.controllerOf(pod);
        String ns = pod.getMetadata().getNamespace();
        if (ref != null) {
            return OwnerRefs.isOfKind(ref, ResourceTypes.STATEFUL_SETS)
                    ? List.of(new ObjectKey(ResourceTypes.STATEFUL_SETS, ns, ref.getName())) : List.of();
        }
        String name = pod.getMetadata().getName();
        int dash = name.lastIndexOf('-');
        return dash <= 0 || e.type() == io.pod4j.store.WatchEvent.Type.DELETED ? List.of()
                : List.of(new ObjectKey(ResourceTypes.STATEFUL_SETS, ns, name.substring(0, dash)));
    }

    @Override
    public Result reconcile(ObjectKey key) {
        StatefulSet sts = Stores.find(store, ResourceTypes.STATEFUL_SETS, key).orElse(null);
        if (sts == null) {
            return Result.done();
        }
        String ns = sts.getMetadata().getNamespace();
        String uid = sts.getMetadata().getUid();
        List<Pod> pods = store.list(ResourceTypes.PODS, ListOptions.inNamespace(ns)).items();
        List<PersistentVolumeClaim> claims = store.list(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, ListOptions.inNamespace(ns)).items();
        List<ControllerRevision> revisions = store.list(ResourceTypes.CONTROLLER_REVISIONS, ListOptions.inNamespace(ns)).items()
                .stream().filter(r -> {
                    OwnerReference ref = OwnerRefs.controllerOf(r);
                    return ref != null && uid.equals(ref.getUid());
                }).toList();
        StatefulSetPlan plan = StatefulSetPlanner.plan(sts, pods, claims, revisions, clock.instant());
        WriteOptions as = WriteOptions.fieldManager(NAME);
        OwnerReference ref = OwnerRefs.controllerRef(ResourceTypes.STATEFUL_SETS, sts);
        for (Pod p : plan.adopt()) {
            OwnerPatches.adopt(store, ResourceTypes.PODS, p, ref, NAME);
        }
        for (Pod p : plan.release()) {
            OwnerPatches.release(store, ResourceTypes.PODS, p, uid, NAME);
        }
        if (plan.revisions().create() != null) {
            store.create(plan.revisions().create(), as);
        }
        if (plan.revisions().renumber() != null) {
            store.update(plan.revisions().renumber(), as);
        }
        for (PersistentVolumeClaim c : plan.createClaims()) {
            try {
                store.create(c, as);
                events.normal(sts, "SuccessfulCreate", "create Claim " + c.getMetadata().getName() + " Pod "
                        + podOf(c, sts) + " in StatefulSet " + sts.getMetadata().getName() + " success");
            } catch (StoreException e) {
                if (e.code() != 409) {
                    events.warning(sts, "FailedCreate", "create Claim " + c.getMetadata().getName() + " for Pod "
                            + podOf(c, sts) + " in StatefulSet " + sts.getMetadata().getName() + " failed error: " + e.getMessage());
                    throw e;
                }
            }
        }
        for (StatefulSetPlan.ClaimOwner o : plan.claimOwners()) {
            PersistentVolumeClaim c = o.claim();
            List<OwnerReference> refs = new ArrayList<>(c.getMetadata().getOwnerReferences() == null ? List.of()
                    : c.getMetadata().getOwnerReferences());
            refs.add(o.owner());
            c.getMetadata().setOwnerReferences(refs);
            store.update(c, as);
        }
        for (Pod p : plan.createPods()) {
            try {
                store.create(p, as);
                events.normal(sts, "SuccessfulCreate", "create Pod " + p.getMetadata().getName() + " in StatefulSet "
                        + sts.getMetadata().getName() + " successful");
            } catch (StoreException e) {
                if (e.code() == 409) {
                    continue; // the previous pod of that name is still being removed
                }
                events.warning(sts, "FailedCreate", "create Pod " + p.getMetadata().getName() + " in StatefulSet "
                        + sts.getMetadata().getName() + " failed error: " + e.getMessage());
                throw e;
            }
        }
        for (Pod p : plan.deletePods()) {
            try {
                store.delete(ResourceTypes.PODS, ns, p.getMetadata().getName(), new DeleteOptionsBuilder()
                        .withNewPreconditions().withUid(p.getMetadata().getUid()).endPreconditions().build());
                events.normal(sts, "SuccessfulDelete", "delete Pod " + p.getMetadata().getName() + " in StatefulSet "
                        + sts.getMetadata().getName() + " successful");
            } catch (StoreException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
            }
        }
        for (ControllerRevision r : plan.deleteRevisions()) {
            try {
                store.delete(ResourceTypes.CONTROLLER_REVISIONS, ns, r.getMetadata().getName(), null);
            } catch (StoreException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        if (!Objects.equals(sts.getStatus(), plan.status())) {
            sts.setStatus(plan.status());
            store.updateStatus(sts, as);
        }
        return plan.recheck().map(Result::after).orElse(Result.done());
    }

    private static String podOf(PersistentVolumeClaim c, StatefulSet sts) {
        String n = c.getMetadata().getName();
        int i = n.indexOf("-" + sts.getMetadata().getName() + "-");
        return i < 0 ? n : n.substring(i + 1);
    }
}

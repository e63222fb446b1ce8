package io.pod4j.controllers.daemonset;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.EventRecorder;
import io.pod4j.controllers.ObjectKey;
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
import java.util.List;
import java.util.Objects;

/**
 * The DaemonSet controller: one pod of the template on each node that should run it, none
 * elsewhere; ControllerRevisions for its templates; the events a cluster shows
 * ({@code SuccessfulCreate} "Created pod: x", {@code SuccessfulDelete} "Deleted pod: x").
 * Decides in {@link DaemonSetPlanner}; acts here.
 */
public final class DaemonSetController implements Controller {

    public static final String NAME = "daemonset-controller";

    private final ObjectStore store;
    private final Clock clock;
    private final EventRecorder events;

    public DaemonSetController(ObjectStore store, Clock clock) {
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
        return List.of(Watched.self(ResourceTypes.DAEMON_SETS),
                Watched.controlledBy(ResourceTypes.PODS, ResourceTypes.DAEMON_SETS),
                Watched.controlledBy(ResourceTypes.CONTROLLER_REVISIONS, ResourceTypes.DAEMON_SETS),
                new Watched<>(ResourceTypes.NODES, e -> store.list(ResourceTypes.DAEMON_SETS, ListOptions.all()).items()
                        .stream().map(ds -> ObjectKey.of(ResourceTypes.DAEMON_SETS, ds)).toList()));
    }

    @Override
    public Result reconcile(ObjectKey key) {
        DaemonSet ds = Stores.find(store, ResourceTypes.DAEMON_SETS, key).orElse(null);
        if (ds == null) {
            return Result.done();
        }
        String ns = ds.getMetadata().getNamespace();
        String uid = ds.getMetadata().getUid();
        List<ControllerRevision> revisions = store.list(ResourceTypes.CONTROLLER_REVISIONS, ListOptions.inNamespace(ns)).items()
                .stream().filter(r -> {
                    OwnerReference ref = OwnerRefs.controllerOf(r);
                    return ref != null && uid.equals(ref.getUid());
                }).toList();
        DaemonSetPlan plan = DaemonSetPlanner.plan(ds, store.list(ResourceTypes.NODES, ListOptions.all()).items(),
                store.list(ResourceTypes.PODS, ListOptions.inNamespace(ns)).items(), revisions, clock.instant());
        WriteOptions as = WriteOptions.fieldManager(NAME);
        if (plan.revisions().create() != null) {
            store.create(plan.revisions().create(), as);
        }
        if (plan.revisions().renumber() != null) {
            store.update(plan.revisions().renumber(), as);
        }
        for (Pod p : plan.createPods()) {
            try {
                Pod created = store.create(p, as);
                events.normal(ds, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
            } catch (StoreException e) {
                events.warning(ds, "FailedCreate", "Error creating: " + e.getMessage());
                throw e;
            }
        }
        for (Pod p : plan.deletePods()) {
            try {
                store.delete(ResourceTypes.PODS, ns, p.getMetadata().getName(), new DeleteOptionsBuilder()
                        .withNewPreconditions().withUid(p.getMetadata().getUid()).endPreconditions().build());
                events.normal(ds, "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
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
        if (!Objects.equals(ds.getStatus(), plan.status())) {
            ds.setStatus(plan.status());
            store.updateStatus(ds, as);
        }
        return plan.recheck().map(Result::after).orElse(Result.done());
    }
}

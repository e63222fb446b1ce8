package io.pod4j.controllers.job;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
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
 * The job controller: runs a Job's pods to {@code completions} with at most {@code parallelism}
 * at once, retries failures with back-off up to {@code backoffLimit}, enforces
 * {@code activeDeadlineSeconds}, suspends and resumes, and deletes a finished Job after
 * {@code ttlSecondsAfterFinished} (the TTL-after-finished controller's part). Decides in
 * {@link JobPlanner}; acts here.
 */
public final class JobController implements Controller {

    public static final String NAME = "job-controller";
    private static final WriteOptions AS_CONTROLLER = WriteOptions.fieldManager("kube-controller-manager");

    private final ObjectStore store;
    private final Clock clock;
    private final EventRecorder events;

    public JobController(ObjectStore store, Clock clock) {
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
        return List.of(Watched.self(ResourceTypes.JOBS), Watched.controlledBy(ResourceTypes.PODS, ResourceTypes.JOBS));
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Job job = Stores.find(store, ResourceTypes.JOBS, key).orElse(null);
        if (job == null || job.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        String ns = job.getMetadata().getNamespace();
        List<Pod> pods = store.list(ResourceTypes.PODS, ListOptions.inNamespace(ns)).items().stream()
                .filter(p -> OwnerRefs.isControlledBy(p, job)).toList();
        JobPlan plan = JobPlanner.plan(job, pods, clock.instant());
        if (plan.deleteJob()) {
            // As the TTL-after-finished controller: in the foreground, so its pods go first.
            store.delete(ResourceTypes.JOBS, ns, job.getMetadata().getName(), new DeleteOptionsBuilder()
                    .withPropagationPolicy("Foreground")
                    .withNewPreconditions().withUid(job.getMetadata().getUid()).endPreconditions().build());
            return Result.done();
        }
        for (Pod p : plan.delete()) {
            try {
                store.delete(ResourceTypes.PODS, ns, p.getMetadata().getName(), new DeleteOptionsBuilder()
                        .withNewPreconditions().withUid(p.getMetadata().getUid()).endPreconditions().build());
                events.normal(job, "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
            } catch (StoreException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        for (Pod p : plan.create()) {
            try {
                Pod created = store.create(p, AS_CONTROLLER);
                events.normal(job, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
            } catch (StoreException e) {
                events.warning(job, "FailedCreate", "Error creating: " + e.getMessage());
                throw e;
            }
        }
        for (String[] e : plan.events()) {
            if ("Warning".equals(e[0])) {
                events.warning(job, e[1], e[2]);
            } else {
                events.normal(job, e[1], e[2]);
            }
        }
        if (!Objects.equals(job.getStatus(), plan.status())) {
            job.setStatus(plan.status());
            store.updateStatus(job, AS_CONTROLLER);
        }
        return plan.recheck().map(Result::after).orElse(Result.done());
    }
}

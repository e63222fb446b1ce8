package io.pod4j.controllers.cronjob;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
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
 * The CronJob controller: creates a Job at each schedule time (concurrencyPolicy, suspend,
 * startingDeadlineSeconds), keeps the history limits, and writes the status. Decides in
 * {@link CronJobPlanner}; acts here.
 */
public final class CronJobController implements Controller {

    public static final String NAME = "cronjob-controller";
    private static final WriteOptions AS_CONTROLLER = WriteOptions.fieldManager("kube-controller-manager");

    private final ObjectStore store;
    private final Clock clock;
    private final EventRecorder events;

    public CronJobController(ObjectStore store, Clock clock) {
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
        return List.of(Watched.self(ResourceTypes.CRON_JOBS), Watched.controlledBy(ResourceTypes.JOBS, ResourceTypes.CRON_JOBS));
    }

    @Override
    public Result reconcile(ObjectKey key) {
        CronJob cj = Stores.find(store, ResourceTypes.CRON_JOBS, key).orElse(null);
        if (cj == null) {
            return Result.done();
        }
        List<Job> jobs = store.list(ResourceTypes.JOBS, ListOptions.inNamespace(cj.getMetadata().getNamespace())).items()
                .stream().filter(j -> OwnerRefs.isControlledBy(j, cj)).toList();
        CronJobPlan plan = CronJobPlanner.plan(cj, jobs, clock.instant());
        for (Job j : plan.delete()) {
            try {
                store.delete(ResourceTypes.JOBS, j.getMetadata().getNamespace(), j.getMetadata().getName(),
                        new DeleteOptionsBuilder().withPropagationPolicy("Background")
                                .withNewPreconditions().withUid(j.getMetadata().getUid()).endPreconditions().build());
                events.normal(cj, "SuccessfulDelete", "Deleted job " + j.getMetadata().getName());
            } catch (StoreException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        if (plan.create().isPresent()) {
            try {
                Job created = store.create(plan.create().get(), AS_CONTROLLER);
                events.normal(cj, "SuccessfulCreate", "Created job " + created.getMetadata().getName());
            } catch (StoreException e) {
                if (!"AlreadyExists".equals(e.reason())) {
                    events.warning(cj, "FailedCreate", "Error creating job: " + e.getMessage());
                    throw e;
                }
            }
        }
        for (String[] e : plan.events()) {
            if ("Warning".equals(e[0])) {
                events.warning(cj, e[1], e[2]);
            } else {
                events.normal(cj, e[1], e[2]);
            }
        }
        if (!Objects.equals(cj.getStatus(), plan.status())) {
            cj.setStatus(plan.status());
            store.updateStatus(cj, AS_CONTROLLER);
        }
        return plan.recheck().map(Result::after).orElse(Result.done());
    }
}

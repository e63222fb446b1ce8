package io.pod4j.controllers.builtin;

import io.pod4j.controllers.Controller;
import io.pod4j.controllers.ControllerManager;
import io.pod4j.controllers.cronjob.CronJobController;
import io.pod4j.controllers.daemonset.DaemonSetController;
import io.pod4j.controllers.deployment.DeploymentController;
import io.pod4j.controllers.endpoints.EndpointsController;
import io.pod4j.controllers.endpointslice.EndpointSliceController;
import io.pod4j.controllers.gc.GarbageCollector;
import io.pod4j.controllers.job.JobController;
import io.pod4j.controllers.replicaset.ReplicaSetController;
import io.pod4j.controllers.statefulset.StatefulSetController;
import io.pod4j.controllers.volume.PersistentVolumeController;
import io.pod4j.store.ObjectStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The controllers an engine runs over its store, as kube-controller-manager's default set. A
 * package of its own: it names every controller's package, which all depend on the framework's.
 */
public final class Controllers {

    private Controllers() {
    }

    /**
     * @param store the store they read and write
     * @param clock the time their conditions, deadlines and events use
     * @return the built-in controllers, to give {@link ControllerManager#start}
     */
    public static List<Controller> builtIn(ObjectStore store, Clock clock) {
        List<Controller> controllers = new ArrayList<>();
        controllers.add(new ReplicaSetController(store, clock));
        controllers.add(new DeploymentController(store, clock));
        controllers.add(new JobController(store, clock));
        controllers.add(new CronJobController(store, clock));
        controllers.add(new EndpointSliceController(store));
        controllers.add(new EndpointsController(store));
        controllers.add(new GarbageCollector(store));
        controllers.add(new PersistentVolumeController(store, clock));
        controllers.add(new StatefulSetController(store, clock));
        controllers.add(new DaemonSetController(store, clock));
        return List.copyOf(controllers);
    }
}

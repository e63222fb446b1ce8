package io.pod4j.controllers;

import io.pod4j.controllers.endpointslice.EndpointSliceController;
import io.pod4j.store.ObjectStore;
import java.time.Clock;
import java.util.List;

/** The controllers an engine runs over its store, as kube-controller-manager's default set. */
public final class Controllers {

    private Controllers() {
    }

    /**
     * @param store the store they read and write
     * @param clock the time their conditions, deadlines and events use
     * @return the built-in controllers, to give {@link ControllerManager#start}
     */
    public static List<Controller> builtIn(ObjectStore store, Clock clock) {
        return List.of(
                new EndpointSliceController(store));
    }
}

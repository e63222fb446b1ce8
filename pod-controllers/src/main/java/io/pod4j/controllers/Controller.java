package io.pod4j.controllers;

import java.util.List;

/**
 * One controller, as in kube-controller-manager: it watches some kinds of the store, and for each
 * object a change concerns it brings the world one step closer to that object's spec, through the
 * store. The {@link ControllerManager} runs it: it feeds the {@link #watches() watched} changes into
 * the controller's work queue, and calls {@link #reconcile} for one key at a time (never twice at
 * once for the same key; different keys in parallel), again after a failure (with back-off) or when
 * the result asks for it, and for every object at each resync.
 *
 * <p>A reconcile reads what it needs from the store, decides in a pure function (desired vs
 * observed, giving actions as a value) and carries the actions out with store writes. It must be
 * idempotent: it may run for a key whose object is gone, or run again with nothing changed.
 */
public interface Controller {

    /**
     * @return the controller's name as kube-controller-manager's event source names it, e.g.
     *     {@code replicaset-controller}; also the name of its threads' log lines
     */
    String name();

    /** @return the kinds the controller watches, each with the keys a change of it enqueues */
    List<Watched<?>> watches();

    /**
     * Brings the key's object one step closer to its spec.
     *
     * @param key the object to look at (it may be gone)
     * @return when to look again regardless of changes
     * @throws RuntimeException for a failure: the manager logs it and retries the key with back-off
     *     (a 409 Conflict, another writer's change in between, is retried quietly)
     */
    Result reconcile(ObjectKey key);
}

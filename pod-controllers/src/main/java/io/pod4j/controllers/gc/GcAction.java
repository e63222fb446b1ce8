package io.pod4j.controllers.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/** One write of the garbage collector, decided by {@link GcPlanner}. */
public sealed interface GcAction {

    /**
     * Delete a dependent that blocks a foreground deletion: in the foreground itself when it has
     * dependents of its own, else in the background (the collector's {@code attemptToDeleteItem}).
     */
    record DeleteDependent(HasMetadata dependent) implements GcAction {
    }

    /** Remove the owner's reference from a dependent (an orphaning deletion). */
    record Orphan(HasMetadata dependent) implements GcAction {
    }

    /** Remove one of the garbage collector's finalizers from the object: its deletion may finish. */
    record RemoveFinalizer(String finalizer) implements GcAction {
    }

    /** Remove references to owners that are gone or being deleted, while another owner stays. */
    record RemoveOwnerReferences(List<String> ownerUids) implements GcAction {
    }

    /** Delete the object: all its owners are gone (or wait for it), with the given propagation policy. */
    record DeleteSelf(String policy) implements GcAction {
    }
}

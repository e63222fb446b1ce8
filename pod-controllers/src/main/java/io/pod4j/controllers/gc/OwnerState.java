package io.pod4j.controllers.gc;

/** What the garbage collector finds behind one ownerReference. */
public enum OwnerState {
    /** The owner exists (with the reference's uid) and is not deleting its dependents. */
    PRESENT,
    /** No object of that kind, name and uid: the reference dangles. */
    ABSENT,
    /** The owner is being deleted in the foreground: it waits for its dependents. */
    DELETING_DEPENDENTS,
    /** A kind the store does not serve as a built-in kind: the collector leaves the reference alone. */
    UNKNOWN
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One write to the store, as etcd's watch sees it: the object after the change (for a delete, its
 * last state with the deletion's revision), the object before it, and the revision. Trees held
 * here are never changed again, and every watcher that sees the change gets the same tree (so a
 * server can serialize it once for all of them).
 */
final class Change {

    private final ResourceType<?> type;
    private final WatchEvent.Type kind;
    private final ObjectNode object;
    private final ObjectNode previous;
    private final long revision;
    /** The previous object at this revision, made for the first watcher that sees it go; under the store's lock. */
    private ObjectNode previousAtRevision;

    /**
     * @param type the object's kind
     * @param kind what happened
     * @param object the object after the change
     * @param previous the object before the change, null for ADDED
     * @param revision the store's revision this change made
     */
    Change(ResourceType<?> type, WatchEvent.Type kind, ObjectNode object, ObjectNode previous, long revision) {
        this.type = type;
        this.kind = kind;
        this.object = object;
        this.previous = previous;
        this.revision = revision;
    }

    long revision() {
        return revision;
    }

    /**
     * The event a watcher with this selection sees, as the API server's watch cache decides it: an
     * object that starts matching is ADDED, one that stops matching is DELETED (its previous state
     * at this revision), one that matches before and after is MODIFIED. Called under the store's lock.
     *
     * @return the event's type and object, or null when the watcher sees nothing
     */
    Seen seenBy(Selection selection) {
        if (!selection.type().groupResource().equals(type.groupResource())) {
            return null;
        }
        boolean now = kind != WatchEvent.Type.DELETED && selection.matches(object);
        boolean before = previous != null && selection.matches(previous);
        if (now) {
            return new Seen(before ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED, object);
        }
        if (before) {
            if (previousAtRevision == null) {
                previousAtRevision = previous.deepCopy();
                MetaRules.meta(previousAtRevision).put("resourceVersion", Long.toString(revision));
            }
            return new Seen(WatchEvent.Type.DELETED, previousAtRevision);
        }
        return null;
    }

    /** What one watcher receives. */
    record Seen(WatchEvent.Type type, ObjectNode object) {
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One write to the store, as etcd's watch sees it: the object after the change (for a delete, its
 * last state with the deletion's revision), the object before it, and the revision. Trees held
 * here are never changed again.
 *
 * @param type the object's kind
 * @param kind what happened
 * @param object the object after the change
 * @param previous the object before the change, null for ADDED
 * @param revision the store's revision this change made
 */
record Change(ResourceType<?> type, WatchEvent.Type kind, ObjectNode object, ObjectNode previous, long revision) {

    /**
     * The event a watcher with this selection sees, as the API server's watch cache decides it: an
     * object that starts matching is ADDED, one that stops matching is DELETED (its previous state
     * at this revision), one that matches before and after is MODIFIED.
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
            ObjectNode last = previous.deepCopy();
            MetaRules.meta(last).put("resourceVersion", Long.toString(revision));
            return new Seen(WatchEvent.Type.DELETED, last);
        }
        return null;
    }

    /** What one watcher receives. */
    record Seen(WatchEvent.Type type, ObjectNode object) {
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * What the store keeps, as etcd keeps it: the objects by key, one monotonic revision, the recent
 * changes that watches replay, and, for a store in a directory, its files. Every change goes through
 * {@link #commit} or {@link #remove}, under the store's lock, which its callers hold.
 */
final class Revisions {

    private final Keyspace objects = new Keyspace();
    private final Persistence persistence;
    private final History history;
    private long revision;

    /** @param directory where the objects are kept, null for a store in memory (then nothing is loaded) */
    Revisions(ResourceTypes types, Path directory, int historySize) {
        this.persistence = directory == null ? null : new Persistence(directory);
        if (persistence != null) {
            Persistence.Loaded loaded = persistence.load();
            for (ObjectNode o : loaded.objects()) {
                ResourceType<?> type = types.forKind(o.path("apiVersion").asText(), o.path("kind").asText());
                objects.put(Keyspace.key(type, o), o);
            }
            revision = loaded.revision();
        }
        this.history = new History(historySize, revision);
    }

    Keyspace objects() {
        return objects;
    }

    History history() {
        return history;
    }

    /** @return the revision of the latest change */
    long revision() {
        return revision;
    }

    /**
     * Stores a change under the next revision. A dry run stores nothing and answers the object as it
     * would be stored: with the resourceVersion it had (none for a create), as the API server's
     * dry-run storage does.
     */
    ObjectNode commit(ResourceType<?> type, String key, ObjectNode obj, ObjectNode old, WatchEvent.Type kind, boolean dryRun) {
        if (dryRun) {
            return obj;
        }
        long next = revision + 1;
        MetaRules.meta(obj).put("resourceVersion", Long.toString(next));
        if (persistence != null) {
            persistence.save(type, obj, next); // first: a failed write changes nothing
        }
        revision = next;
        objects.put(key, obj);
        history.record(new Change(type, kind, obj, old, next));
        return obj;
    }

    /** Removes an object under the next revision; its last state, with that revision, is the DELETED event's. */
    ObjectNode remove(ResourceType<?> type, String key, ObjectNode last, ObjectNode old, boolean dryRun) {
        if (dryRun) {
            return last.deepCopy();
        }
        long next = revision + 1;
        if (persistence != null) {
            persistence.remove(type, MetaRules.namespace(old), MetaRules.name(old), next);
        }
        revision = next;
        objects.remove(key);
        ObjectNode gone = last.deepCopy();
        MetaRules.meta(gone).put("resourceVersion", Long.toString(next));
        history.record(new Change(type, WatchEvent.Type.DELETED, gone, old, next));
        return gone;
    }
}

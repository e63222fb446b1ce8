package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What an update takes from the request and what it keeps from the stored object: the status
 * subresource writes status (and labels, annotations) only, and a spec change counts a generation.
 */
final class UpdateRules {

    private UpdateRules() {
    }

    /** The stored object with the request's status, labels and annotations. */
    static ObjectNode withStatusOf(ObjectNode old, ObjectNode incoming) {
        ObjectNode obj = old.deepCopy();
        copyOrRemove(incoming, obj, "status");
        copyOrRemove(MetaRules.meta(incoming), MetaRules.meta(obj), "labels");
        copyOrRemove(MetaRules.meta(incoming), MetaRules.meta(obj), "annotations");
        return obj;
    }

    /** Pods count spec changes; custom resources every change outside metadata and status. */
    static boolean specChanged(ResourceType<?> type, ObjectNode old, ObjectNode obj) {
        if (PodStrategy.isPod(type)) {
            return !Json.same(old.get("spec"), obj.get("spec"));
        }
        List<String> outside = List.of("metadata", "status", "apiVersion", "kind");
        ObjectNode a = old.deepCopy();
        ObjectNode b = obj.deepCopy();
        a.remove(outside);
        b.remove(outside);
        return !Json.same(a, b);
    }

    static void copyOrRemove(ObjectNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        } else {
            to.remove(field);
        }
    }

    /**
     * A patch may not rename the object it patches, nor move it to another namespace.
     *
     * @throws StoreException BadRequest in the API server's words
     */
    static void checkSameObject(ObjectNode patched, ObjectNode current) {
        String name = MetaRules.name(patched);
        if (!name.equals(MetaRules.name(current))) {
            throw new StoreException(Statuses.badRequest("the name of the object (" + name
                    + ") does not match the name on the URL (" + MetaRules.name(current) + ")"));
        }
        if (!MetaRules.namespace(patched).equals(MetaRules.namespace(current))) {
            throw new StoreException(Statuses.badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request"));
        }
    }
}

package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.TreeMap;

/**
 * The store's objects by etcd-like key {@code <resource>/<namespace>/<name>}, so a list is a range
 * read in namespace, name order. Not thread-safe: the store's lock guards it.
 */
final class Keyspace {

    private final TreeMap<String, ObjectNode> objects = new TreeMap<>();

    /** @return the stored object, or null (a namespaced kind without a namespace looks in {@code default}) */
    ObjectNode find(ResourceType<?> type, String namespace, String name) {
        String ns = type.namespaced() ? (namespace == null || namespace.isEmpty() ? MetaRules.DEFAULT_NAMESPACE : namespace) : "";
        return objects.get(type.groupResource() + "/" + ns + "/" + name);
    }

    /**
     * @return the stored object
     * @throws StoreException NotFound
     */
    ObjectNode stored(ResourceType<?> type, String namespace, String name) {
        ObjectNode found = find(type, namespace, name);
        if (found == null) {
            throw new StoreException(Statuses.notFound(type, name));
        }
        return found;
    }

    boolean contains(String key) {
        return objects.containsKey(key);
    }

    void put(String key, ObjectNode object) {
        objects.put(key, object);
    }

    void remove(String key) {
        objects.remove(key);
    }

    /** @return the objects under the selection's prefix, in key order */
    List<ObjectNode> range(Selection selection) {
        String prefix = selection.prefix();
        return List.copyOf(objects.subMap(prefix, prefix + Character.MAX_VALUE).values());
    }

    static String key(ResourceType<?> type, ObjectNode object) {
        return key(type, MetaRules.namespace(object), MetaRules.name(object));
    }

    static String key(ResourceType<?> type, String namespace, String name) {
        return type.groupResource() + "/" + (type.namespaced() ? namespace : "") + "/" + name;
    }
}

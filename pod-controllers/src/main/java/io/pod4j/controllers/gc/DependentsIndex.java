package io.pod4j.controllers.gc;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.pod4j.controllers.ObjectKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The garbage collector's dependency graph (kube's {@code GraphBuilder}, reduced to what it needs):
 * for each owner uid the keys of the objects that reference it, kept up to date from every
 * watched change, so that finding an owner's dependents reads no list. Thread-safe: each kind's
 * changes arrive on their own watch thread.
 */
final class DependentsIndex {

    private final Map<String, Set<ObjectKey>> byOwner = new HashMap<>();
    private final Map<ObjectKey, Set<String>> ownersOf = new HashMap<>();

    /** @param refs the object's ownerReferences now; empty once it is gone */
    synchronized void update(ObjectKey object, List<OwnerReference> refs) {
        Set<String> now = new HashSet<>();
        if (refs != null) {
            refs.forEach(r -> now.add(r.getUid()));
        }
        Set<String> before = ownersOf.getOrDefault(object, Set.of());
        for (String uid : before) {
            if (!now.contains(uid)) {
                Set<ObjectKey> deps = byOwner.get(uid);
                if (deps != null) {
                    deps.remove(object);
                    if (deps.isEmpty()) {
                        byOwner.remove(uid);
                    }
                }
            }
        }
        for (String uid : now) {
            byOwner.computeIfAbsent(uid, u -> new HashSet<>()).add(object);
        }
        if (now.isEmpty()) {
            ownersOf.remove(object);
        } else {
            ownersOf.put(object, now);
        }
    }

    /** @return the keys of the objects that reference the owner (a copy) */
    synchronized Set<ObjectKey> dependents(String ownerUid) {
        return Set.copyOf(byOwner.getOrDefault(ownerUid, Set.of()));
    }
}

package io.pod4j.controllers.gc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.controllers.OwnerPatches;
import io.pod4j.controllers.OwnerRefs;
import io.pod4j.controllers.Result;
import io.pod4j.controllers.Stores;
import io.pod4j.controllers.Watched;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import io.pod4j.store.WatchEvent;
import io.pod4j.store.WriteOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The garbage collector: deletes objects whose owners (by ownerReferences) are gone, and carries
 * out foreground ({@code foregroundDeletion} finalizer: dependents first) and orphan ({@code orphan}
 * finalizer: dependents released) deletions, as kube-controller-manager's garbage collector does
 * for the kinds the store serves built in. Decides in {@link GcPlanner}; acts here.
 */
public final class GarbageCollector implements Controller {

    public static final String NAME = "garbage-collector";
    private static final WriteOptions AS_GC = WriteOptions.fieldManager("kube-controller-manager");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;
    private final List<ResourceType<?>> kinds;
    /** The collector's graph, as kube's: owner uid → its dependents' keys, kept from the watched changes. */
    private final DependentsIndex index = new DependentsIndex();

    public GarbageCollector(ObjectStore store) {
        this.store = store;
        this.kinds = ResourceTypes.builtIn().stream().filter(t -> t != ResourceTypes.EVENTS).toList();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Watched<?>> watches() {
        List<Watched<?>> watches = new ArrayList<>();
        for (ResourceType<?> type : kinds) {
            watches.add(watch(type));
        }
        return watches;
    }

    private <T extends HasMetadata> Watched<T> watch(ResourceType<T> type) {
        return new Watched<>(type, e -> keys(type, e));
    }

    /** The object itself when it has owners or waits for the collector; its owners; its dependents once it is going. */
    private Collection<ObjectKey> keys(ResourceType<?> type, WatchEvent<? extends HasMetadata> e) {
        HasMetadata o = e.object();
        Set<ObjectKey> keys = new LinkedHashSet<>();
        boolean gone = e.type() == WatchEvent.Type.DELETED;
        index.update(ObjectKey.of(type, o), gone ? List.of() : o.getMetadata().getOwnerReferences());
        boolean deleting = gone || o.getMetadata().getDeletionTimestamp() != null;
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences() == null ? List.of() : o.getMetadata().getOwnerReferences();
        if (!gone && (!refs.isEmpty() || hasCollectorFinalizer(o))) {
            keys.add(ObjectKey.of(type, o));
        }
        for (OwnerReference r : refs) {
            resolve(r).ifPresent(t -> keys.add(new ObjectKey(t, t.namespaced() ? o.getMetadata().getNamespace() : "", r.getName())));
        }
        if (deleting) {
            keys.addAll(index.dependents(o.getMetadata().getUid()));
        }
        return keys;
    }

    private static boolean hasCollectorFinalizer(HasMetadata o) {
        List<String> f = o.getMetadata().getFinalizers();
        return f != null && (f.contains(GcPlanner.ORPHAN) || f.contains(GcPlanner.FOREGROUND));
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<? extends HasMetadata> found = Stores.find(store, key.type(), key);
        if (found.isEmpty()) {
            return Result.done();
        }
        HasMetadata o = found.get();
        Map<String, OwnerState> owners = new LinkedHashMap<>();
        List<OwnerReference> refs = o.getMetadata().getOwnerReferences() == null ? List.of() : o.getMetadata().getOwnerReferences();
        for (OwnerReference r : refs) {
            owners.put(r.getUid(), state(o, r));
        }
        boolean ownersGone = !refs.isEmpty() && owners.values().stream().noneMatch(s -> s == OwnerState.PRESENT || s == OwnerState.UNKNOWN);
        List<HasMetadata> dependents = hasCollectorFinalizer(o) || ownersGone ? dependents(key.type(), o) : List.of();
        for (GcAction a : GcPlanner.plan(o, owners, dependents)) {
            act(key.type(), o, a);
        }
        return Result.done();
    }

    private void act(ResourceType<?> type, HasMetadata o, GcAction a) {
        if (a instanceof GcAction.Orphan orphan) {
            HasMetadata d = orphan.dependent();
            release(store.types().of(d), d, o.getMetadata().getUid());
        } else if (a instanceof GcAction.DeleteDependent dep) {
            HasMetadata d = dep.dependent();
            ResourceType<?> t = store.types().of(d);
            delete(t, d, dependents(t, d).isEmpty() ? "Background" : "Foreground");
        } else if (a instanceof GcAction.RemoveFinalizer remove) {
            removeFinalizer(type, o, remove.finalizer());
        } else if (a instanceof GcAction.RemoveOwnerReferences removeRefs) {
            for (String uid : removeRefs.ownerUids()) {
                o = release(type, o, uid);
            }
        } else if (a instanceof GcAction.DeleteSelf self) {
            delete(type, o, self.policy());
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> HasMetadata release(ResourceType<T> type, HasMetadata o, String ownerUid) {
        return OwnerPatches.release(store, type, (T) o, ownerUid, NAME);
    }

    private void delete(ResourceType<?> type, HasMetadata o, String policy) {
        try {
            store.delete(type, o.getMetadata().getNamespace(), o.getMetadata().getName(), new DeleteOptionsBuilder()
                    .withPropagationPolicy(policy)
                    .withNewPreconditions().withUid(o.getMetadata().getUid()).endPreconditions().build());
        } catch (StoreException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    private void removeFinalizer(ResourceType<?> type, HasMetadata o, String finalizer) {
        List<String> finalizers = new ArrayList<>(o.getMetadata().getFinalizers());
        finalizers.remove(finalizer);
        ArrayNode patch = JSON.createArrayNode();
        patch.addObject().put("op", "test").put("path", "/metadata/uid").put("value", o.getMetadata().getUid());
        patch.addObject().put("op", "test").put("path", "/metadata/resourceVersion").put("value", o.getMetadata().getResourceVersion());
        var set = patch.addObject().put("op", "replace").put("path", "/metadata/finalizers");
        set.set("value", JSON.valueToTree(finalizers));
        store.patch(type, o.getMetadata().getNamespace(), o.getMetadata().getName(), PatchType.JSON, patch.toString(), AS_GC);
    }

    private OwnerState state(HasMetadata o, OwnerReference r) {
        Optional<ResourceType<?>> type = resolve(r);
        if (type.isEmpty()) {
            return OwnerState.UNKNOWN;
        }
        String ns = type.get().namespaced() ? o.getMetadata().getNamespace() : "";
        Optional<? extends HasMetadata> owner = Stores.find(store, type.get(), ns, r.getName());
        if (owner.isEmpty() || !owner.get().getMetadata().getUid().equals(r.getUid())) {
            return OwnerState.ABSENT;
        }
        HasMetadata ow = owner.get();
        boolean foreground = ow.getMetadata().getDeletionTimestamp() != null && ow.getMetadata().getFinalizers() != null
                && ow.getMetadata().getFinalizers().contains(GcPlanner.FOREGROUND);
        return foreground ? OwnerState.DELETING_DEPENDENTS : OwnerState.PRESENT;
    }

    private Optional<ResourceType<?>> resolve(OwnerReference r) {
        return kinds.stream().filter(t -> OwnerRefs.isOfKind(r, t)).findFirst();
    }

    /** The objects that name the object as an owner, as the graph knows them (read again from the store). */
    private List<HasMetadata> dependents(ResourceType<?> type, HasMetadata owner) {
        String uid = owner.getMetadata().getUid();
        List<HasMetadata> found = new ArrayList<>();
        for (ObjectKey k : index.dependents(uid)) {
            Stores.find(store, k.type(), k).filter(d -> d.getMetadata().getOwnerReferences() != null
                    && d.getMetadata().getOwnerReferences().stream().anyMatch(r -> uid.equals(r.getUid())))
                    .ifPresent(found::add);
        }
        return found;
    }
}

package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.pod4j.store.ResourceType;
import io.pod4j.store.WatchEvent;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One kind a controller watches, and which of the controller's objects a change of it concerns
 * (client-go's event handlers: a ReplicaSet's own changes enqueue it, a Pod's change enqueues the
 * ReplicaSet that controls it).
 *
 * @param type the watched kind
 * @param keys the keys a change enqueues (may be empty); called on the manager's pool, in the order
 *     of the store's changes, so it must be quick; it may read the store
 * @param <T> the kind's class
 */
public record Watched<T extends HasMetadata>(ResourceType<T> type, Function<WatchEvent<T>, Collection<ObjectKey>> keys) {

    public Watched {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(keys, "keys");
    }

    /** @return a watch whose changes enqueue the changed object itself */
    public static <T extends HasMetadata> Watched<T> self(ResourceType<T> type) {
        return new Watched<>(type, e -> List.of(ObjectKey.of(type, e.object())));
    }

    /**
     * @param owner the controller's kind
     * @return a watch whose changes enqueue the object's controller (its ownerReference with
     *     {@code controller: true}) when that is of the owner's kind
     */
    public static <T extends HasMetadata> Watched<T> controlledBy(ResourceType<T> type, ResourceType<?> owner) {
        return new Watched<>(type, e -> {
            OwnerReference ref = OwnerRefs.controllerOf(e.object());
            if (ref == null || !OwnerRefs.isOfKind(ref, owner)) {
                return List.of();
            }
            return List.of(new ObjectKey(owner, e.object().getMetadata().getNamespace(), ref.getName()));
        });
    }
}

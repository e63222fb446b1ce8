package io.pod4j.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * The answer to a list: the objects (private copies), sorted by namespace and name, and the
 * store's resourceVersion at that moment, from which a watch continues without a gap.
 *
 * @param items the selected objects
 * @param resourceVersion the store's version when listed
 * @param <T> the kind's class
 */
public record ObjectList<T extends HasMetadata>(List<T> items, String resourceVersion) {

    public ObjectList {
        items = List.copyOf(items);
    }
}

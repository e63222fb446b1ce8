package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.Event;
import io.pod4j.api.build.Timestamps;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The Events of the store as the engine reads them: a pod's, in order; and their expiry. */
final class EventLog {

    private final ObjectStore store;
    private final Runnable flush;

    /** @param flush waits until the Events reported so far are written (the kubelet writes them off its workers' threads) */
    EventLog(ObjectStore store, Runnable flush) {
        this.store = store;
        this.flush = flush;
    }

    /**
     * @return the pod's events (copies), oldest first: of the pod now of that name, or (when there
     *     is none) of the last one, deleted a moment ago
     */
    List<Event> of(String namespace, String name) {
        flush.run();
        List<Event> all = new ArrayList<>(store.list(ResourceTypes.EVENTS, ListOptions.inNamespace(namespace == null
                ? PodDefaults.DEFAULT_NAMESPACE : namespace).withFieldSelector("involvedObject.name=" + name)).items());
        // Written in order: the resourceVersion breaks ties of the second-resolution timestamps.
        all.sort(Comparator.comparing((Event e) -> e.getLastTimestamp() == null ? "" : e.getLastTimestamp())
                .thenComparingLong(e -> Long.parseLong(e.getMetadata().getResourceVersion())));
        String now = uidNow(namespace, name);
        String uid = now != null ? now
                : all.isEmpty() ? null : all.stream().max(Comparator.comparingLong(
                        (Event e) -> Long.parseLong(e.getMetadata().getResourceVersion()))).get().getInvolvedObject().getUid();
        return all.stream().filter(e -> Objects.equals(uid, e.getInvolvedObject().getUid())).toList();
    }

    private String uidNow(String namespace, String name) {
        try {
            return store.get(ResourceTypes.PODS, namespace, name).getMetadata().getUid();
        } catch (StoreException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Events live an hour, as with the API server's default {@code --event-ttl}. */
    void expire() {
        String cutoff = Timestamps.time(Instant.now().minus(Duration.ofHours(1)));
        for (Event e : store.list(ResourceTypes.EVENTS, ListOptions.all()).items()) {
            if (e.getLastTimestamp() != null && e.getLastTimestamp().compareTo(cutoff) < 0) {
                try {
                    store.delete(ResourceTypes.EVENTS, e.getMetadata().getNamespace(), e.getMetadata().getName(), null);
                } catch (StoreException gone) {
                    // Deleted meanwhile.
                }
            }
        }
    }
}

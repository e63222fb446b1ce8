package io.pod4j.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Configures an {@link ObjectStore}: where it keeps its objects, its watch window, clock, kinds and admission. */
public final class ObjectStoreBuilder {

    private ResourceTypes types = new ResourceTypes();
    private Clock clock = Clock.systemUTC();
    private Path directory;
    private int historySize = 1000;
    private final Map<String, Admission<?>> admissions = new HashMap<>(Admissions.defaults());

    ObjectStoreBuilder() {
    }

    /** Keeps the objects in this directory, so that a store opened on it again finds them. */
    public ObjectStoreBuilder directory(Path directory) {
        this.directory = directory;
        return this;
    }

    /** How many recent changes a watch may start from (default 1000); older ones get 410 Gone. */
    public ObjectStoreBuilder historySize(int changes) {
        this.historySize = changes;
        return this;
    }

    public ObjectStoreBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public ObjectStoreBuilder types(ResourceTypes types) {
        this.types = Objects.requireNonNull(types, "types");
        return this;
    }

    /** Sets the admission of one kind, in place of the default. */
    public <T extends HasMetadata> ObjectStoreBuilder admission(ResourceType<T> type, Admission<T> admission) {
        admissions.put(type.groupResource(), Objects.requireNonNull(admission, "admission"));
        return this;
    }

    public ObjectStore build() {
        return new ObjectStore(this);
    }

    ResourceTypes types() {
        return types;
    }

    Clock clock() {
        return clock;
    }

    Path directory() {
        return directory;
    }

    int historySize() {
        return historySize;
    }

    Map<String, Admission<?>> admissions() {
        return admissions;
    }
}

package io.pod4j.controllers;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.StoreException;
import io.pod4j.store.WriteOptions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A controller's events, written to the store as core/v1 Events on the object they are about,
 * with the controller as their source ({@code kubectl describe deployment} shows them). An event
 * that cannot be written is logged and dropped, as client-go's recorder drops it.
 */
public final class EventRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    private final ObjectStore store;
    private final Clock clock;
    private final String component;

    /** @param component the source, e.g. {@code deployment-controller} */
    public EventRecorder(ObjectStore store, Clock clock, String component) {
        this.store = store;
        this.clock = clock;
        this.component = component;
    }

    public void normal(HasMetadata object, String reason, String message) {
        record(object, "Normal", reason, message);
    }

    public void warning(HasMetadata object, String reason, String message) {
        record(object, "Warning", reason, message);
    }

    private void record(HasMetadata object, String type, String reason, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        String ns = object.getMetadata().getNamespace();
        Event event = new EventBuilder()
                .withNewMetadata()
                        .withName(object.getMetadata().getName() + "." + Long.toHexString(SEQUENCE.incrementAndGet()))
                        .withNamespace(ns == null || ns.isEmpty() ? "default" : ns)
                .endMetadata()
                .withNewInvolvedObject()
                        .withApiVersion(object.getApiVersion()).withKind(object.getKind())
                        .withNamespace(ns).withName(object.getMetadata().getName())
                        .withUid(object.getMetadata().getUid())
                        .withResourceVersion(object.getMetadata().getResourceVersion())
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage(message)
                .withNewSource().withComponent(component).endSource()
                .withReportingComponent(component)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            store.create(event, WriteOptions.fieldManager(component));
        } catch (StoreException e) {
            LOG.debug("{}: event {} on {} not recorded: {}", component, reason, object.getMetadata().getName(), e.getMessage());
        }
    }
}

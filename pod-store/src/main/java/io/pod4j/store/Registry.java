package io.pod4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;

/**
 * The store's write rules for every kind, as the API server's generic registry applies them before
 * anything is stored: what a create fills in, what an update or a subresource may change, admission
 * (defaults and validation per kind), the generation, managedFields. Pure decisions over the stored
 * objects; {@link ObjectStore} calls them under its lock and stores what they return.
 */
final class Registry {

    private static final int GENERATE_NAME_TRIES = 8;

    /** An update decided: the object to store and the stored one it replaces (the same when nothing changed). */
    record Update(ObjectNode obj, ObjectNode old) {
    }

    private final Admissions admissions;
    private final Clock clock;
    private final Keyspace objects;

    Registry(Admissions admissions, Clock clock, Keyspace objects) {
        this.admissions = admissions;
        this.clock = clock;
        this.objects = objects;
    }

    /**
     * Decides a create, as the registry's BeforeCreate: metadata, admission (defaults, validation),
     * generateName, a Service's addresses, managedFields.
     *
     * @param manager the creating manager, null when an apply has set the managedFields
     * @return the object to store, without its resourceVersion
     * @throws StoreException BadRequest, Invalid, AlreadyExists
     */
    ObjectNode forCreate(ResourceType<?> type, ObjectNode obj, String manager) {
        if (!MetaRules.meta(obj).path("resourceVersion").asText("").isEmpty()) {
            throw new StoreException(Statuses.badRequest("resourceVersion should not be set on objects to be created"));
        }
        Instant now = clock.instant();
        MetaRules.placeNamespace(type, obj);
        ObjectNode requested = obj;
        // uid and name before admission: a Job's generated selector and labels carry them.
        obj = obj.deepCopy();
        MetaRules.prepareForCreate(type, obj, now);
        ObjectNode meta = MetaRules.meta(obj);
        String prefix = meta.path("generateName").asText("");
        if (MetaRules.name(obj).isEmpty() && !prefix.isEmpty()) {
            for (int i = 0; i < GENERATE_NAME_TRIES; i++) {
                meta.put("name", MetaRules.generateName(prefix));
                if (!objects.contains(Keyspace.key(type, obj))) {
                    break;
                }
            }
        }
        obj = admissions.mutate(type, Admission.Operation.CREATE, obj, null);
        MetaRules.placeNamespace(type, obj); // defaults may not move an object out of its scope
        MetaRules.prepareForCreate(type, obj, now, MetaRules.meta(obj).path("uid").asText());
        if (PodStrategy.isPod(type)) {
            PodStrategy.prepareForCreate(obj, now);
        }
        List<FieldError> errors = new ArrayList<>(MetaRules.validate(type, obj));
        errors.addAll(admissions.validate(type, Admission.Operation.CREATE, obj, null));
        if (errors.isEmpty() && isService(type)) {
            obj = ServiceAllocation.allocate(obj, null, objects.range(Selection.of(ResourceTypes.SERVICES, ListOptions.all())), errors);
        }
        if (!errors.isEmpty()) {
            throw new StoreException(Statuses.invalid(type, MetaRules.name(obj), errors));
        }
        String key = Keyspace.key(type, obj);
        if (objects.contains(key)) {
            throw new StoreException(Statuses.alreadyExists(type, MetaRules.name(obj)));
        }
        if (manager != null) {
            FieldManager.create(type, requested, obj, manager, now);
        }
        return obj;
    }

    /**
     * Decides an update, as the registry's BeforeUpdate: the resourceVersion precondition, what the
     * main resource or the status subresource may change, admission, the generation, managedFields.
     *
     * @param manager the updating manager, null when an apply has set the managedFields
     * @throws StoreException NotFound, Conflict, Invalid
     */
    Update forUpdate(ResourceType<?> type, ObjectNode incoming, boolean status, String manager) {
        if (status && !type.statusSubresource()) {
            throw new StoreException(Statuses.noSuchResource());
        }
        MetaRules.placeNamespace(type, incoming);
        ObjectNode old = objects.stored(type, MetaRules.namespace(incoming), MetaRules.name(incoming));
        checkPrecondition(type, incoming, old);
        ObjectNode obj = status ? UpdateRules.withStatusOf(old, incoming) : incoming.deepCopy();
        if (status && manager == null) {
            UpdateRules.copyOrRemove(MetaRules.meta(incoming), MetaRules.meta(obj), "managedFields");
        }
        if (!status && type.statusSubresource()) {
            UpdateRules.copyOrRemove(old, obj, "status"); // the main resource does not write status
        }
        MetaRules.keepSystemFields(obj, old);
        List<FieldError> errors = new ArrayList<>();
        if (!status) {
            obj = admissions.mutate(type, Admission.Operation.UPDATE, obj, old);
            MetaRules.placeNamespace(type, obj);
            if (type.tracksGeneration() && UpdateRules.specChanged(type, old, obj)) {
                MetaRules.meta(obj).put("generation", MetaRules.meta(old).path("generation").asLong(0) + 1);
            }
            errors.addAll(MetaRules.validate(type, obj));
            errors.addAll(admissions.validate(type, Admission.Operation.UPDATE, obj, old));
            if (errors.isEmpty() && isService(type)) {
                obj = ServiceAllocation.allocate(obj, old, objects.range(Selection.of(ResourceTypes.SERVICES, ListOptions.all())), errors);
            }
        }
        errors.addAll(0, MetaRules.validateUpdate(obj, old));
        if (!errors.isEmpty()) {
            throw new StoreException(Statuses.invalid(type, MetaRules.name(old), errors));
        }
        MetaRules.meta(obj).set("resourceVersion", MetaRules.meta(old).get("resourceVersion"));
        if (manager != null) {
            FieldManager.update(type, old, obj, manager, status, clock.instant());
        }
        return new Update(obj, old);
    }

    /**
     * Decides a subresource's write (what {@code change} takes from the incoming object into the
     * stored one), as the API server's subresource strategies do: the incoming resourceVersion is a
     * precondition; {@code validate} sees the new object and the old.
     *
     * @throws StoreException NotFound, Conflict, Invalid
     */
    Update forSubresource(ResourceType<?> type, ObjectNode incoming, BinaryOperator<ObjectNode> change,
            BiFunction<ObjectNode, ObjectNode, List<FieldError>> validate) {
        MetaRules.placeNamespace(type, incoming);
        ObjectNode old = objects.stored(type, MetaRules.namespace(incoming), MetaRules.name(incoming));
        checkPrecondition(type, incoming, old);
        ObjectNode obj = change.apply(old, incoming);
        List<FieldError> errors = validate.apply(obj, old);
        if (!errors.isEmpty()) {
            throw new StoreException(Statuses.invalid(type, MetaRules.name(old), errors));
        }
        return new Update(obj, old);
    }

    private static void checkPrecondition(ResourceType<?> type, ObjectNode incoming, ObjectNode old) {
        String rv = MetaRules.meta(incoming).path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(MetaRules.meta(old).path("resourceVersion").asText())) {
            throw new StoreException(Statuses.modified(type, MetaRules.name(old)));
        }
    }

    private static boolean isService(ResourceType<?> type) {
        return type.groupResource().equals(ResourceTypes.SERVICES.groupResource());
    }
}

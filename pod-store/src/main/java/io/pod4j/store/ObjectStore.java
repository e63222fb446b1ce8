package io.pod4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The object store: every Kubernetes object pod4j serves, with the API server's rules in one place
 * (what a create fills in, what may change, what conflicts, what a patch means, how a delete waits),
 * a resourceVersion from one monotonic revision (as etcd's), and watches from any recent revision.
 * Objects go in and come out as private copies; all methods are thread-safe. Refusals are
 * {@link StoreException}s carrying the API server's {@code Status}. The write rules are decided in
 * {@code Registry} (the API server's generic registry), the objects and their revisions kept in
 * {@code Revisions} (etcd's part).
 */
public final class ObjectStore implements AutoCloseable {

    private final Object lock = new Object();
    private final ResourceTypes types;
    private final Clock clock;
    private final Registry registry;
    private final java.nio.file.Path directory;
    private final Revisions log;
    private final Keyspace objects;

    ObjectStore(ObjectStoreBuilder b) {
        this.types = b.types();
        this.clock = b.clock();
        this.directory = b.directory();
        this.log = new Revisions(types, b.directory(), b.historySize());
        this.objects = log.objects();
        this.registry = new Registry(new Admissions(b.admissions()), clock, objects);
    }

    /** @return a store in memory, with the default admission for Pods, ConfigMaps and Secrets */
    public static ObjectStore inMemory() {
        return builder().build();
    }

    public static ObjectStoreBuilder builder() {
        return new ObjectStoreBuilder();
    }

    /** @return the directory the store keeps its objects in; empty for a store in memory */
    public java.util.Optional<java.nio.file.Path> directory() {
        return java.util.Optional.ofNullable(directory);
    }

    /** @return the kinds this store knows */
    public ResourceTypes types() {
        return types;
    }

    /** @return the store's current revision: the resourceVersion of its latest change */
    public String resourceVersion() {
        synchronized (lock) {
            return Long.toString(log.revision());
        }
    }

    /**
     * Creates an object: admission (defaults, validation), then a new uid, creationTimestamp,
     * generation and resourceVersion; {@code generateName} is honoured; a namespaced kind without
     * a namespace goes to {@code default}.
     *
     * @return the stored object
     * @throws StoreException AlreadyExists, Invalid, BadRequest
     */
    public <T extends HasMetadata> T create(T object) {
        return create(object, WriteOptions.DEFAULT);
    }

    /** As {@link #create(HasMetadata)}, recording the fields for the options' field manager. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T create(T object, WriteOptions options) {
        ResourceType<?> type = types.of(object);
        ObjectNode tree = Json.tree(object); // conversions outside the lock: stored trees never change
        ObjectNode created;
        synchronized (lock) {
            created = createLocked(type, tree, options.managerOrDefault(), options.dryRun());
        }
        return (T) Json.object(created, object.getClass());
    }

    /**
     * @param manager the updating manager, null when an apply has set the managedFields
     * @param dryRun decide everything, store nothing
     */
    private ObjectNode createLocked(ResourceType<?> type, ObjectNode obj, String manager, boolean dryRun) {
        ObjectNode created = registry.forCreate(type, obj, manager);
        return log.commit(type, Keyspace.key(type, created), created, null, WatchEvent.Type.ADDED, dryRun);
    }

    /**
     * @param namespace ignored for cluster-scoped kinds
     * @return a copy of the object
     * @throws StoreException NotFound
     */
    public <T extends HasMetadata> T get(ResourceType<T> type, String namespace, String name) {
        ObjectNode found;
        synchronized (lock) {
            found = objects.stored(type, namespace, name);
        }
        return Json.object(found, type.type());
    }

    /**
     * The object as the store holds it, for a server that writes it out as it is (the API server's
     * GET): no conversion to the kind's class and back. The tree is shared: read only, never changed.
     *
     * @param namespace ignored for cluster-scoped kinds
     * @return the stored JSON tree
     * @throws StoreException NotFound
     */
    public ObjectNode getTree(ResourceType<?> type, String namespace, String name) {
        synchronized (lock) {
            return objects.stored(type, namespace, name);
        }
    }

    /**
     * @return the selected objects, sorted by namespace and name, and the store's resourceVersion
     * @throws StoreException BadRequest for a selector that does not parse or names a field the kind lacks
     */
    public <T extends HasMetadata> ObjectList<T> list(ResourceType<T> type, ListOptions options) {
        Selection selection = Selection.of(type, options);
        List<ObjectNode> found = new ArrayList<>();
        String rv;
        synchronized (lock) {
            for (ObjectNode o : objects.range(selection)) {
                if (selection.matches(o)) {
                    found.add(o);
                }
            }
            rv = Long.toString(log.revision());
        }
        List<T> items = new ArrayList<>(found.size());
        found.forEach(o -> items.add(Json.object(o, type.type())));
        return new ObjectList<>(items, rv);
    }

    /**
     * Replaces an object (not its status, for kinds with a status subresource). With a
     * resourceVersion, only if it is still the stored one (optimistic concurrency); without, whatever
     * is stored. An update that changes nothing writes nothing and keeps the resourceVersion.
     *
     * @return the stored object
     * @throws StoreException NotFound, Conflict (stale resourceVersion), Invalid (admission, immutable fields)
     */
    public <T extends HasMetadata> T update(T object) {
        return update(object, WriteOptions.DEFAULT);
    }

    /** As {@link #update(HasMetadata)}, recording the fields for the options' field manager. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T update(T object, WriteOptions options) {
        return write(object, false, options);
    }

    /**
     * Writes an object's status (and its labels and annotations), as the status subresource does:
     * the spec and the rest of the metadata stay as stored.
     *
     * @return the stored object
     * @throws StoreException NotFound (also for kinds without a status subresource), Conflict
     */
    public <T extends HasMetadata> T updateStatus(T object) {
        return updateStatus(object, WriteOptions.DEFAULT);
    }

    /** As {@link #updateStatus(HasMetadata)}, recording the fields for the options' field manager. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T updateStatus(T object, WriteOptions options) {
        return write(object, true, options);
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> T write(T object, boolean status, WriteOptions options) {
        ResourceType<?> type = types.of(object);
        ObjectNode tree = Json.tree(object);
        ObjectNode written;
        synchronized (lock) {
            written = updateLocked(type, tree, status, options.managerOrDefault(), options.dryRun());
        }
        return (T) Json.object(written, object.getClass());
    }

    /**
     * Patches an object: the patch is applied to the stored object, and the result is updated as
     * by {@link #update} (a resourceVersion in the patch is a precondition).
     *
     * @param patch the patch document, JSON
     * @return the stored object
     * @throws StoreException NotFound, Conflict, Invalid, BadRequest, 422 for a patch that cannot apply
     */
    public <T extends HasMetadata> T patch(ResourceType<T> type, String namespace, String name, PatchType patchType,
            String patch) {
        return patch(type, namespace, name, patchType, patch, WriteOptions.DEFAULT);
    }

    /**
     * As {@link #patch(ResourceType, String, String, PatchType, String)}, recording the fields for the
     * options' field manager. {@link PatchType#APPLY} is server-side apply: the patch is the manager's
     * whole configuration (YAML or JSON), the object is created when it does not exist, a field
     * manager is required, and {@code force} takes fields other managers own.
     *
     * @throws StoreException also 409 Conflict (an apply setting fields others own) and 422 for options
     *     the API server refuses (an apply without field manager, force on another patch type)
     */
    public <T extends HasMetadata> T patch(ResourceType<T> type, String namespace, String name, PatchType patchType,
            String patch, WriteOptions options) {
        return patch(type, namespace, name, patchType, patch, options, false);
    }

    /** As {@link #patch}, on the status subresource. */
    public <T extends HasMetadata> T patchStatus(ResourceType<T> type, String namespace, String name,
            PatchType patchType, String patch) {
        return patchStatus(type, namespace, name, patchType, patch, WriteOptions.DEFAULT);
    }

    /** As {@link #patch(ResourceType, String, String, PatchType, String, WriteOptions)}, on the status subresource. */
    public <T extends HasMetadata> T patchStatus(ResourceType<T> type, String namespace, String name,
            PatchType patchType, String patch, WriteOptions options) {
        return patch(type, namespace, name, patchType, patch, options, true);
    }

    private <T extends HasMetadata> T patch(ResourceType<T> type, String namespace, String name, PatchType patchType,
            String patch, WriteOptions options, boolean status) {
        Objects.requireNonNull(patchType, "patchType");
        Applies.checkOptions(patchType, options);
        ObjectNode written;
        synchronized (lock) {
            if (patchType == PatchType.APPLY) {
                written = applyLocked(type, namespace, name, patch, options, status);
            } else {
                ObjectNode current = objects.stored(type, namespace, name);
                ObjectNode patched = Patches.apply(type, current, patchType, patch);
                UpdateRules.checkSameObject(patched, current);
                patched.put("apiVersion", type.apiVersion()).put("kind", type.kind());
                written = updateLocked(type, patched, status, options.managerOrDefault(), options.dryRun());
            }
        }
        return Json.object(written, type.type());
    }

    private ObjectNode applyLocked(ResourceType<?> type, String namespace, String name, String patch,
            WriteOptions options, boolean status) {
        ObjectNode config = Applies.parse(patch);
        ObjectNode current = objects.find(type, namespace, name);
        if (current == null) {
            if (status) {
                throw new StoreException(Statuses.notFound(type, name));
            }
            Applies.checkSameObject(type, config, namespace, name);
            ObjectNode created = FieldManager.apply(type, null, config, options.fieldManager(), options.force(), false,
                    clock.instant());
            if (type.namespaced() && namespace != null && !namespace.isEmpty()) {
                MetaRules.meta(created).put("namespace", namespace);
            }
            return createLocked(type, created, null, options.dryRun());
        }
        Applies.checkSameObject(type, config, MetaRules.namespace(current), name);
        ObjectNode applied = FieldManager.apply(type, current, config, options.fieldManager(), options.force(), status,
                clock.instant());
        return updateLocked(type, applied, status, null, options.dryRun());
    }

    /**
     * Writes a Namespace's {@code spec.finalizers}, as its {@code finalize} subresource does: the rest
     * stays as stored. A namespace being deleted is removed once no finalizer holds it any more.
     *
     * @param namespace the namespace with the finalizers to keep (a resourceVersion is a precondition)
     * @return the stored namespace, or the last state of a removed one
     * @throws StoreException NotFound, Conflict, Invalid (a finalizer name)
     */
    public io.fabric8.kubernetes.api.model.Namespace finalizeNamespace(io.fabric8.kubernetes.api.model.Namespace namespace,
            WriteOptions options) {
        ResourceType<io.fabric8.kubernetes.api.model.Namespace> type = ResourceTypes.NAMESPACES;
        synchronized (lock) {
            ObjectNode written = writeSubresource(type, Json.tree(namespace), options.dryRun(), (old, incoming) -> {
                ObjectNode obj = old.deepCopy();
                JsonNode finalizers = incoming.path("spec").path("finalizers");
                if (finalizers.isArray()) {
                    Json.obj(obj, "spec").set("finalizers", finalizers.deepCopy());
                } else {
                    Json.obj(obj, "spec").remove("finalizers");
                }
                return obj;
            }, (obj, old) -> NamespaceAdmission.finalizerErrors(Json.object(obj, type.type())));
            return Json.object(written, type.type());
        }
    }

    /**
     * Writes a Pod's {@code spec.ephemeralContainers}, as its {@code ephemeralcontainers} subresource
     * does: the rest of the pod stays as stored, and containers may only be added.
     *
     * @param pod the pod with its ephemeral containers (a resourceVersion is a precondition)
     * @return the stored pod
     * @throws StoreException NotFound, Conflict, Invalid ({@link EphemeralContainerRules})
     */
    public io.fabric8.kubernetes.api.model.Pod updateEphemeralContainers(io.fabric8.kubernetes.api.model.Pod pod,
            WriteOptions options) {
        synchronized (lock) {
            return Json.object(writeEphemeralContainers(Json.tree(pod), options), ResourceTypes.PODS.type());
        }
    }

    /** As {@link #updateEphemeralContainers}, the incoming pod being the stored one with the patch applied. */
    public io.fabric8.kubernetes.api.model.Pod patchEphemeralContainers(String namespace, String name, PatchType patchType,
            String patch, WriteOptions options) {
        Objects.requireNonNull(patchType, "patchType");
        if (patchType == PatchType.APPLY) {
            throw new StoreException(Statuses.unprocessable("pod4j does not apply server-side to pods/ephemeralcontainers;"
                    + " send a strategic merge, merge or JSON patch, or an update"));
        }
        ResourceType<io.fabric8.kubernetes.api.model.Pod> type = ResourceTypes.PODS;
        synchronized (lock) {
            ObjectNode current = objects.stored(type, namespace, name);
            ObjectNode patched = Patches.apply(type, current, patchType, patch);
            UpdateRules.checkSameObject(patched, current);
            return Json.object(writeEphemeralContainers(patched, options), type.type());
        }
    }

    private ObjectNode writeEphemeralContainers(ObjectNode incoming, WriteOptions options) {
        return writeSubresource(ResourceTypes.PODS, incoming, options.dryRun(),
                EphemeralContainerRules::withEphemeralContainersOf, EphemeralContainerRules::validate);
    }

    /** Writes one subresource of an object: what {@code change} takes from the incoming object into the stored one. */
    private ObjectNode writeSubresource(ResourceType<?> type, ObjectNode incoming, boolean dryRun,
            java.util.function.BinaryOperator<ObjectNode> change,
            java.util.function.BiFunction<ObjectNode, ObjectNode, List<FieldError>> validate) {
        return write(type, registry.forSubresource(type, incoming, change, validate), dryRun);
    }

    /**
     * Binds a Pod to a node, as the scheduler does through the {@code pods/binding} subresource: sets
     * {@code spec.nodeName} (which no update may change) and the {@code PodScheduled} condition.
     *
     * @return the bound Pod
     * @throws StoreException NotFound; Conflict when it is bound already, being deleted, or still gated
     */
    public io.fabric8.kubernetes.api.model.Pod bind(String namespace, String name, String nodeName) {
        ResourceType<io.fabric8.kubernetes.api.model.Pod> type = ResourceTypes.PODS;
        ObjectNode bound;
        synchronized (lock) {
            ObjectNode current = objects.stored(type, namespace, name);
            String why = PodStrategy.cannotBind(current, name);
            if (why != null) {
                throw new StoreException(Statuses.conflict(type, "pods/binding", name, why));
            }
            bound = current.deepCopy();
            Json.obj(bound, "spec").put("nodeName", nodeName);
            PodStrategy.setScheduled(bound, clock.instant());
            log.commit(type, Keyspace.key(type, current), bound, current, WatchEvent.Type.MODIFIED, false);
        }
        return Json.object(bound, type.type());
    }

    /**
     * Deletes an object as the API server does: a Pod first gets a {@code deletionTimestamp} and a
     * grace period (the request's, else its {@code terminationGracePeriodSeconds}) and is removed when
     * deleted again with grace 0 (the kubelet's confirmation; 0 at once forces it); an object with
     * finalizers is marked and removed when its last finalizer is.
     *
     * @param options grace period and preconditions (uid, resourceVersion), may be null
     * @return the object and whether it is gone
     * @throws StoreException NotFound, Conflict (a precondition failed)
     */
    public <T extends HasMetadata> Deletion<T> delete(ResourceType<T> type, String namespace, String name,
            DeleteOptions options) {
        synchronized (lock) {
            ObjectNode current = objects.stored(type, namespace, name);
            DeleteRules.Plan plan = DeleteRules.plan(type, current, options, clock.instant());
            String key = Keyspace.key(type, current);
            boolean dryRun = options != null && options.getDryRun() != null && options.getDryRun().contains("All");
            return switch (plan.outcome()) {
                case PENDING -> new Deletion<>(Json.object(current, type.type()), false);
                case MARK -> new Deletion<>(Json.object(Json.same(plan.object(), current) ? current
                        : log.commit(type, key, plan.object(), current, WatchEvent.Type.MODIFIED, dryRun), type.type()), false);
                case REMOVE -> {
                    // As the API server: a graceful delete first writes its deletionTimestamp, then removes.
                    ObjectNode last = Json.same(plan.object(), current) ? current
                            : log.commit(type, key, plan.object(), current, WatchEvent.Type.MODIFIED, dryRun);
                    yield new Deletion<>(Json.object(log.remove(type, key, last, last, dryRun), type.type()), true);
                }
            };
        }
    }

    /**
     * Watches one kind. From a resourceVersion: exactly the changes after it, in order, then every
     * new one. Without one (null, empty or "0"): the selected objects as ADDED events, then every
     * change. With selectors, an object that stops matching is seen DELETED, one that starts
     * matching ADDED.
     *
     * @return the watch; close it to stop
     * @throws StoreException 410 Expired when the resourceVersion is older than the kept history
     */
    public <T extends HasMetadata> Watch<T> watch(ResourceType<T> type, ListOptions options) {
        Selection selection = Selection.of(type, options);
        String from = options.resourceVersion();
        synchronized (lock) {
            boolean fromNow = from == null || from.isEmpty() || from.equals("0");
            long after = fromNow ? log.revision() : parseVersion(from);
            List<Watch<T>> self = new ArrayList<>(1);
            Watch<T> watch = new Watch<>(selection, type.type(), after, () -> log.history().forget(self.get(0)));
            self.add(watch);
            if (fromNow) {
                for (ObjectNode o : objects.range(selection)) {
                    if (selection.matches(o)) {
                        watch.offerAdded(o);
                    }
                }
                log.history().follow(watch);
            } else {
                log.history().follow(watch, after);
            }
            return watch;
        }
    }

    /** Ends every open watch. The objects stay where they are (in memory, or in the directory). */
    @Override
    public void close() {
        synchronized (lock) {
            log.history().closeAll();
        }
    }

    /**
     * @param manager the updating manager, null when an apply has set the managedFields
     * @param dryRun decide everything, store nothing
     */
    private ObjectNode updateLocked(ResourceType<?> type, ObjectNode incoming, boolean status, String manager,
            boolean dryRun) {
        return write(type, registry.forUpdate(type, incoming, status, manager), dryRun);
    }

    /** Stores an update: not at all when nothing changed (as etcd: the same bytes are not written again). */
    private ObjectNode write(ResourceType<?> type, Registry.Update u, boolean dryRun) {
        if (Json.same(u.obj(), u.old())) {
            return u.old();
        }
        String key = Keyspace.key(type, u.old());
        if (DeleteRules.removesOnUpdate(u.obj(), u.old())) {
            return log.remove(type, key, u.obj(), u.old(), dryRun);
        }
        return log.commit(type, key, u.obj(), u.old(), WatchEvent.Type.MODIFIED, dryRun);
    }

    private static long parseVersion(String rv) {
        try {
            return Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw new StoreException(Statuses.badRequest("invalid resource version \"" + rv + "\""));
        }
    }
}

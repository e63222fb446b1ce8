package io.pod4j.apiserver.http;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.pod4j.apiserver.discovery.ServedResource;
import io.pod4j.apiserver.discovery.ServedResources;
import io.pod4j.store.Deletion;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import io.pod4j.store.WriteOptions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Namespaces as the API server and its namespace controller keep them: the system namespaces
 * exist, nothing new may be created in one being deleted, and deleting one (the store marks it
 * {@code Terminating}, held by its {@code spec.finalizers: [kubernetes]}) deletes everything in it
 * (pods gracefully), writes the controller's {@link NamespaceConditions} while content remains,
 * and, once it is empty, removes the {@value #FINALIZER} finalizer through the {@code finalize}
 * subresource, which removes the namespace. The store's namespace admission gives a new one its
 * phase, label and finalizer.
 */
final class Namespaces {

    private static final Logger LOG = LoggerFactory.getLogger(Namespaces.class);

    /** The finalizer in {@code spec.finalizers} that keeps a terminating namespace until its contents are gone. */
    static final String FINALIZER = "kubernetes";
    /** What an earlier pod4j held terminating namespaces with (see {@link #upgrade}). */
    private static final String LEGACY_FINALIZER = "pod4j.io/namespace-contents";
    private static final List<String> SYSTEM = List.of("default", "kube-node-lease", "kube-public", "kube-system");
    private static final long CHECK_EVERY_MILLIS = 200;

    private final ObjectStore store;
    private final ScheduledExecutorService timer;

    Namespaces(ObjectStore store, ScheduledExecutorService timer) {
        this.store = store;
        this.timer = timer;
    }

    /**
     * Creates the namespaces every cluster has, where missing, and resumes the deletion of those
     * left terminating by a previous run.
     */
    void start() {
        for (Namespace ns : store.list(ResourceTypes.NAMESPACES, ListOptions.all()).items()) {
            upgrade(ns);
            if (ns.getMetadata().getDeletionTimestamp() != null) {
                String name = ns.getMetadata().getName();
                timer.execute(() -> finishWhenEmpty(name));
            }
        }
        for (String name : SYSTEM) {
            Namespace ns = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
            try {
                store.create(ns);
            } catch (StoreException e) {
                if (!"AlreadyExists".equals(e.reason())) {
                    throw e;
                }
            }
        }
    }

    /**
     * A namespace kept by an earlier pod4j (a supervisor's store) had no {@code spec.finalizers} and
     * was held while terminating by the metadata finalizer {@value #LEGACY_FINALIZER}: it gets the
     * {@value #FINALIZER} finalizer first (so that nothing lets it go with its content), then loses
     * the old one.
     */
    private void upgrade(Namespace ns) {
        boolean legacy = ns.getMetadata().getFinalizers().contains(LEGACY_FINALIZER);
        boolean unheld = ns.getSpec() == null || ns.getSpec().getFinalizers().isEmpty();
        if (!legacy && !(unheld && ns.getMetadata().getDeletionTimestamp() == null)) {
            return;
        }
        Namespace held = new NamespaceBuilder(ns).editOrNewSpec().withFinalizers(FINALIZER).endSpec().build();
        held.getMetadata().setResourceVersion(null);
        store.finalizeNamespace(held, WriteOptions.DEFAULT);
        if (legacy) {
            Namespace current = store.get(ResourceTypes.NAMESPACES, "", ns.getMetadata().getName());
            current.getMetadata().setFinalizers(current.getMetadata().getFinalizers().stream()
                    .filter(f -> !f.equals(LEGACY_FINALIZER)).toList());
            current.getMetadata().setResourceVersion(null);
            store.update(current);
        }
    }

    /**
     * As the NamespaceLifecycle admission plugin: 404 when the namespace does not exist, 403 while
     * it is being deleted.
     */
    void checkAcceptsContent(String namespace, ResourceType<?> type, String name) {
        Namespace ns = store.get(ResourceTypes.NAMESPACES, "", namespace);
        if (ns.getMetadata().getDeletionTimestamp() != null) {
            throw new ApiException(HttpStatuses.forbidden(type.groupResource() + " \"" + (name == null ? "" : name)
                    + "\" is forbidden: unable to create new content in namespace " + namespace
                    + " because it is being terminated"));
        }
    }

    /**
     * Starts deleting a namespace: marked for deletion, phase Terminating, its contents deleted;
     * it is removed once they are gone.
     *
     * @return the namespace as marked
     */
    Namespace delete(String name, DeleteOptions options) {
        Deletion<Namespace> d = store.delete(ResourceTypes.NAMESPACES, "", name, options);
        if (d.gone() || (options.getDryRun() != null && options.getDryRun().contains(DryRuns.ALL))) {
            return d.object(); // no finalizer held it (someone removed them), or nothing was to be done
        }
        sweep(name);
        timer.schedule(() -> finishWhenEmpty(name), CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
        return store.get(ResourceTypes.NAMESPACES, "", name);
    }

    /**
     * One pass of the namespace controller: deletes what is not being deleted yet (pods gracefully),
     * and records on the namespace what remains.
     *
     * @return whether the namespace is empty
     */
    private boolean sweep(String namespace) {
        SortedMap<String, Integer> remaining = new TreeMap<>();
        SortedMap<String, Integer> finalizers = new TreeMap<>();
        ServedResources.all().stream().map(ServedResource::storage).filter(ResourceType::namespaced).distinct()
                .forEach(type -> sweep(type, namespace, remaining, finalizers));
        if (!remaining.isEmpty()) {
            recordConditions(namespace, remaining, finalizers);
        }
        return remaining.isEmpty();
    }

    private <T extends HasMetadata> void sweep(ResourceType<T> type, String namespace, Map<String, Integer> remaining,
            Map<String, Integer> finalizers) {
        for (T item : store.list(type, ListOptions.inNamespace(namespace)).items()) {
            T left = item;
            if (item.getMetadata().getDeletionTimestamp() == null) {
                try {
                    Deletion<T> d = store.delete(type, namespace, item.getMetadata().getName(), null);
                    left = d.gone() ? null : d.object();
                } catch (StoreException e) {
                    left = null;
                    if (e.code() != 404) {
                        LOG.warn("namespace {}: cannot delete {} {}: {}", namespace, type.groupResource(),
                                item.getMetadata().getName(), e.getMessage());
                    }
                }
            }
            if (left != null) {
                // as the namespace controller names a resource: "pods." (core), "deployments.apps"
                remaining.merge(type.plural() + "." + type.group(), 1, Integer::sum);
                left.getMetadata().getFinalizers().forEach(f -> finalizers.merge(f, 1, Integer::sum));
            }
        }
    }

    private void recordConditions(String name, SortedMap<String, Integer> remaining, SortedMap<String, Integer> finalizers) {
        Namespace ns = store.get(ResourceTypes.NAMESPACES, "", name);
        List<NamespaceCondition> before = ns.getStatus().getConditions();
        List<NamespaceCondition> after = NamespaceConditions.after(remaining, finalizers, before,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (!after.equals(before)) {
            ns.getStatus().setConditions(after);
            ns.getMetadata().setResourceVersion(null);
            store.updateStatus(ns);
        }
    }

    private void finishWhenEmpty(String name) {
        try {
            // deletes also what was created meanwhile by someone who did not ask the API
            if (!sweep(name)) {
                timer.schedule(() -> finishWhenEmpty(name), CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            Namespace ns = store.get(ResourceTypes.NAMESPACES, "", name);
            List<String> finalizers = new ArrayList<>(ns.getSpec().getFinalizers());
            finalizers.remove(FINALIZER);
            ns.getSpec().setFinalizers(finalizers);
            ns.getMetadata().setResourceVersion(null);
            store.finalizeNamespace(ns, WriteOptions.DEFAULT);
        } catch (StoreException e) {
            if (e.code() != 404) {
                LOG.warn("namespace {}: cannot finish its deletion: {}; retrying", name, e.getMessage());
                timer.schedule(() -> finishWhenEmpty(name), 1, TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            LOG.warn("namespace {}: cannot finish its deletion; retrying", name, e);
            timer.schedule(() -> finishWhenEmpty(name), 1, TimeUnit.SECONDS);
        }
    }
}

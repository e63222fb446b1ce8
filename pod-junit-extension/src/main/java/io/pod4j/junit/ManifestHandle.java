package io.pod4j.junit;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import io.pod4j.engine.ServiceHandle;
import io.pod4j.store.ResourceType;
import io.pod4j.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The objects of a {@link TestManifest} as they run: each one's current state (with its status),
 * the pods a workload runs, its Services' addresses, and the report of what went wrong. Cheap to
 * read; every read asks the engine's store afresh.
 *
 * <pre>{@code
 * Deployment greeter = manifest.get(Deployment.class, "greeter");
 * List<PodHandle> replicas = manifest.pods(Deployment.class, "greeter");
 * String log = manifest.pods(Job.class, "greeter-client").get(0).logs("client");
 * }</pre>
 */
public final class ManifestHandle {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ManifestHandle.class);

    /** One object of the manifest: where the store keeps it. */
    record Ref(ResourceType<?> type, String namespace, String name) {

        @Override
        public String toString() {
            return type.kind().toLowerCase(java.util.Locale.ROOT) + " " + (type.namespaced() ? namespace + "/" : "") + name;
        }
    }

    private final PodEngine engine;
    private final String source;
    private final List<Ref> refs;
    /** The objects this manifest created (not those it changed): what its scope deletes. */
    private final List<Ref> created;

    private ManifestHandle(PodEngine engine, String source, List<Ref> refs, List<Ref> created) {
        this.engine = engine;
        this.source = source;
        this.refs = List.copyOf(refs);
        this.created = List.copyOf(created);
    }

    /**
     * Applies the objects as {@code kubectl apply} does: through the engine (which creates or
     * patches what it runs), then every other kind its store serves created as it is.
     */
    static ManifestHandle apply(PodEngine engine, String source, List<HasMetadata> objects) {
        List<Ref> refs = new ArrayList<>();
        List<Ref> created = new ArrayList<>();
        for (HasMetadata o : objects) {
            Ref ref = ref(engine, o, source);
            refs.add(ref);
            if (!exists(engine, ref)) {
                created.add(ref);
            }
        }
        List<HasMetadata> rest = objects.stream().filter(o -> !(o instanceof Namespace)).toList();
        List<PodHandle> pods;
        try {
            // Namespaces before what lives in them; the engine applies the rest in its own order.
            for (HasMetadata o : objects) {
                if (o instanceof Namespace && !engine.knows(o)) {
                    engine.store().create(o);
                }
            }
            pods = engine.apply(rest);
            for (HasMetadata o : rest) {
                if (!(o instanceof Pod) && !engine.knows(o)) {
                    engine.store().create(o); // a kind the engine does not apply itself (a ServiceAccount, a claim...)
                }
            }
        } catch (RuntimeException refused) {
            // What was stored before the refusal goes, as with the scope of a manifest that applied.
            try {
                new ManifestHandle(engine, source, refs, created.stream().filter(r -> r.name() != null).toList()).delete();
            } catch (RuntimeException cleanup) {
                refused.addSuppressed(cleanup);
            }
            throw refused;
        }
        // A Pod with generateName has its name now.
        int p = 0;
        for (int i = 0; i < refs.size(); i++) {
            if (objects.get(i) instanceof Pod) {
                Ref named = new Ref(refs.get(i).type(), pods.get(p).namespace(), pods.get(p++).name());
                if (created.remove(refs.get(i)) || refs.get(i).name() == null) {
                    created.add(named);
                }
                refs.set(i, named);
            }
        }
        return new ManifestHandle(engine, source, refs, created);
    }

    private static Ref ref(PodEngine engine, HasMetadata o, String source) {
        ResourceType<?> type = engine.store().types().of(o);
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        if ((name == null || name.isEmpty()) && !(o instanceof Pod)) {
            throw new IllegalArgumentException(source + ": " + type.kind() + " without metadata.name: cannot use generate name with apply");
        }
        String ns = !type.namespaced() ? null
                : o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().isEmpty() ? "default" : o.getMetadata().getNamespace();
        return new Ref(type, ns, name);
    }

    private static boolean exists(PodEngine engine, Ref ref) {
        return ref.name() != null && read(engine, ref).isPresent();
    }

    static Optional<HasMetadata> read(PodEngine engine, Ref ref) {
        try {
            return Optional.of(engine.store().get(ref.type(), ref.namespace(), ref.name()));
        } catch (StoreException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** @return where the manifest was read from: a file, a classpath resource or a method */
    public String source() {
        return source;
    }

    /** @return the manifest's objects as the store has them now (copies, with their status), in manifest order */
    public List<HasMetadata> objects() {
        return refs.stream().map(r -> read(engine, r)).flatMap(Optional::stream).toList();
    }

    /**
     * @param kind the object's fabric8 class, such as {@code Deployment.class}
     * @param name its name
     * @param <T> the class
     * @return the manifest's object as the store has it now (a copy, with its status)
     * @throws IllegalArgumentException when the manifest has no such object
     * @throws NotFoundException when it was deleted
     */
    public <T extends HasMetadata> T get(Class<T> kind, String name) {
        Ref ref = find(kind, name);
        return kind.cast(read(engine, ref).orElseThrow(() -> new NotFoundException(ref.type().plural(), name)));
    }

    /**
     * The pods of one of the manifest's objects, as {@code kubectl get pods} shows them for it: those
     * a workload runs (a Deployment's through its ReplicaSets, a CronJob's through its Jobs), those
     * a Service selects, or the Pod itself.
     *
     * @param kind the object's fabric8 class, such as {@code Deployment.class}
     * @param name its name
     * @return handles on its pods, oldest first
     * @throws IllegalArgumentException when the manifest has no such object
     */
    public List<PodHandle> pods(Class<? extends HasMetadata> kind, String name) {
        return pods(find(kind, name)).stream().map(p -> engine.handle(p.getMetadata().getNamespace(), p.getMetadata().getName())).toList();
    }

    /**
     * @param name the name of one of the manifest's Services
     * @return its handle: {@code endpoint(port)} is its address on this machine
     * @throws IllegalArgumentException when the manifest has no such Service
     */
    public ServiceHandle service(String name) {
        Ref ref = find(Service.class, name);
        return engine.service(ref.namespace(), name);
    }

    /**
     * What a person would run kubectl for when something is wrong, for every object that runs
     * something: its state (and what it waits for), status, conditions and events, then each of
     * its pods' phase, conditions, container states, events and log tails.
     *
     * @param logLines how many log lines per container
     * @return the report
     */
    public String diagnose(int logLines) {
        return ManifestDiagnostics.report(engine, this, logLines);
    }

    @Override
    public String toString() {
        return "manifest " + source;
    }

    // ---------------------------------------------------------------- for the extension

    PodEngine engine() {
        return engine;
    }

    List<Ref> refs() {
        return refs;
    }

    List<Ref> created() {
        return created;
    }

    /**
     * Deletes what the manifest created, in reverse order, as {@code kubectl delete
     * --cascade=foreground}: each object stays until its dependents are gone, so its pods are gone
     * when it is. Their pods are deleted at once (grace period 0) as soon as their owner is being
     * deleted (so that it makes no new ones), as a {@code PodHandle}'s close deletes its pod.
     */
    void delete() {
        long started = System.nanoTime();
        long deadline = started + TEARDOWN.toNanos();
        // Who owns the pods to hurry: the objects and, while they are still there, their ReplicaSets and Jobs.
        Set<String> owners = new java.util.HashSet<>();
        Map<String, PodHandle> seen = new java.util.LinkedHashMap<>();
        for (Ref ref : created) {
            read(engine, ref).ifPresent(o -> owners.add(o.getMetadata().getUid()));
            for (Pod p : ref.type().type() == Service.class ? List.<Pod>of() : pods(ref)) {
                orEmpty(p.getMetadata().getOwnerReferences()).forEach(o -> owners.add(o.getUid()));
                track(seen, p);
            }
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            Ref ref = created.get(i);
            DeleteOptions options = new DeleteOptions();
            if (ref.type().type() == Pod.class) {
                options.setGracePeriodSeconds(0L);
            } else {
                options.setPropagationPolicy("Foreground");
            }
            try {
                engine.store().delete(ref.type(), ref.namespace(), ref.name(), options);
            } catch (StoreException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        Set<String> namespaces = new java.util.TreeSet<>();
        created.stream().map(Ref::namespace).filter(Objects::nonNull).forEach(namespaces::add);
        while (created.stream().anyMatch(r -> read(engine, r).isPresent())) {
            for (String ns : namespaces) {
                for (Pod p : engine.list(ns, null, null)) {
                    if (!ownedBy(p, owners)) {
                        continue;
                    }
                    track(seen, p);
                    Long grace = p.getMetadata().getDeletionGracePeriodSeconds();
                    if ((grace == null || grace > 0) && ownerDeleting(p)) {
                        try {
                            engine.delete(ns, p.getMetadata().getName(), Duration.ZERO);
                        } catch (NotFoundException gone) {
                            // Deleted meanwhile.
                        }
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(source + ": still being deleted after " + TEARDOWN.toSeconds() + "s: "
                        + created.stream().filter(r -> read(engine, r).isPresent()).toList());
            }
            try {
                Thread.sleep(50); // the store has no watch on "any of these gone"; a short poll is cheap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // Gone from the store is not yet gone from Docker: the kubelet side removes their containers a moment later.
        for (PodHandle h : seen.values()) {
            h.awaitDeletion(Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(1).toNanos())));
        }
        LOG.info("{}: deleted after {} ms", source, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void track(Map<String, PodHandle> seen, Pod p) {
        String ns = p.getMetadata().getNamespace();
        String name = p.getMetadata().getName();
        if (!seen.containsKey(ns + "/" + name)) {
            try {
                seen.put(ns + "/" + name, engine.handle(ns, name));
            } catch (NotFoundException gone) {
                // Deleted meanwhile.
            }
        }
    }

    private static final Duration TEARDOWN = Duration.ofSeconds(60);

    /** Its controller is gone or being deleted: it will not replace the pod. */
    private boolean ownerDeleting(Pod p) {
        for (OwnerReference o : orEmpty(p.getMetadata().getOwnerReferences())) {
            if (Boolean.TRUE.equals(o.getController())) {
                return owner(p.getMetadata().getNamespace(), o).map(owner -> owner.getMetadata().getDeletionTimestamp() != null)
                        .orElse(true);
            }
        }
        return true;
    }

    private Ref find(Class<? extends HasMetadata> kind, String name) {
        return refs.stream().filter(r -> r.type().type().equals(kind) && r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(source + " has no " + kind.getSimpleName() + " named \"" + name
                        + "\"; it has " + refs));
    }

    /** The pods an object runs or selects, oldest first. */
    List<Pod> pods(Ref ref) {
        HasMetadata object = read(engine, ref).orElse(null);
        if (object == null) {
            return List.of();
        }
        if (object instanceof Pod pod) {
            return List.of(pod);
        }
        List<Pod> pods;
        if (object instanceof Service s) {
            Map<String, String> selector = s.getSpec().getSelector();
            pods = selector == null || selector.isEmpty() ? List.of()
                    : engine.list(ref.namespace(), LabelSelector.ofLabels(selector), null);
        } else {
            String uid = object.getMetadata().getUid();
            pods = engine.list(ref.namespace(), null, null).stream().filter(p -> ownedBy(p, Set.of(uid))).toList();
        }
        return pods.stream().sorted(java.util.Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                .thenComparing(p -> p.getMetadata().getName())).toList();
    }

    /** Whether one of the owners (by uid) owns the object, directly or through the object's own owner (a ReplicaSet, a Job). */
    boolean ownedBy(HasMetadata object, Set<String> owners) {
        for (OwnerReference o : orEmpty(object.getMetadata().getOwnerReferences())) {
            if (owners.contains(o.getUid())) {
                return true;
            }
            Optional<HasMetadata> owner = owner(object.getMetadata().getNamespace(), o);
            if (owner.isPresent() && orEmpty(owner.get().getMetadata().getOwnerReferences()).stream()
                    .anyMatch(up -> owners.contains(up.getUid()))) {
                return true;
            }
        }
        return false;
    }

    private Optional<HasMetadata> owner(String namespace, OwnerReference o) {
        try {
            ResourceType<?> type = engine.store().types().forKind(o.getApiVersion(), o.getKind());
            return read(engine, new Ref(type, namespace, o.getName()))
                    .filter(owner -> Objects.equals(owner.getMetadata().getUid(), o.getUid()));
        } catch (RuntimeException unknownKind) {
            return Optional.empty();
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

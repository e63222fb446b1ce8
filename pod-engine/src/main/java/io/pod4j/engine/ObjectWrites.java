package io.pod4j.engine;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pod4j.api.build.Copies;
import io.pod4j.api.error.NotFoundException;
import io.pod4j.api.validation.PodDefaults;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.PatchType;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's writes that are not a Pod's creation or deletion, as kubectl makes them through
 * the API server: apply (ConfigMaps, Secrets and Services all or none, then storage, workloads, then Pods,
 * each created or patched), put,
 * and the patches of a pod's labels, annotations and images. See the methods of {@link PodEngine}
 * that delegate here for what each promises.
 */
final class ObjectWrites {

    private final LocalBackend engine;
    private final ObjectStore store;

    ObjectWrites(LocalBackend engine, ObjectStore store) {
        this.engine = engine;
        this.store = store;
    }

    List<Pod> apply(List<? extends HasMetadata> objects) {
        List<Pod> pods = new ArrayList<>();
        List<Runnable> undo = new ArrayList<>();
        try {
            for (HasMetadata o : objects) {
                if (o instanceof ConfigMap || o instanceof Secret || o instanceof Service) {
                    undo.add(0, StoreErrors.call(() -> write(o)));
                }
            }
        } catch (RuntimeException refused) {
            undo.forEach(Runnable::run); // all of a manifest's ConfigMaps and Secrets, or none
            throw refused;
        }
        for (HasMetadata o : objects) {
            if (isStorage(o)) {
                applyWorkload(o); // before the workloads, whose pods mount them
            }
        }
        for (HasMetadata o : objects) {
            if (isWorkload(o)) {
                applyWorkload(o);
            }
        }
        for (HasMetadata o : objects) {
            if (o instanceof Pod pod) {
                String ns = namespaceOf(pod);
                String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
                if (name != null && engine.get(ns, name).isPresent()) {
                    pods.add(StoreErrors.call(() -> store.patch(ResourceTypes.PODS, ns, name, PatchType.STRATEGIC_MERGE,
                            Json.write(Json.applied(pod)))));
                } else {
                    pods.add(engine.create(pod, null));
                }
            }
        }
        return pods;
    }

    /** Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs: the controllers make their Pods. */
    static boolean isWorkload(HasMetadata o) {
        return o instanceof Deployment || o instanceof ReplicaSet || o instanceof StatefulSet || o instanceof DaemonSet
                || o instanceof Job || o instanceof CronJob;
    }

    /** StorageClasses, PersistentVolumes, PersistentVolumeClaims: created or patched as workloads are. */
    static boolean isStorage(HasMetadata o) {
        return o instanceof io.fabric8.kubernetes.api.model.PersistentVolumeClaim
                || o instanceof io.fabric8.kubernetes.api.model.PersistentVolume
                || o instanceof io.fabric8.kubernetes.api.model.storage.StorageClass;
    }

    /** Created, or (as kubectl apply patches what exists) changed by a strategic merge patch of the manifest. */
    private void applyWorkload(HasMetadata o) {
        var type = store.types().of(o);
        String ns = namespaceOf(o);
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        if (name != null && knows(o)) {
            StoreErrors.call(() -> store.patch(type, ns, name, PatchType.STRATEGIC_MERGE, Json.applied(o).toString()));
        } else {
            StoreErrors.call(() -> store.create(o));
        }
    }

    void put(HasMetadata object) {
        StoreErrors.call(() -> write(object));
    }

    /** @return what undoes the write: the object removed, or its previous version back */
    private Runnable write(HasMetadata object) {
        var type = store.types().of(object);
        String ns = namespaceOf(object);
        String name = object.getMetadata().getName();
        try {
            store.create(object);
            return () -> store.delete(type, ns, name, null);
        } catch (StoreException e) {
            if (!"AlreadyExists".equals(e.reason())) {
                throw e;
            }
        }
        HasMetadata previous = store.get(type, ns, name);
        HasMetadata replacement = Copies.of(object);
        replacement.getMetadata().setResourceVersion(null);
        store.update(replacement);
        return () -> {
            previous.getMetadata().setResourceVersion(null);
            store.update(previous);
        };
    }

    boolean knows(HasMetadata object) {
        var type = store.types().of(object);
        try {
            store.get(type, namespaceOf(object), object.getMetadata().getName());
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    Pod updateMetadata(String namespace, String name, Map<String, String> labels, Map<String, String> annotations) {
        String patch = "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":" + Json.write(labels == null ? Map.of() : labels)
                + "},{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":"
                + Json.write(annotations == null ? Map.of() : annotations) + "}]";
        return StoreErrors.call(() -> store.patch(ResourceTypes.PODS, namespace, name, PatchType.JSON, patch));
    }

    Pod updateImages(String namespace, String name, Map<String, String> images) {
        Pod pod = engine.get(namespace, name).orElseThrow(() -> new NotFoundException("pods", name));
        List<Map<String, String>> inits = new ArrayList<>();
        List<Map<String, String>> apps = new ArrayList<>();
        for (var e : images.entrySet()) {
            boolean init = orEmpty(pod.getSpec().getInitContainers()).stream().anyMatch(c -> c.getName().equals(e.getKey()));
            boolean app = orEmpty(pod.getSpec().getContainers()).stream().anyMatch(c -> c.getName().equals(e.getKey()));
            if (!init && !app) {
                throw new IllegalArgumentException("pod " + namespace + "/" + name + " has no container \"" + e.getKey()
                        + "\"; its containers are named in spec.initContainers and spec.containers");
            }
            Map<String, String> c = new LinkedHashMap<>();
            c.put("name", e.getKey());
            c.put("image", e.getValue() == null ? "" : e.getValue());
            (init ? inits : apps).add(c);
        }
        String patch = Json.write(Map.of("spec", Map.of("initContainers", inits, "containers", apps)));
        return StoreErrors.call(() -> store.patch(ResourceTypes.PODS, namespace, name, PatchType.STRATEGIC_MERGE, patch));
    }

    static String namespaceOf(HasMetadata o) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        return ns == null || ns.isEmpty() ? PodDefaults.DEFAULT_NAMESPACE : ns;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}

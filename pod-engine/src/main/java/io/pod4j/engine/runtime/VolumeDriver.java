package io.pod4j.engine.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.pod4j.controllers.Controller;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.controllers.Result;
import io.pod4j.controllers.Stores;
import io.pod4j.controllers.Watched;
import io.pod4j.controllers.volume.LocalVolumes;
import io.pod4j.engine.docker.Labels;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.WriteOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker side of pod4j's provisioner ({@link LocalVolumes}), as a CSI driver: one Docker volume
 * per provisioned PersistentVolume, created when the volume appears and removed when it is
 * deleted (then its provisioner finalizer goes). The volume carries the claim's namespace, name
 * and uid and the store that holds it ({@link Labels#STORE}), so the reaper can remove it when
 * that store is gone. Claims that change wake the pods waiting for them.
 */
public final class VolumeDriver implements Controller {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeDriver.class);

    private final DockerClient docker;
    private final ObjectStore store;
    private final String storeId;
    private final Map<String, String> labels;
    private final Runnable claimsChanged;

    private VolumeDriver(DockerClient docker, ObjectStore store, String storeId, Map<String, String> owner,
            Runnable claimsChanged) {
        this.docker = docker;
        this.store = store;
        this.storeId = storeId;
        Map<String, String> l = new HashMap<>(owner);
        l.put(Labels.MANAGED, "true");
        l.put(Labels.STORE, storeId);
        this.labels = Map.copyOf(l);
        this.claimsChanged = claimsChanged;
    }

    /**
     * Installs the driver for an engine's store: the default class {@code standard} is created when
     * the store has no class of that name (as kind's installation creates its local-path class).
     *
     * @param docker the engine
     * @param store the store
     * @param owner the owner labels of this engine
     * @param claimsChanged wakes the pods that wait for a claim
     * @return the driver, a controller to run beside the built-in ones
     */
    public static VolumeDriver install(DockerClient docker, ObjectStore store, Map<String, String> owner,
            Runnable claimsChanged) {
        // What Labels.STORE names the store: its directory, or a new id for a store in memory.
        String storeId = store.directory().map(d -> d.toAbsolutePath().toString())
                .orElseGet(() -> "memory:" + java.util.UUID.randomUUID());
        try {
            store.create(LocalVolumes.defaultClass(), WriteOptions.fieldManager("pod4j"));
        } catch (io.pod4j.store.StoreException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
        return new VolumeDriver(docker, store, storeId, owner, claimsChanged);
    }

    @Override
    public String name() {
        return "pod4j-volume-driver";
    }

    @Override
    public List<Watched<?>> watches() {
        return List.of(Watched.self(ResourceTypes.PERSISTENT_VOLUMES),
                new Watched<>(ResourceTypes.PERSISTENT_VOLUME_CLAIMS, e -> {
                    claimsChanged.run();
                    return List.of();
                }));
    }

    @Override
    public Result reconcile(ObjectKey key) {
        PersistentVolume pv = Stores.find(store, ResourceTypes.PERSISTENT_VOLUMES, key).orElse(null);
        if (pv == null || !LocalVolumes.isLocal(pv)) {
            return Result.done();
        }
        String name = ClaimMounts.dockerName(pv);
        List<String> finalizers = pv.getMetadata().getFinalizers() == null ? List.of() : pv.getMetadata().getFinalizers();
        if (pv.getMetadata().getDeletionTimestamp() != null) {
            if (finalizers.contains(LocalVolumes.PROVISIONER_FINALIZER)) {
                try {
                    docker.removeVolumeCmd(name).exec(); // refused while a container still mounts it: retried
                    LOG.info("volume {}: Docker volume {} removed", pv.getMetadata().getName(), name);
                } catch (NotFoundException gone) {
                    // Removed already.
                }
                pv.getMetadata().setFinalizers(finalizers.stream().filter(f -> !f.equals(LocalVolumes.PROVISIONER_FINALIZER))
                        .toList());
                store.update(pv, WriteOptions.fieldManager(name()));
            }
            return Result.done();
        }
        try {
            docker.inspectVolumeCmd(name).exec();
        } catch (NotFoundException missing) {
            var ref = pv.getSpec().getClaimRef();
            Map<String, String> l = new HashMap<>(labels);
            if (ref != null) {
                l.put(Labels.NAMESPACE, ref.getNamespace());
                l.put(Labels.CLAIM, ref.getName());
                l.put(Labels.CLAIM_UID, ref.getUid() == null ? "" : ref.getUid());
            }
            docker.createVolumeCmd().withName(name).withLabels(l).exec();
            claimsChanged.run(); // a pod may wait for it
        }
        return Result.done();
    }

    /** The engine closes with its pods gone: a store in memory goes too, and its claims' Docker volumes with it. */
    public void storeClosing() {
        if (store.directory().isPresent()) {
            return; // a kept store keeps its claims, and their volumes stay for its next engine
        }
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.STORE + "=" + storeId)).exec().getVolumes();
        for (var v : volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes) {
            try {
                docker.removeVolumeCmd(v.getName()).exec();
            } catch (RuntimeException e) {
                LOG.warn("cannot remove volume {}: {}", v.getName(), e.getMessage());
            }
        }
    }
}

package io.pod4j.engine.reaper;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.pod4j.engine.docker.Labels;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes orphans: pods whose owner died without cleaning up (killed with -9), unless they were
 * started detached. A pod's owners are the engine that runs it and, for a pod created for another
 * process (a {@code pod4j kubelet}'s static pods), that process; when either is dead the pod is an
 * orphan. Needs no image (unlike Testcontainers' Ryuk): every engine sweeps when it starts and
 * every few seconds while it runs, and this is the one way orphans go, whoever finds them.
 *
 * <p>An orphan is killed at once, as {@code kubectl delete --grace-period=0 --force} does: no
 * preStop hook, no grace period, since no owner is left to wait for a graceful end and the
 * promise is that nothing stays for long. One log line names the dead owner.
 *
 * <p>A claim's Docker volume outlives pods and engines as long as the store that holds the claim:
 * it goes when that store is gone (a store in memory with its process, a kept store with its
 * directory).
 */
public final class Reaper {

    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    /** The sweeping engine's own pods: an orphan among them is deleted through its engine. */
    public interface OwnPods {
        /**
         * @param podUid the uid of an orphaned pod
         * @return true when the engine runs that pod and has started killing it at once
         */
        boolean killNow(String podUid);
    }

    /**
     * An orphaned pod.
     *
     * @param uid the pod's uid
     * @param namespace its namespace
     * @param name its name
     * @param deadOwner the owner that is gone
     */
    record Orphan(String uid, String namespace, String name, Owner deadOwner) {
    }

    private final DockerClient docker;
    private final Owner self;
    private final OwnPods own;
    private final Set<String> reported = new HashSet<>();

    /**
     * @param docker the client
     * @param self the current process, never reaped
     * @param own the pods the current engine runs
     */
    public Reaper(DockerClient docker, Owner self, OwnPods own) {
        this.docker = docker;
        this.self = self;
        this.own = own;
    }

    /**
     * Decides which pods are orphans; pure.
     *
     * @param containers the labels of every managed container
     * @param self the current process, alive by definition
     * @param alive tells whether an owner's process is alive
     * @return the orphaned pods by uid
     */
    static Map<String, Orphan> orphans(List<Map<String, String>> containers, Owner self, Predicate<Owner> alive) {
        Map<String, Orphan> orphans = new LinkedHashMap<>();
        for (Map<String, String> labels : containers) {
            String uid = labels.get(Labels.POD_UID);
            if (uid == null || orphans.containsKey(uid) || "true".equals(labels.get(Labels.DETACHED))) {
                continue;
            }
            Owner engine = Owner.parse(labels.get(Labels.OWNER)).orElse(null);
            Owner createdFor = Owner.parse(labels.get(Labels.CREATED_FOR)).orElse(null);
            Owner dead = engine != null && !engine.equals(self) && !alive.test(engine) ? engine
                    : createdFor != null && !createdFor.equals(self) && !alive.test(createdFor) ? createdFor
                    : null;
            if (dead != null) {
                orphans.put(uid, new Orphan(uid, labels.get(Labels.NAMESPACE), labels.get(Labels.POD), dead));
            }
        }
        return orphans;
    }

    /**
     * Decides which claims' Docker volumes are orphans, pure: those whose store is gone, a store in
     * memory when its owner process is dead, a store's directory when it no longer exists.
     *
     * @param volumes the labels of every claim volume, by volume name
     * @param self the current process, alive by definition
     * @param alive tells whether an owner's process is alive
     * @param directoryExists tells whether a store directory of this machine exists
     * @return the names of the volumes to remove
     */
    static List<String> orphanedClaimVolumes(Map<String, Map<String, String>> volumes, Owner self, Predicate<Owner> alive,
            Predicate<String> directoryExists) {
        List<String> out = new java.util.ArrayList<>();
        volumes.forEach((name, labels) -> {
            String store = labels.get(Labels.STORE);
            Owner owner = Owner.parse(labels.get(Labels.OWNER)).orElse(null);
            if (store == null || owner == null || owner.equals(self)) {
                return;
            }
            boolean gone = store.startsWith("memory:") ? !alive.test(owner)
                    : owner.host().equals(self.host()) && !directoryExists.test(store);
            if (gone) {
                out.add(name);
            }
        });
        return out;
    }

    /** Kills and removes every orphaned pod, and the Docker volumes of claims whose store is gone. Never throws. */
    public synchronized void sweep() {
        sweepClaimVolumes();
        try {
            List<Container> all = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.MANAGED, "true")).exec();
            Map<String, Orphan> orphans = orphans(all.stream().map(Container::getLabels).toList(), self, Owner::isAliveHere);
            reported.retainAll(orphans.keySet());
            for (Orphan o : orphans.values()) {
                if (reported.add(o.uid())) {
                    LOG.info("pod {}/{} is an orphan: its owner process {} on {} is gone; killing it at once",
                            o.namespace(), o.name(), o.deadOwner().pid(), o.deadOwner().host());
                }
            }
            Set<String> elsewhere = new HashSet<>();
            for (Orphan o : orphans.values()) {
                if (!own.killNow(o.uid())) {
                    elsewhere.add(o.uid()); // a dead engine's pod: nobody runs it, so its objects go directly
                }
            }
            // Infra containers last: Podman refuses to remove a container others joined while they exist.
            for (boolean infra : new boolean[] {false, true}) {
                for (Container c : all) {
                    if (elsewhere.contains(c.getLabels().get(Labels.POD_UID))
                            && infra == Labels.INFRA_CONTAINER.equals(c.getLabels().get(Labels.CONTAINER))) {
                        remove(c.getId());
                    }
                }
            }
            for (String uid : elsewhere) {
                removeVolumes(uid);
            }
        } catch (RuntimeException e) {
            LOG.debug("reaper sweep failed: {}", e.toString());
        }
    }

    private void sweepClaimVolumes() {
        try {
            var listed = docker.listVolumesCmd().withFilter("label", List.of(Labels.CLAIM_UID)).exec().getVolumes();
            Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
            for (var v : listed == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : listed) {
                volumes.put(v.getName(), v.getLabels() == null ? Map.of() : v.getLabels());
            }
            for (String name : orphanedClaimVolumes(volumes, self, Owner::isAliveHere,
                    d -> java.nio.file.Files.isDirectory(java.nio.file.Path.of(d)))) {
                try {
                    docker.removeVolumeCmd(name).exec();
                    LOG.info("volume {} is an orphan: the store that held its claim is gone; removed", name);
                } catch (DockerException e) {
                    LOG.debug("volume {}: {}", name, e.getMessage()); // still mounted by an orphan: next sweep
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("reaper sweep of claim volumes failed: {}", e.toString());
        }
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec(); // SIGKILL, then removal
        } catch (NotFoundException gone) {
            // Removed by someone else meanwhile.
        } catch (DockerException e) {
            LOG.debug("container {}: {}", id, e.getMessage());
        }
    }

    private void removeVolumes(String uid) {
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.POD_UID + "=" + uid)).exec().getVolumes();
        if (volumes == null) {
            return;
        }
        for (var v : volumes) {
            try {
                docker.removeVolumeCmd(v.getName()).exec();
            } catch (DockerException e) {
                LOG.debug("volume {}: {}", v.getName(), e.getMessage());
            }
        }
    }
}

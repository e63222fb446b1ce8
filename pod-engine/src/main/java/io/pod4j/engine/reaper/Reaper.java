package io.pod4j.engine.reaper;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.pod4j.engine.docker.Labels;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes pods whose owning process died without cleaning up (killed with -9), unless they were
 * started detached. Needs no image (unlike Testcontainers' Ryuk): every engine sweeps when it
 * starts and every few seconds while it runs.
 */
public final class Reaper {

    private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

    private final DockerClient docker;
    private final Owner self;

    /**
     * @param docker the client
     * @param self the current process, never reaped
     */
    public Reaper(DockerClient docker, Owner self) {
        this.docker = docker;
        this.self = self;
    }

    /** Removes the Docker objects of every orphaned pod. Never throws. */
    public void sweep() {
        try {
            List<Container> all = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.MANAGED, "true")).exec();
            Set<String> orphanedPods = new HashSet<>();
            for (Container c : all) {
                Map<String, String> labels = c.getLabels();
                if ("true".equals(labels.get(Labels.DETACHED))) {
                    continue;
                }
                Owner owner = Owner.parse(labels.get(Labels.OWNER)).orElse(null);
                if (owner == null || owner.equals(self) || owner.isAliveHere()) {
                    continue;
                }
                String uid = labels.get(Labels.POD_UID);
                if (uid != null && orphanedPods.add(uid)) {
                    LOG.info("removing pod {}/{} left behind by dead process {}", labels.get(Labels.NAMESPACE),
                            labels.get(Labels.POD), owner.id());
                }
            }
            // Infra containers last: Podman refuses to remove a container others joined while they exist.
            for (boolean infra : new boolean[] {false, true}) {
                for (Container c : all) {
                    if (orphanedPods.contains(c.getLabels().get(Labels.POD_UID))
                            && infra == Labels.INFRA_CONTAINER.equals(c.getLabels().get(Labels.CONTAINER))) {
                        remove(c.getId());
                    }
                }
            }
            for (String uid : orphanedPods) {
                var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.POD_UID + "=" + uid)).exec().getVolumes();
                if (volumes != null) {
                    for (var v : volumes) {
                        try {
                            docker.removeVolumeCmd(v.getName()).exec();
                        } catch (DockerException e) {
                            LOG.debug("volume {}: {}", v.getName(), e.getMessage());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("reaper sweep failed: {}", e.toString());
        }
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // Removed by someone else meanwhile.
        } catch (DockerException e) {
            LOG.debug("container {}: {}", id, e.getMessage());
        }
    }
}

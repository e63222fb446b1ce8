package io.pod4j.engine.runtime;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.pod4j.controllers.volume.LocalVolumes;

/**
 * Where a pod's {@code persistentVolumeClaim} volume lives: the claim's bound PersistentVolume,
 * either one of pod4j's (a Docker volume, named after the volume's CSI handle) or a static volume
 * of the host ({@code hostPath} or {@code local}, bind-mounted).
 */
final class ClaimMounts {

    /** The Docker volume's name prefix: {@code pod4j-pvc-<claim uid>}. */
    static final String DOCKER_PREFIX = "pod4j-";

    /**
     * What backs a claim volume.
     *
     * @param source a Docker volume's name or a host path
     * @param hostPath whether source is a path of the engine's host
     */
    record Source(String source, boolean hostPath) {
    }

    private ClaimMounts() {
    }

    /**
     * @param pod the pod
     * @param v its persistentVolumeClaim volume
     * @param objects the store's claims and volumes
     * @return what to mount
     * @throws ContainerConfigException in the kubelet's words, when the claim or its volume is missing
     */
    static Source of(Pod pod, Volume v, EngineContext.ObjectStore objects) throws ContainerConfigException {
        String ns = pod.getMetadata().getNamespace();
        String claimName = v.getPersistentVolumeClaim().getClaimName();
        PersistentVolumeClaim claim = objects.claim(ns, claimName).orElseThrow(() -> new ContainerConfigException(
                "MountVolume.SetUp failed for volume \"" + v.getName() + "\" : persistentvolumeclaim \"" + claimName + "\" not found"));
        String volumeName = claim.getSpec().getVolumeName();
        PersistentVolume pv = volumeName == null || volumeName.isEmpty() ? null : objects.volume(volumeName).orElse(null);
        if (pv == null) {
            throw new ContainerConfigException("MountVolume.SetUp failed for volume \"" + v.getName()
                    + "\" : PVC " + ns + "/" + claimName + " has no bound volume");
        }
        if (LocalVolumes.isLocal(pv)) {
            return new Source(dockerName(pv), false);
        }
        if (pv.getSpec().getHostPath() != null) {
            return new Source(pv.getSpec().getHostPath().getPath(), true);
        }
        if (pv.getSpec().getLocal() != null) {
            return new Source(pv.getSpec().getLocal().getPath(), true);
        }
        throw new ContainerConfigException("MountVolume.SetUp failed for volume \"" + v.getName() + "\" : volume "
                + pv.getMetadata().getName() + " has a source pod4j cannot mount (hostPath, local and " + LocalVolumes.PROVISIONER
                + " volumes only)");
    }

    /** @return the Docker volume of one of pod4j's PersistentVolumes */
    public static String dockerName(PersistentVolume pv) {
        return DOCKER_PREFIX + pv.getSpec().getCsi().getVolumeHandle();
    }
}

package io.pod4j.controllers.volume;

/**
 * What one sync of a PersistentVolume does, decided by {@link VolumePlanner#volume}.
 *
 * @param phase the phase to write, or null when it is right
 * @param delete whether to delete the volume (released, reclaim policy Delete)
 * @param unprotect whether to remove {@code kubernetes.io/pv-protection} (deleted and not bound)
 */
public record VolumePlan(String phase, boolean delete, boolean unprotect) {
}

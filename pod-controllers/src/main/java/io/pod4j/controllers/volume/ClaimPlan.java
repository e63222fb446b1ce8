package io.pod4j.controllers.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;

/**
 * What one sync of a claim does, decided by {@link VolumePlanner#claim}; the first non-null step
 * is taken, the others wait for the change it makes.
 *
 * @param storageClass the default class to write into a claim that names none, or null
 * @param provision a volume to create for the claim, or null
 * @param volume the volume the claim is (to be) bound to, or null
 * @param status the claim's status to write
 * @param event an event to record on the claim, or null
 */
public record ClaimPlan(String storageClass, PersistentVolume provision, PersistentVolume volume,
        PersistentVolumeClaimStatus status, Event event) {

    /**
     * One event.
     *
     * @param warning Warning or Normal
     * @param reason e.g. {@code ProvisioningFailed}
     * @param message in the controller's words
     */
    public record Event(boolean warning, String reason, String message) {
    }
}

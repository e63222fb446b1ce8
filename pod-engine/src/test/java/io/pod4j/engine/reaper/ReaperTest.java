package io.pod4j.engine.reaper;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.engine.docker.Labels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReaperTest {

    private static final Owner SELF = new Owner("host", 100, 1000);
    private static final Owner LIVE_ENGINE = new Owner("host", 200, 2000);
    private static final Owner DEAD_ENGINE = new Owner("host", 300, 3000);
    private static final Owner LIVE_KUBELET = new Owner("host", 400, 4000);
    private static final Owner DEAD_KUBELET = new Owner("host", 500, 5000);
    private static final Set<Owner> ALIVE = Set.of(LIVE_ENGINE, LIVE_KUBELET);

    private static Map<String, String> container(String pod, Owner engine, Owner createdFor) {
        Map<String, String> labels = new HashMap<>(Map.of(Labels.MANAGED, "true", Labels.NAMESPACE, "default",
                Labels.POD, pod, Labels.POD_UID, "uid-" + pod, Labels.OWNER, engine.id(), Labels.DETACHED, "false"));
        if (createdFor != null) {
            labels.put(Labels.CREATED_FOR, createdFor.id());
        }
        return labels;
    }

    private static Map<String, Reaper.Orphan> orphans(List<Map<String, String>> containers) {
        return Reaper.orphans(containers, SELF, ALIVE::contains);
    }

    @Test
    void aPodOfADeadEngineIsAnOrphanNamingThatEngine() {
        var orphans = orphans(List.of(container("web", DEAD_ENGINE, null), container("web", DEAD_ENGINE, null)));

        assertThat(orphans.values()).containsExactly(new Reaper.Orphan("uid-web", "default", "web", DEAD_ENGINE));
    }

    @Test
    void aPodCreatedForADeadProcessIsAnOrphanEvenWhenItsEngineLives() {
        var orphans = orphans(List.of(container("mine", SELF, DEAD_KUBELET), container("other", LIVE_ENGINE, DEAD_KUBELET)));

        assertThat(orphans).containsOnlyKeys("uid-mine", "uid-other");
        assertThat(orphans.get("uid-mine").deadOwner()).isEqualTo(DEAD_KUBELET);
    }

    @Test
    void aPodWhoseOwnersAllLiveIsNoOrphan() {
        var orphans = orphans(List.of(container("a", SELF, null), container("b", LIVE_ENGINE, null),
                container("c", SELF, LIVE_KUBELET)));

        assertThat(orphans).isEmpty();
    }

    @Test
    void aDetachedPodIsNeverAnOrphan() {
        Map<String, String> detached = container("kept", DEAD_ENGINE, DEAD_KUBELET);
        detached.put(Labels.DETACHED, "true");

        assertThat(orphans(List.of(detached))).isEmpty();
    }

    @Test
    void aContainerWithoutOwnerLabelsIsLeftAlone() {
        Map<String, String> foreign = container("foreign", DEAD_ENGINE, null);
        foreign.remove(Labels.OWNER);

        assertThat(orphans(List.of(foreign))).isEmpty();
    }

    private static Map<String, String> claimVolume(String store, Owner owner) {
        return Map.of(Labels.MANAGED, "true", Labels.CLAIM, "data", Labels.CLAIM_UID, "uid-data", Labels.STORE, store,
                Labels.OWNER, owner.id());
    }

    @Test
    void aClaimVolumeOfAStoreInMemoryGoesWithItsOwnerProcess() {
        Map<String, Map<String, String>> volumes = new java.util.LinkedHashMap<>();
        volumes.put("pod4j-pvc-dead", claimVolume("memory:a", DEAD_ENGINE));
        volumes.put("pod4j-pvc-live", claimVolume("memory:b", LIVE_ENGINE));
        volumes.put("pod4j-pvc-self", claimVolume("memory:c", SELF));

        assertThat(Reaper.orphanedClaimVolumes(volumes, SELF, ALIVE::contains, d -> true)).containsExactly("pod4j-pvc-dead");
    }

    @Test
    void aClaimVolumeOfAKeptStoreOutlivesItsOwnerUntilTheStoreDirectoryIsGone() {
        Map<String, Map<String, String>> volumes = new java.util.LinkedHashMap<>();
        volumes.put("pod4j-pvc-kept", claimVolume("/home/u/.pod4j/store", DEAD_ENGINE));
        volumes.put("pod4j-pvc-gone", claimVolume("/tmp/removed-store", DEAD_ENGINE));

        assertThat(Reaper.orphanedClaimVolumes(volumes, SELF, ALIVE::contains, d -> d.startsWith("/home")))
                .containsExactly("pod4j-pvc-gone");
    }
}

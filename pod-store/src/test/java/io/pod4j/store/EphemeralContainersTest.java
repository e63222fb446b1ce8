package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.pod;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pods/ephemeralcontainers subresource, as the API server's ephemeral containers strategy judges it. */
class EphemeralContainersTest {

    private final ObjectStore store = store();

    private static EphemeralContainer debugger(String name) {
        return new EphemeralContainerBuilder().withName(name).withImage("busybox:1").withCommand("sh")
                .withStdin(true).withTty(true).build();
    }

    private Pod stored() {
        return store.get(ResourceTypes.PODS, "default", "web");
    }

    private Pod with(EphemeralContainer... containers) {
        Pod pod = stored();
        pod.getSpec().setEphemeralContainers(List.of(containers));
        return pod;
    }

    private String containerName() {
        return stored().getSpec().getContainers().get(0).getName();
    }

    @Test
    void anAddedEphemeralContainerIsStoredWithTheContainerDefaults() {
        store.create(pod("web"));

        Pod updated = store.updateEphemeralContainers(with(debugger("debugger-1")), WriteOptions.DEFAULT);

        EphemeralContainer c = updated.getSpec().getEphemeralContainers().get(0);
        assertThat(c.getName()).isEqualTo("debugger-1");
        assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(c.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
        assertThat(c.getTerminationMessagePolicy()).isEqualTo("File");
    }

    @Test
    void everyOtherChangeSentToTheSubresourceIsIgnored() {
        store.create(pod("web"));
        Pod pod = with(debugger("debugger-1"));
        pod.getMetadata().setLabels(java.util.Map.of("changed", "yes"));
        pod.getSpec().setActiveDeadlineSeconds(5L);

        Pod updated = store.updateEphemeralContainers(pod, WriteOptions.DEFAULT);

        assertThat(updated.getMetadata().getLabels()).doesNotContainKey("changed");
        assertThat(updated.getSpec().getActiveDeadlineSeconds()).isNull();
    }

    @Test
    void aStrategicMergePatchAddsOneByName() {
        store.create(pod("web"));
        store.updateEphemeralContainers(with(debugger("first")), WriteOptions.DEFAULT);

        Pod patched = store.patchEphemeralContainers("default", "web", PatchType.STRATEGIC_MERGE,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"second\",\"image\":\"busybox:1\"}]}}", WriteOptions.DEFAULT);

        assertThat(patched.getSpec().getEphemeralContainers()).extracting(EphemeralContainer::getName)
                .containsExactly("first", "second");
    }

    @Test
    void theMainResourceCannotAddOne() {
        store.create(pod("web"));

        assertRefused(() -> store.update(with(debugger("sneaky"))), 422, "Invalid", null);
    }

    @Test
    void anExistingOneMayNotBeRemoved() {
        store.create(pod("web"));
        store.updateEphemeralContainers(with(debugger("first")), WriteOptions.DEFAULT);

        assertRefused(() -> store.updateEphemeralContainers(with(), WriteOptions.DEFAULT), 422, "Invalid", null)
                .hasMessageContaining("spec.ephemeralContainers: Forbidden: existing ephemeral containers \"first\" may not be removed");
    }

    @Test
    void anExistingOneMayNotBeChanged() {
        store.create(pod("web"));
        store.updateEphemeralContainers(with(debugger("first")), WriteOptions.DEFAULT);
        EphemeralContainer changed = new EphemeralContainerBuilder(stored().getSpec().getEphemeralContainers().get(0))
                .withImage("busybox:2").build();

        assertRefused(() -> store.updateEphemeralContainers(with(changed), WriteOptions.DEFAULT), 422, "Invalid", null)
                .hasMessageContaining("spec.ephemeralContainers[first]: Forbidden: existing ephemeral containers \"first\" may not be changed");
    }

    @Test
    void aNameAlreadyUsedByAContainerIsADuplicate() {
        store.create(pod("web"));

        assertRefused(() -> store.updateEphemeralContainers(with(debugger(containerName())), WriteOptions.DEFAULT), 422,
                "Invalid", null).hasMessageContaining("spec.ephemeralContainers[0].name: Duplicate value: \"" + containerName() + "\"");
    }

    @Test
    void portsAreForbidden() {
        store.create(pod("web"));
        EphemeralContainer withPort = new EphemeralContainerBuilder(debugger("d")).withPorts(new ContainerPort(80, null, null, null, "TCP"))
                .build();

        assertRefused(() -> store.updateEphemeralContainers(with(withPort), WriteOptions.DEFAULT), 422, "Invalid", null)
                .hasMessageContaining("spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container");
    }

    @Test
    void aTargetThePodLacksIsNotFound() {
        store.create(pod("web"));
        EphemeralContainer targeted = new EphemeralContainerBuilder(debugger("d")).withTargetContainerName("nope").build();

        assertRefused(() -> store.updateEphemeralContainers(with(targeted), WriteOptions.DEFAULT), 422, "Invalid", null)
                .hasMessageContaining("spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"");
    }

    @Test
    void aNullEntryIsAnInvalidContainerNotAFailure() {
        store.create(pod("web"));

        assertRefused(() -> store.patchEphemeralContainers("default", "web", PatchType.MERGE,
                "{\"spec\":{\"ephemeralContainers\":[null]}}", WriteOptions.DEFAULT), 422, "Invalid", null)
                .hasMessageContaining("spec.ephemeralContainers[0].name: Required value");
    }

    @Test
    void aStaticPodTakesNone() {
        store.create(new PodBuilder(pod("web")).editMetadata().addToAnnotations("kubernetes.io/config.mirror", "x").endMetadata()
                .build());

        assertRefused(() -> store.updateEphemeralContainers(with(debugger("d")), WriteOptions.DEFAULT), 422, "Invalid", null)
                .hasMessageContaining("static pods do not support ephemeral containers");
    }
}

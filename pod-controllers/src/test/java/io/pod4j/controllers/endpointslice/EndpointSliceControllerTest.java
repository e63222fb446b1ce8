package io.pod4j.controllers.endpointslice;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EndpointSlice controller over an in-memory store: what slices a Service gets from its pods. */
class EndpointSliceControllerTest {

    private final ObjectStore store = ObjectStore.inMemory();
    private final EndpointSliceController controller = new EndpointSliceController(store);

    private Service service(String name, boolean publishNotReady, IntOrString target) {
        return store.create(new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addToSelector("app", "web").withPublishNotReadyAddresses(publishNotReady)
                .addNewPort().withName("http").withPort(80).withTargetPort(target).endPort().endSpec().build());
    }

    /** A pod as the kubelet leaves it: bound, with an IP and a Ready condition. */
    private Pod pod(String name, String ip, boolean ready) {
        Pod p = store.create(new PodBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("app", "web")
                .endMetadata().withNewSpec().withNodeName("node").addNewContainer().withName("c").withImage("busybox")
                .addNewPort().withName("web").withContainerPort(8080).endPort().endContainer().endSpec().build());
        Pod withStatus = new PodBuilder(p).withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build();
        return store.updateStatus(withStatus);
    }

    private List<EndpointSlice> slices() {
        return store.list(ResourceTypes.ENDPOINT_SLICES, ListOptions.inNamespace("default")).items();
    }

    private void reconcile(String service) {
        controller.reconcile(new ObjectKey(ResourceTypes.SERVICES, "default", service));
    }

    @Test
    void aServiceGetsOneSliceWithItsPodsAndTheResolvedPort() {
        service("web", false, new IntOrString("web"));
        pod("a", "10.0.0.1", true);
        pod("b", "10.0.0.2", true);

        reconcile("web");

        EndpointSlice slice = slices().get(0);
        assertThat(slices()).hasSize(1);
        assertThat(slice.getMetadata().getName()).startsWith("web-");
        assertThat(slice.getMetadata().getLabels()).containsEntry("kubernetes.io/service-name", "web")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        assertThat(slice.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("Service");
        assertThat(slice.getAddressType()).isEqualTo("IPv4");
        assertThat(slice.getPorts().get(0).getPort()).isEqualTo(8080);
        assertThat(slice.getPorts().get(0).getName()).isEqualTo("http");
        assertThat(slice.getEndpoints()).extracting(e -> e.getAddresses().get(0)).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(slice.getEndpoints().get(0).getTargetRef().getName()).isEqualTo("a");
    }

    @Test
    void anUnreadyPodIsNeitherReadyNorServing() {
        service("web", false, new IntOrString(8080));
        pod("a", "10.0.0.1", false);

        reconcile("web");

        Endpoint e = slices().get(0).getEndpoints().get(0);
        assertThat(e.getConditions().getReady()).isFalse();
        assertThat(e.getConditions().getServing()).isFalse();
        assertThat(e.getConditions().getTerminating()).isFalse();
    }

    @Test
    void publishNotReadyAddressesMakesAnUnreadyPodReady() {
        service("web", true, new IntOrString(8080));
        pod("a", "10.0.0.1", false);

        reconcile("web");

        assertThat(slices().get(0).getEndpoints().get(0).getConditions().getReady()).isTrue();
    }

    @Test
    void aTerminatingReadyPodIsServingButNotReady() {
        service("web", false, new IntOrString(8080));
        pod("a", "10.0.0.1", true);
        store.delete(ResourceTypes.PODS, "default", "a", new DeleteOptions());

        reconcile("web");

        Endpoint e = slices().get(0).getEndpoints().get(0);
        assertThat(e.getConditions().getReady()).isFalse();
        assertThat(e.getConditions().getServing()).isTrue();
        assertThat(e.getConditions().getTerminating()).isTrue();
    }

    @Test
    void readinessChangesUpdateTheSameSlice() {
        service("web", false, new IntOrString(8080));
        Pod a = pod("a", "10.0.0.1", true);
        reconcile("web");
        String name = slices().get(0).getMetadata().getName();

        store.updateStatus(new PodBuilder(store.get(ResourceTypes.PODS, "default", "a")).editStatus().editFirstCondition()
                .withStatus("False").endCondition().endStatus().build());
        reconcile("web");

        assertThat(slices()).singleElement().satisfies(s -> {
            assertThat(s.getMetadata().getName()).isEqualTo(name);
            assertThat(s.getEndpoints().get(0).getConditions().getReady()).isFalse();
        });
        assertThat(a.getMetadata().getName()).isEqualTo("a");
    }

    @Test
    void aServiceWithoutPodsHasAnEmptyPlaceholderSlice() {
        service("web", false, new IntOrString(8080));

        reconcile("web");

        assertThat(slices()).singleElement().satisfies(s -> assertThat(s.getEndpoints()).isEmpty());
    }

    @Test
    void aPodWithoutAnIpIsLeftOut() {
        service("web", false, new IntOrString(8080));
        store.create(new PodBuilder().withNewMetadata().withName("pending").withNamespace("default").addToLabels("app", "web")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build());

        reconcile("web");

        assertThat(slices().get(0).getEndpoints()).isEmpty();
    }

    @Test
    void aDeletedServiceLosesItsSlices() {
        service("web", false, new IntOrString(8080));
        pod("a", "10.0.0.1", true);
        reconcile("web");

        store.delete(ResourceTypes.SERVICES, "default", "web", new DeleteOptions());
        reconcile("web");

        assertThat(slices()).isEmpty();
    }

    @Test
    void aPodChangeEnqueuesTheServicesSelectingIt() {
        service("web", false, new IntOrString(8080));
        Pod a = pod("a", "10.0.0.1", true);

        @SuppressWarnings("unchecked")
        var pods = (io.pod4j.controllers.Watched<Pod>) controller.watches().get(1);
        var keys = pods.keys().apply(new io.pod4j.store.WatchEvent<>(io.pod4j.store.WatchEvent.Type.MODIFIED, a));

        assertThat(keys).containsExactly(new ObjectKey(ResourceTypes.SERVICES, "default", "web"));
    }
}

package io.pod4j.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.pod4j.controllers.ObjectKey;
import io.pod4j.store.ObjectStore;
import io.pod4j.store.ResourceTypes;
import io.pod4j.store.StoreException;
import org.junit.jupiter.api.Test;

/** The Endpoints controller over an in-memory store: a Service's v1 Endpoints from its pods. */
class EndpointsControllerTest {

    private final ObjectStore store = ObjectStore.inMemory();
    private final EndpointsController controller = new EndpointsController(store);

    private void service(boolean selector) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("web")).endPort().endSpec();
        if (selector) {
            b.editSpec().addToSelector("app", "web").endSpec();
        }
        store.create(b.build());
    }

    private Pod pod(String name, String ip, boolean ready) {
        Pod p = store.create(new PodBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("app", "web")
                .endMetadata().withNewSpec().withNodeName("node").addNewContainer().withName("c").withImage("busybox")
                .addNewPort().withName("web").withContainerPort(8080).endPort().endContainer().endSpec().build());
        return store.updateStatus(new PodBuilder(p).withNewStatus().withPhase("Running").withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus().build());
    }

    private Endpoints reconciled() {
        controller.reconcile(new ObjectKey(ResourceTypes.SERVICES, "default", "web"));
        return store.get(ResourceTypes.ENDPOINTS, "default", "web");
    }

    @Test
    void readyPodsAreAddressesAndOthersNotReadyAddresses() {
        service(true);
        pod("b", "10.0.0.2", true);
        pod("a", "10.0.0.1", false);
        pod("c", "10.0.0.3", true);

        Endpoints ep = reconciled();

        assertThat(ep.getSubsets()).singleElement().satisfies(s -> {
            assertThat(s.getAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.2", "10.0.0.3");
            assertThat(s.getNotReadyAddresses()).extracting(EndpointAddress::getIp).containsExactly("10.0.0.1");
            assertThat(s.getPorts().get(0).getPort()).isEqualTo(8080);
            assertThat(s.getPorts().get(0).getName()).isEqualTo("http");
        });
        assertThat(ep.getSubsets().get(0).getAddresses().get(0).getTargetRef().getName()).isEqualTo("b");
    }

    @Test
    void aTerminatingPodIsLeftOut() {
        service(true);
        pod("a", "10.0.0.1", true);
        store.delete(ResourceTypes.PODS, "default", "a", new DeleteOptions());

        assertThat(reconciled().getSubsets()).isNullOrEmpty();
    }

    @Test
    void aServiceWithoutASelectorKeepsItsUsersEndpoints() {
        service(false);
        store.create(new EndpointsBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .addNewSubset().addNewAddress().withIp("192.168.1.10").endAddress().addNewPort().withPort(5432).endPort().endSubset()
                .build());

        assertThat(reconciled().getSubsets().get(0).getAddresses().get(0).getIp()).isEqualTo("192.168.1.10");
    }

    @Test
    void aDeletedServicesEndpointsGo() {
        service(true);
        pod("a", "10.0.0.1", true);
        reconciled();

        store.delete(ResourceTypes.SERVICES, "default", "web", new DeleteOptions());
        controller.reconcile(new ObjectKey(ResourceTypes.SERVICES, "default", "web"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.get(ResourceTypes.ENDPOINTS, "default", "web"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo(404));
    }
}

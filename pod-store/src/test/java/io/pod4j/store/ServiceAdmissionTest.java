package io.pod4j.store;

import static io.pod4j.store.Fixtures.assertRefused;
import static io.pod4j.store.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

/** core/v1 Services: the API server's defaults, validation, cluster IP and node port allocation. */
class ServiceAdmissionTest {

    private final ObjectStore store = store();

    private static ServiceBuilder service(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addToSelector("app", name).addNewPort().withPort(80).endPort().endSpec();
    }

    @Test
    void defaultsTypeProtocolTargetPortAndAffinity() {
        Service s = store.create(service("web").build());

        assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(s.getSpec().getSessionAffinity()).isEqualTo("None");
        assertThat(s.getSpec().getInternalTrafficPolicy()).isEqualTo("Cluster");
        assertThat(s.getSpec().getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(s.getSpec().getPorts().get(0).getTargetPort()).isEqualTo(new IntOrString(80));
    }

    @Test
    void allocatesAClusterIpFromTheServiceRange() {
        Service s = store.create(service("web").build());

        assertThat(s.getSpec().getClusterIP()).startsWith("10.").isNotEqualTo("10.96.0.1");
        int second = Integer.parseInt(s.getSpec().getClusterIP().split("\\.")[1]);
        assertThat(second).isBetween(96, 111);
        assertThat(s.getSpec().getClusterIPs()).containsExactly(s.getSpec().getClusterIP());
        assertThat(s.getSpec().getIpFamilies()).containsExactly("IPv4");
    }

    @Test
    void headlessServiceKeepsNone() {
        Service s = store.create(service("db").editSpec().withClusterIP("None").endSpec().build());

        assertThat(s.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(s.getSpec().getClusterIPs()).containsExactly("None");
    }

    @Test
    void refusesAClusterIpAlreadyAllocated() {
        store.create(service("a").editSpec().withClusterIP("10.96.0.10").endSpec().build());

        assertRefused(() -> store.create(service("b").editSpec().withClusterIP("10.96.0.10").endSpec().build()), 422, "Invalid",
                "Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: failed to allocate IP"
                        + " 10.96.0.10: provided IP is already allocated");
    }

    @Test
    void refusesAClusterIpOutsideTheRange() {
        assertRefused(() -> store.create(service("b").editSpec().withClusterIP("192.168.1.1").endSpec().build()), 422,
                "Invalid", "Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.168.1.1\"}: failed to allocate IP 192.168.1.1: the"
                        + " provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
    }

    @Test
    void clusterIpIsImmutable() {
        Service s = store.create(service("web").build());

        assertRefused(() -> store.update(new ServiceBuilder(s).editSpec().withClusterIP("10.96.0.99").endSpec().build()), 422,
                "Invalid", "Service \"web\" is invalid: spec.clusterIP: Invalid value: \"10.96.0.99\": field is immutable");
    }

    @Test
    void anUpdateLeavingTheClusterIpOutKeepsIt() {
        Service s = store.create(service("web").build());

        Service updated = store.update(new ServiceBuilder(s).editSpec().withClusterIP(null).withClusterIPs().endSpec().build());

        assertThat(updated.getSpec().getClusterIP()).isEqualTo(s.getSpec().getClusterIP());
    }

    @Test
    void portsAreRequired() {
        assertRefused(() -> store.create(service("web").editSpec().withPorts().endSpec().build()), 422, "Invalid",
                "Service \"web\" is invalid: spec.ports: Required value");
    }

    @Test
    void severalPortsNeedNames() {
        assertRefused(() -> store.create(service("web").editSpec().addNewPort().withPort(81).endPort().endSpec().build()), 422,
                "Invalid", "Service \"web\" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]");
    }

    @Test
    void portMustBeInRange() {
        assertRefused(() -> store.create(service("web").editSpec().editFirstPort().withPort(70000).endPort().endSpec().build()),
                422, "Invalid", "Service \"web\" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535,"
                + " inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]");
    }

    @Test
    void unknownTypeIsRefused() {
        assertRefused(() -> store.create(service("web").editSpec().withType("Magic").endSpec().build()), 422, "Invalid",
                "Service \"web\" is invalid: spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
    }

    @Test
    void nodePortServiceGetsANodePortInTheRange() {
        Service s = store.create(service("web").editSpec().withType("NodePort").endSpec().build());

        assertThat(s.getSpec().getPorts().get(0).getNodePort()).isBetween(30000, 32767);
        assertThat(s.getSpec().getExternalTrafficPolicy()).isEqualTo("Cluster");
    }

    @Test
    void refusesANodePortOutsideTheRange() {
        assertRefused(() -> store.create(service("web").editSpec().withType("NodePort").editFirstPort().withNodePort(80)
                .endPort().endSpec().build()), 422, "Invalid", "Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in"
                + " the valid range. The range of valid ports is 30000-32767");
    }

    @Test
    void refusesANodePortAlreadyAllocated() {
        store.create(service("a").editSpec().withType("NodePort").editFirstPort().withNodePort(30080).endPort().endSpec().build());

        assertRefused(() -> store.create(service("b").editSpec().withType("NodePort").editFirstPort().withNodePort(30080)
                .endPort().endSpec().build()), 422, "Invalid", "Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is"
                + " already allocated");
    }

    @Test
    void namedTargetPortMustBeAnIanaServiceName() {
        assertRefused(() -> store.create(service("web").editSpec().editFirstPort().withTargetPort(new IntOrString("Bad_Name"))
                .endPort().endSpec().build()), 422, "Invalid", "Service \"web\" is invalid: spec.ports[0].targetPort: Invalid value: \"Bad_Name\": must contain only"
                + " alpha-numeric characters (a-z, 0-9), and hyphens (-), at most 15 characters, contain at least one letter (a-z),"
                + " not start or end with a hyphen, and hyphens cannot be adjacent to other hyphens (e.g. 'http', 'http-2')");
    }

    @Test
    void endpointSliceIsAKnownKind() {
        assertThat(store.types().forResource("discovery.k8s.io", "endpointslices")).contains(ResourceTypes.ENDPOINT_SLICES);
    }
}

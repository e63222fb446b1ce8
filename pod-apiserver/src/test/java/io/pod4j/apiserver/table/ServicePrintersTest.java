package io.pod4j.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.pod4j.store.ResourceTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Tables of Services, Endpoints and EndpointSlices, as a 1.32 cluster prints them. */
class ServicePrintersTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final String CREATED = "2026-12-03T11:58:00Z";
    private static final Tables.Options OPTIONS = new Tables.Options("v1", Tables.IncludeObject.METADATA, false, NOW);

    @Test
    void servicesHaveTheColumnsOfACluster() {
        var svc = new ServiceBuilder().withNewMetadata().withName("web").withCreationTimestamp(CREATED).endMetadata()
                .withNewSpec().withType("ClusterIP").endSpec().build();
        ObjectNode table = Tables.of(ResourceTypes.SERVICES, List.of(svc), null, OPTIONS);
        assertThat(columns(table, 0)).containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age");
        assertThat(columns(table, 1)).containsExactly("Selector");
    }

    @Test
    void aNodePortServicePrintsPortAndNodePort() {
        var svc = new ServiceBuilder().withNewMetadata().withName("web").withCreationTimestamp(CREATED).endMetadata()
                .withNewSpec().withType("NodePort").withClusterIPs("10.96.0.12").addNewPort().withPort(80)
                .withNodePort(30080).withProtocol("TCP").endPort().addNewPort().withPort(443).withProtocol("TCP")
                .endPort().endSpec().build();
        assertThat(cells(Tables.of(ResourceTypes.SERVICES, List.of(svc), null, OPTIONS)))
                .containsExactly("web", "NodePort", "10.96.0.12", "<none>", "80:30080/TCP,443/TCP", "2m", "<none>");
    }

    @Test
    void endpointsListAddressesWithTheirPort() {
        var ep = new EndpointsBuilder().withNewMetadata().withName("web").withCreationTimestamp(CREATED).endMetadata()
                .addNewSubset().addNewAddress().withIp("10.0.0.1").endAddress().addNewAddress().withIp("10.0.0.2")
                .endAddress().addNewPort().withPort(8080).withProtocol("TCP").endPort().endSubset().build();
        ObjectNode table = Tables.of(ResourceTypes.ENDPOINTS, List.of(ep), null, OPTIONS);
        assertThat(columns(table, 0)).containsExactly("Name", "Endpoints", "Age");
        assertThat(cells(table)).containsExactly("web", "10.0.0.1:8080,10.0.0.2:8080", "2m");
    }

    @Test
    void endpointsBeyondThreeAreCounted() {
        var subset = new EndpointsBuilder().withNewMetadata().withName("web").withCreationTimestamp(CREATED)
                .endMetadata().addNewSubset();
        for (int i = 1; i <= 5; i++) {
            subset.addNewAddress().withIp("10.0.0." + i).endAddress();
        }
        var ep = subset.addNewPort().withPort(80).endPort().endSubset().build();
        assertThat(cells(Tables.of(ResourceTypes.ENDPOINTS, List.of(ep), null, OPTIONS)))
                .containsExactly("web", "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...", "2m");
    }

    @Test
    void endpointsWithoutSubsetsPrintNone() {
        var ep = new EndpointsBuilder().withNewMetadata().withName("web").withCreationTimestamp(CREATED).endMetadata()
                .build();
        assertThat(cells(Tables.of(ResourceTypes.ENDPOINTS, List.of(ep), null, OPTIONS)))
                .containsExactly("web", "<none>", "2m");
    }

    @Test
    void endpointSlicesPrintAddressTypePortsAndAddresses() {
        var slice = new EndpointSliceBuilder().withNewMetadata().withName("web-abcde").withCreationTimestamp(CREATED)
                .endMetadata().withAddressType("IPv4").addNewPort().withName("http").withPort(8080).endPort()
                .addNewEndpoint().withAddresses("10.0.0.1").endEndpoint().addNewEndpoint().withAddresses("10.0.0.2")
                .endEndpoint().build();
        ObjectNode table = Tables.of(ResourceTypes.ENDPOINT_SLICES, List.of(slice), null, OPTIONS);
        assertThat(columns(table, 0)).containsExactly("Name", "AddressType", "Ports", "Endpoints", "Age");
        assertThat(cells(table)).containsExactly("web-abcde", "IPv4", "8080", "10.0.0.1,10.0.0.2", "2m");
    }

    @Test
    void anEmptyEndpointSlicePrintsUnset() {
        var slice = new EndpointSliceBuilder().withNewMetadata().withName("web-abcde").withCreationTimestamp(CREATED)
                .endMetadata().withAddressType("IPv4").build();
        assertThat(cells(Tables.of(ResourceTypes.ENDPOINT_SLICES, List.of(slice), null, OPTIONS)))
                .containsExactly("web-abcde", "IPv4", "<unset>", "<unset>", "2m");
    }

    private static List<String> columns(ObjectNode table, int priority) {
        List<String> names = new ArrayList<>();
        for (JsonNode c : table.get("columnDefinitions")) {
            if (c.get("priority").asInt() == priority) {
                names.add(c.get("name").asText());
            }
        }
        return names;
    }

    private static List<Object> cells(ObjectNode table) {
        List<Object> cells = new ArrayList<>();
        for (JsonNode c : table.get("rows").get(0).get("cells")) {
            cells.add(c.isNumber() ? (Object) c.asLong() : c.asText());
        }
        return cells;
    }
}

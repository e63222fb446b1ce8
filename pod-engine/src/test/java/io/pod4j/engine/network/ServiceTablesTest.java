package io.pod4j.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What netd is told to serve, from Services and EndpointSlices. */
class ServiceTablesTest {

    private static Service service(String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("shop").withUid("u-" + name).endMetadata()
                .withNewSpec().withClusterIP(clusterIp).addNewPort().withName("http").withProtocol("TCP").withPort(80).endPort()
                .endSpec().build();
    }

    private static Endpoint endpoint(String ip, Boolean ready, Boolean serving, Boolean terminating) {
        return new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(ready).withServing(serving)
                .withTerminating(terminating).endConditions().build();
    }

    private static EndpointSlice slice(Endpoint... endpoints) {
        return new EndpointSliceBuilder().withNewMetadata().withName("web-x").withNamespace("shop").endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort()
                .withEndpoints(endpoints).build();
    }

    @Test
    void aClusterIpServiceResolvesToItsProxy() {
        String table = ServiceTables.dns(List.of(new ServiceTables.Entry(service("web", "10.96.0.5"), List.of(), "172.17.0.9")));

        assertThat(table).startsWith("zone cluster.local\na web.shop.svc.cluster.local 172.17.0.9\n").endsWith("end\n");
    }

    @Test
    void aServiceWhoseProxyIsNotUpHasNoRecord() {
        String table = ServiceTables.dns(List.of(new ServiceTables.Entry(service("web", "10.96.0.5"), List.of(), null)));

        assertThat(table).isEqualTo("zone cluster.local\nend\n");
    }

    @Test
    void aHeadlessServiceResolvesToItsReadyEndpoints() {
        EndpointSlice slice = slice(endpoint("10.0.0.1", true, true, false), endpoint("10.0.0.2", false, false, false),
                endpoint("10.0.0.3", true, true, false));

        String table = ServiceTables.dns(List.of(new ServiceTables.Entry(service("db", "None"), List.of(slice), null)));

        assertThat(table).contains("a db.shop.svc.cluster.local 10.0.0.1\n", "a db.shop.svc.cluster.local 10.0.0.3\n")
                .doesNotContain("10.0.0.2");
    }

    @Test
    void aHeadlessEndpointWithAHostnameHasItsOwnName() {
        Endpoint e = new EndpointBuilder(endpoint("10.0.0.1", true, true, false)).withHostname("db-0").build();

        String table = ServiceTables.dns(List.of(new ServiceTables.Entry(service("db", "None"), List.of(slice(e)), null)));

        assertThat(table).contains("a db-0.db.shop.svc.cluster.local 10.0.0.1\n");
    }

    @Test
    void theProxySpreadsOverReadyEndpointsAtTheSlicesPort() {
        EndpointSlice slice = slice(endpoint("10.0.0.1", true, true, false), endpoint("10.0.0.2", false, false, false),
                endpoint("10.0.0.3", true, true, false));

        assertThat(ServiceTables.proxy(service("web", "10.96.0.5"), List.of(slice)))
                .isEqualTo("port 80\nep 80 10.0.0.1 8080\nep 80 10.0.0.3 8080\nend\n");
    }

    @Test
    void withoutReadyEndpointsTheProxyFallsBackToServingTerminatingOnes() {
        EndpointSlice slice = slice(endpoint("10.0.0.1", false, true, true), endpoint("10.0.0.2", false, false, false));

        assertThat(ServiceTables.proxy(service("web", "10.96.0.5"), List.of(slice)))
                .isEqualTo("port 80\nep 80 10.0.0.1 8080\nend\n");
    }

    @Test
    void anEndpointWithoutConditionsCountsAsReady() {
        Endpoint unknown = new EndpointBuilder().withAddresses("10.0.0.1").build();

        assertThat(ServiceTables.proxy(service("web", "10.96.0.5"), List.of(slice(unknown)))).contains("ep 80 10.0.0.1 8080\n");
    }

    @Test
    void aServiceWithoutEndpointsStillListensSoThatConnectionsAreRefused() {
        assertThat(ServiceTables.proxy(service("web", "10.96.0.5"), List.of(slice()))).isEqualTo("port 80\nend\n");
    }

    @Test
    void udpPortsAreProxiedAsUdpToTheSlicesUdpPort() {
        Service dns = new ServiceBuilder(service("dns", "10.96.0.10")).editSpec().editFirstPort().withProtocol("UDP").withPort(53)
                .endPort().endSpec().build();
        EndpointSlice slice = new EndpointSliceBuilder(slice(endpoint("10.0.0.1", true, true, false))).editFirstPort()
                .withProtocol("UDP").withPort(5353).endPort().build();

        assertThat(ServiceTables.proxy(dns, List.of(slice))).isEqualTo("port 53 udp\nep 53 10.0.0.1 5353 udp\nend\n");
    }

    @Test
    void sctpPortsAreNotProxied() {
        Service sctp = new ServiceBuilder(service("sig", "10.96.0.10")).editSpec().editFirstPort().withProtocol("SCTP").endPort()
                .endSpec().build();

        assertThat(ServiceTables.proxy(sctp, List.of())).isEqualTo("end\n");
    }

    @Test
    void sessionAffinityClientIpGivesTheProxyItsTimeoutOrKubernetesDefault() {
        Service sticky = new ServiceBuilder(service("web", "10.96.0.5")).editSpec().withSessionAffinity("ClientIP").endSpec().build();
        Service timed = new ServiceBuilder(sticky).editSpec().withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(30)
                .endClientIP().endSessionAffinityConfig().endSpec().build();

        assertThat(ServiceTables.proxy(sticky, List.of())).contains("affinity 10800\n");
        assertThat(ServiceTables.proxy(timed, List.of())).contains("affinity 30\n");
        assertThat(ServiceTables.proxy(service("web", "10.96.0.5"), List.of())).doesNotContain("affinity");
    }

    @Test
    void aClusterIpServicesNamedPortsHaveSrvRecordsToItsName() {
        Service web = new ServiceBuilder(service("web", "10.96.0.5")).editSpec().addNewPort().withProtocol("UDP").withPort(9999)
                .endPort().endSpec().build();

        String table = ServiceTables.dns(List.of(new ServiceTables.Entry(web, List.of(), "172.17.0.9")));

        assertThat(table).contains("srv _http._tcp.web.shop.svc.cluster.local 80 web.shop.svc.cluster.local\n")
                .doesNotContain("9999");
    }

    @Test
    void aClusterIpServicesAddressesHavePtrRecords() {
        String table = ServiceTables.dns(List.of(new ServiceTables.Entry(service("web", "10.96.0.5"), List.of(), "172.17.0.9")));

        assertThat(table).contains("ptr 172.17.0.9 web.shop.svc.cluster.local\n", "ptr 10.96.0.5 web.shop.svc.cluster.local\n");
    }

    @Test
    void aHeadlessServicesEndpointsHaveNamesPtrAndSrvRecords() {
        Endpoint named = new EndpointBuilder(endpoint("10.0.0.1", true, true, false)).withHostname("db-0").build();
        Endpoint unnamed = endpoint("10.0.0.2", true, true, false);
        Endpoint unready = endpoint("10.0.0.3", false, false, false);

        String table = ServiceTables.dns(List.of(new ServiceTables.Entry(service("db", "None"), List.of(slice(named, unnamed, unready)),
                null)));

        assertThat(table).contains("a 10-0-0-2.db.shop.svc.cluster.local 10.0.0.2\n",
                "ptr 10.0.0.1 db-0.db.shop.svc.cluster.local\n", "ptr 10.0.0.2 10-0-0-2.db.shop.svc.cluster.local\n",
                "srv _http._tcp.db.shop.svc.cluster.local 8080 db-0.db.shop.svc.cluster.local\n",
                "srv _http._tcp.db.shop.svc.cluster.local 8080 10-0-0-2.db.shop.svc.cluster.local\n")
                .doesNotContain("10.0.0.3");
    }

    @Test
    void anExternalNameServiceIsACnameToItsExternalName() {
        Service external = new ServiceBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata().withNewSpec()
                .withType("ExternalName").withExternalName("DB.Example.com.").endSpec().build();

        String table = ServiceTables.dns(List.of(new ServiceTables.Entry(external, List.of(), null)));

        assertThat(table).isEqualTo("zone cluster.local\ncname db.shop.svc.cluster.local db.example.com\nend\n");
    }

    @Test
    void serviceVariablesFollowTheKubeletsNaming() {
        Service web = new ServiceBuilder(service("my-web", "10.96.0.5")).editSpec().addNewPort().withName("metrics")
                .withProtocol("TCP").withPort(9090).endPort().endSpec().build();
        Map<Service, String> services = new LinkedHashMap<>();
        services.put(web, "172.17.0.9");
        services.put(service("db", "None"), null);

        Map<String, String> env = ServiceTables.environment(services);

        assertThat(env).containsEntry("MY_WEB_SERVICE_HOST", "172.17.0.9")
                .containsEntry("MY_WEB_SERVICE_PORT", "80")
                .containsEntry("MY_WEB_SERVICE_PORT_HTTP", "80")
                .containsEntry("MY_WEB_SERVICE_PORT_METRICS", "9090")
                .containsEntry("MY_WEB_PORT", "tcp://172.17.0.9:80")
                .containsEntry("MY_WEB_PORT_9090_TCP", "tcp://172.17.0.9:9090")
                .containsEntry("MY_WEB_PORT_80_TCP_PROTO", "tcp")
                .containsEntry("MY_WEB_PORT_80_TCP_PORT", "80")
                .containsEntry("MY_WEB_PORT_80_TCP_ADDR", "172.17.0.9");
        assertThat(env.keySet()).noneMatch(k -> k.startsWith("DB_"));
    }
}

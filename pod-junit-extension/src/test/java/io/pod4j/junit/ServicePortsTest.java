package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which Service port an @ServiceAddress names, and how its address is given. */
class ServicePortsTest {

    private static final InetSocketAddress PUBLISHED = new InetSocketAddress("127.0.0.1", 40123);

    private static Service service(ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                .withNewSpec().withPorts(ports).endSpec().build();
    }

    private static ServicePort port(String name, int number) {
        return new ServicePortBuilder().withName(name).withPort(number).withProtocol("TCP").build();
    }

    @Test
    void namesAPortByItsNameOrNumber() {
        Service s = service(port("http", 80), port("admin", 9090));
        assertThat(ServicePorts.select(s, "admin").getPort()).isEqualTo(9090);
        assertThat(ServicePorts.select(s, "80").getName()).isEqualTo("http");
    }

    @Test
    void takesTheOnlyTcpPortWhenNoneIsNamed() {
        Service s = service(port("http", 80), new ServicePortBuilder().withName("dns").withPort(53).withProtocol("UDP").build());
        assertThat(ServicePorts.select(s, "").getPort()).isEqualTo(80);
    }

    @Test
    void refusesAnAmbiguousOrUnknownPortNamingThePortsThereAre() {
        Service s = service(port("http", 80), port("admin", 9090));
        assertThatThrownBy(() -> ServicePorts.select(s, "")).hasMessage(
                "service default/web has 2 TCP ports [http:80, admin:9090]: name one with @ServiceAddress(port = \"NAME\" or \"NUMBER\")");
        assertThatThrownBy(() -> ServicePorts.select(s, "grpc")).hasMessage(
                "service default/web has no TCP port named or numbered \"grpc\"; its TCP ports are [http:80, admin:9090]");
    }

    @Test
    void givesTheAddressAsAUriAStringOrASocketAddress() {
        ServicePort http = port("http", 80);
        assertThat(ServicePorts.as(PUBLISHED, http, URI.class)).isEqualTo(URI.create("http://127.0.0.1:40123"));
        assertThat(ServicePorts.as(PUBLISHED, http, String.class)).isEqualTo("127.0.0.1:40123");
        assertThat(ServicePorts.as(PUBLISHED, http, InetSocketAddress.class)).isEqualTo(PUBLISHED);
    }

    @Test
    void aUriIsHttpsWhenThePortSaysSo() {
        assertThat(ServicePorts.as(PUBLISHED, port("https", 443), URI.class)).isEqualTo(URI.create("https://127.0.0.1:40123"));
        ServicePort byProtocol = new ServicePortBuilder(port("web", 8443)).withAppProtocol("https").build();
        assertThat(ServicePorts.as(PUBLISHED, byProtocol, URI.class)).isEqualTo(URI.create("https://127.0.0.1:40123"));
    }
}

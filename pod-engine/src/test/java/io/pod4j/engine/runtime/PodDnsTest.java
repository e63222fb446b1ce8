package io.pod4j.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pod's resolv.conf as the kubelet composes it from dnsPolicy, dnsConfig and the node's file. */
class PodDnsTest {

    private static final PodDns.Settings NODE = PodDns.parse("""
            # generated
            nameserver 10.0.0.2
            nameserver 10.0.0.3
            search corp.example. lab.example
            options ndots:1 timeout:2
            """);

    private static Pod pod(String policy, PodDNSConfig config) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("shop").endMetadata().withNewSpec().withDnsPolicy(policy)
                .withDnsConfig(config).addNewContainer().withName("a").withImage("x").endContainer().endSpec().build();
    }

    private static PodDNSConfig config() {
        return new PodDNSConfigBuilder().withNameservers("1.2.3.4", "10.0.0.2").withSearches("ns1.svc.example")
                .addNewOption().withName("ndots").withValue("2").endOption().addNewOption().withName("edns0").endOption().build();
    }

    @Test
    void parsesTheNodesFileAsTheKubeletDoes() {
        assertThat(NODE.nameservers()).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(NODE.searches()).as("trailing dot dropped").containsExactly("corp.example", "lab.example");
        assertThat(NODE.options()).containsExactly("ndots:1", "timeout:2");
    }

    @Test
    void withoutDnsConfigThePodTakesTheNodesFileAsDockerWritesIt() {
        assertThat(PodDns.of(pod("ClusterFirst", null), () -> NODE, null)).isEqualTo(PodDns.Settings.NONE);
        assertThat(PodDns.of(pod("Default", null), () -> NODE, null)).isEqualTo(PodDns.Settings.NONE);
    }

    @Test
    void policyNoneTakesOnlyTheDnsConfig() {
        PodDns.Settings dns = PodDns.of(pod("None", config()), () -> NODE, null);

        assertThat(dns.nameservers()).containsExactly("1.2.3.4", "10.0.0.2");
        assertThat(dns.searches()).containsExactly("ns1.svc.example");
        assertThat(dns.options()).containsExactly("ndots:2", "edns0");
    }

    @Test
    void policyDefaultAppendsTheDnsConfigToTheNodesFile() {
        PodDns.Settings dns = PodDns.of(pod("Default", config()), () -> NODE, null);

        assertThat(dns.nameservers()).as("duplicates once, at most 3").containsExactly("10.0.0.2", "10.0.0.3", "1.2.3.4");
        assertThat(dns.searches()).containsExactly("corp.example", "lab.example", "ns1.svc.example");
        assertThat(dns.options()).as("same name replaced").containsExactly("ndots:2", "timeout:2", "edns0");
    }

    @Test
    void clusterFirstWithoutAClusterDnsFallsBackToDefault() {
        assertThat(PodDns.of(pod("ClusterFirst", config()), () -> NODE, null))
                .isEqualTo(PodDns.of(pod("Default", config()), () -> NODE, null));
    }

    @Test
    void searchesAreCutToTheKubeletsLimits() {
        List<String> many = IntStream.range(0, 40).mapToObj(i -> "d" + i + ".example").toList();
        PodDNSConfig config = new PodDNSConfigBuilder().withNameservers("1.1.1.1").withSearches(many)
                .addToSearches("x".repeat(254)).build();

        PodDns.Settings dns = PodDns.of(pod("None", config), () -> NODE, null);

        assertThat(dns.searches()).hasSize(32).containsExactlyElementsOf(many.subList(0, 32));
    }

    @Test
    void dockerIsToldThereIsNoSearchLineWhenThePodHasNone() {
        PodDns.Settings dns = PodDns.of(pod("None", new PodDNSConfigBuilder().withNameservers("1.1.1.1").build()), () -> NODE, null);

        assertThat(PodDns.forDocker(dns).searches()).containsExactly(".");
        assertThat(PodDns.forDocker(PodDns.Settings.NONE)).isEqualTo(PodDns.Settings.NONE);
    }

    @Test
    void clusterFirstUsesTheClusterDnsWithTheClusterSearchPathAndNdots5() {
        PodDns.Settings dns = PodDns.of(pod("ClusterFirst", null), () -> NODE, "172.17.0.9");

        assertThat(dns.nameservers()).containsExactly("172.17.0.9");
        assertThat(dns.searches()).containsExactly("shop.svc.cluster.local", "svc.cluster.local", "cluster.local",
                "corp.example", "lab.example");
        assertThat(dns.options()).containsExactly("ndots:5");
    }

    @Test
    void clusterFirstAppendsTheDnsConfig() {
        PodDns.Settings dns = PodDns.of(pod("ClusterFirst", config()), () -> NODE, "172.17.0.9");

        assertThat(dns.nameservers()).containsExactly("172.17.0.9", "1.2.3.4", "10.0.0.2");
        assertThat(dns.searches()).startsWith("shop.svc.cluster.local").endsWith("ns1.svc.example");
        assertThat(dns.options()).containsExactly("ndots:2", "edns0");
    }

    @Test
    void clusterFirstOnTheHostsNetworkIsDefault() {
        Pod pod = new PodBuilder(pod("ClusterFirst", null)).editSpec().withHostNetwork(true).endSpec().build();

        assertThat(PodDns.of(pod, () -> NODE, "172.17.0.9")).isEqualTo(PodDns.Settings.NONE);
    }

    @Test
    void clusterFirstWithHostNetUsesTheClusterDnsOnTheHostsNetwork() {
        Pod pod = new PodBuilder(pod("ClusterFirstWithHostNet", null)).editSpec().withHostNetwork(true).endSpec().build();

        assertThat(PodDns.of(pod, () -> NODE, "172.17.0.9").nameservers()).containsExactly("172.17.0.9");
    }

    @Test
    void defaultIgnoresTheClusterDns() {
        assertThat(PodDns.of(pod("Default", null), () -> NODE, "172.17.0.9")).isEqualTo(PodDns.Settings.NONE);
    }
}

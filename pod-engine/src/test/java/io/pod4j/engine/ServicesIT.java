package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.pod4j.api.build.Pods;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.pod4j.api.selector.LabelSelector;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import io.pod4j.api.yaml.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Services as on a cluster: a 3-replica Deployment behind a Service, reached by name from a client
 * pod and from the host; readiness takes a pod out and back (unless publishNotReadyAddresses); a
 * headless Service resolves to the pods; SRV and PTR records; ExternalName; ClientIP affinity; UDP.
 * The engine's check after the class: nothing left in Docker (proxies and DNS included).
 */
class ServicesIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static List<String> greeters;
    private static PodHandle client;

    private static PodEngine engine() {
        return ENGINE.engine();
    }

    /** Three busybox httpd replicas answering with their pod's name, each ready while its /www/ready exists. */
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: greeter
            spec:
              replicas: 3
              selector:
                matchLabels: {app: greeter}
              template:
                metadata:
                  labels: {app: greeter}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: %s
                    command: [sh, -c, "mkdir -p /www && hostname > /www/index.html && touch /www/ready && httpd -f -p 8080 -h /www"]
                    ports: [{name: http, containerPort: 8080}]
                    readinessProbe:
                      httpGet: {path: /ready, port: 8080}
                      periodSeconds: 1
                      failureThreshold: 1
            """.formatted(TestImages.BUSYBOX);

    private static Service service(String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withClusterIP(clusterIp).addToSelector("app", "greeter")
                .addNewPort().withName("web").withPort(80).withTargetPort(new IntOrString("http")).endPort().endSpec().build();
    }

    private static List<Pod> readyGreeters() {
        return engine().list("default", LabelSelector.parse("app=greeter"), null).stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())))
                .toList();
    }

    @BeforeAll
    static void aDeploymentBehindAServiceAndAClient() {
        engine().put(service("greeter", null));
        engine().apply(Manifests.load(DEPLOYMENT));
        client = engine().create(Pods.named("client").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build());
        await().atMost(WAIT).until(() -> readyGreeters().size() == 3);
        greeters = readyGreeters().stream().map(p -> p.getMetadata().getName()).sorted().toList();
        client.awaitReady(WAIT);
    }

    private static String sh(String script) {
        return client.exec("app", "sh", "-c", script).stdout();
    }

    /** @return the pods that answered n requests to the URL, one wget each */
    private static Set<String> answers(String url, int n) {
        String out = sh("for i in $(seq " + n + "); do wget -qO- " + url + "; done");
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void podsReachTheServiceByItsShortNameSpreadOverEveryReadyPod() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://greeter/", 9)).containsExactlyElementsOf(greeters));
    }

    @Test
    void theServicesEndpointSlicesAndEndpointsListItsReadyPods() {
        var store = engine().store();
        await().atMost(WAIT).untilAsserted(() -> {
            var slices = store.list(ResourceTypes.ENDPOINT_SLICES, new ListOptions("default", "kubernetes.io/service-name=greeter",
                    null, null)).items();
            assertThat(slices).flatExtracting(EndpointSlice::getEndpoints).filteredOn(e -> e.getConditions().getReady())
                    .extracting(e -> e.getTargetRef().getName()).containsExactlyInAnyOrderElementsOf(greeters);
            assertThat(store.get(ResourceTypes.ENDPOINTS, "default", "greeter").getSubsets()).flatExtracting(s -> s.getAddresses())
                    .extracting(a -> a.getTargetRef().getName()).containsExactlyInAnyOrderElementsOf(greeters);
        });
    }

    @Test
    void podsReachTheServiceByEveryFormOfItsName() {
        for (String name : List.of("greeter.default", "greeter.default.svc", "greeter.default.svc.cluster.local")) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://" + name + "/", 1)).isNotEmpty()
                    .isSubsetOf(greeters));
        }
    }

    @Test
    void podsCreatedAfterTheServiceGetItsVariables() {
        String env = sh("env | grep ^GREETER_ | sort");

        assertThat(env).contains("GREETER_SERVICE_PORT=80", "GREETER_SERVICE_PORT_WEB=80", "GREETER_PORT_80_TCP_PROTO=tcp");
        String host = env.lines().filter(l -> l.startsWith("GREETER_SERVICE_HOST=")).findFirst().orElseThrow().substring(21);
        assertThat(answers("http://" + host + ":80/", 1)).isSubsetOf(greeters).isNotEmpty();
    }

    @Test
    void aPodThatIsNotReadyGetsNoTrafficUntilItIsReadyAgain() {
        PodHandle greeter1 = engine().handle("default", greeters.get(1));
        greeter1.exec("web", "rm", "/www/ready");
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://greeter/", 6)).containsExactly(greeters.get(0), greeters.get(2)));
        } finally {
            greeter1.exec("web", "touch", "/www/ready");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://greeter/", 9)).containsExactlyElementsOf(greeters));
    }

    @Test
    void aHeadlessServiceResolvesToThePodsAddresses() {
        engine().put(service("greeters", "None"));
        List<String> ips = greeters.stream().map(n -> engine().handle("default", n).podIP()).toList();

        await().atMost(WAIT).untilAsserted(() -> assertThat(sh("nslookup greeters.default.svc.cluster.local")).contains(ips));
    }

    @Test
    void theHostReachesTheServiceAtItsPublishedPortAndItsNodePort() throws IOException {
        Service nodePort = new ServiceBuilder(service("greeter-np", null)).editSpec().withType("NodePort").endSpec().build();
        engine().put(nodePort);
        int port = engine().service("default", "greeter-np").get().orElseThrow().getSpec().getPorts().get(0).getNodePort();

        InetSocketAddress published = engine().service("default", "greeter-np").endpoint(80);

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(httpGet(published)).isIn(greeters));
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(httpGet(new InetSocketAddress("127.0.0.1", port))).isIn(greeters));
    }

    @Test
    void aProxyThatStoppedIsStartedAgain() {
        engine().put(service("greeter-heal", null));
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(httpGet(engine().service("default", "greeter-heal").endpoint(80))).isIn(greeters));
        var docker = engine().docker().client();
        docker.listContainersCmd().withLabelFilter(java.util.Map.of("io.pod4j.service", "greeter-heal")).exec()
                .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());

        int[] touch = {0};
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            engine().put(new ServiceBuilder(service("greeter-heal", null)).editMetadata()
                    .addToAnnotations("touch", Integer.toString(++touch[0])).endMetadata().build()); // a change: a reconcile
            assertThat(httpGet(engine().service("default", "greeter-heal").endpoint(80))).isIn(greeters);
        });
    }

    @Test
    void aNamedPortHasAnSrvRecordAndTheServicesAddressAPtrRecord() {
        String host = sh("env").lines().filter(l -> l.startsWith("GREETER_SERVICE_HOST=")).findFirst().orElseThrow().substring(21);

        assertThat(sh("nslookup -type=srv _web._tcp.greeter.default.svc.cluster.local"))
                .contains("0 100 80 greeter.default.svc.cluster.local");
        assertThat(sh("nslookup " + host)).contains("name = greeter.default.svc.cluster.local");
    }

    @Test
    void aHeadlessServicesPodsHaveSrvAndPtrRecords() {
        engine().put(service("greeters", "None"));
        String ip = engine().handle("default", greeters.get(0)).podIP();
        String name = ip.replace('.', '-') + ".greeters.default.svc.cluster.local";

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(sh("nslookup -type=srv _web._tcp.greeters.default.svc.cluster.local")).contains("8080 " + name);
            assertThat(sh("nslookup " + ip)).contains("name = " + name);
        });
    }

    @Test
    void anExternalNameServiceIsACnamePodsFollow() {
        engine().put(new ServiceBuilder().withNewMetadata().withName("greeter-alias").withNamespace("default").endMetadata()
                .withNewSpec().withType("ExternalName").withExternalName("greeter.default.svc.cluster.local").endSpec().build());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(sh("nslookup -type=cname greeter-alias.default.svc.cluster.local"))
                    .contains("canonical name = greeter.default.svc.cluster.local");
            assertThat(answers("http://greeter-alias/", 1)).isNotEmpty().isSubsetOf(greeters);
        });
    }

    @Test
    void sessionAffinityClientIpSendsAClientToOnePod() {
        engine().put(new ServiceBuilder(service("greeter-sticky", null)).editSpec().withSessionAffinity("ClientIP").endSpec().build());
        await().atMost(WAIT).ignoreExceptions().until(() -> proxyTable("greeter-sticky").lines().filter(l -> l.startsWith("ep ")).count() == 3);

        assertThat(answers("http://greeter-sticky/", 6)).hasSize(1);
    }

    @Test
    void publishNotReadyAddressesKeepsAnUnreadyPodInTheServiceAndItsName() {
        engine().put(new ServiceBuilder(service("greeter-all", null)).editSpec().withPublishNotReadyAddresses(true).endSpec().build());
        engine().put(new ServiceBuilder(service("greeter-all-pods", "None")).editSpec().withPublishNotReadyAddresses(true).endSpec()
                .build());
        PodHandle greeter1 = engine().handle("default", greeters.get(1));
        greeter1.exec("web", "rm", "/www/ready");
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://greeter/", 6))
                    .containsExactly(greeters.get(0), greeters.get(2)));
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(answers("http://greeter-all/", 9)).containsExactlyElementsOf(greeters);
                assertThat(sh("nslookup greeter-all-pods.default.svc.cluster.local")).contains(greeter1.podIP());
            });
        } finally {
            greeter1.exec("web", "touch", "/www/ready");
        }
    }

    @Test
    void aUdpServiceRelaysEachClientsDatagramsToAnEndpoint() {
        // As kube-dns: a Service without a selector whose EndpointSlice names the cluster DNS, port 53/UDP.
        String clusterDns = sh("sed -n 's/^nameserver //p' /etc/resolv.conf").strip();
        engine().put(new ServiceBuilder().withNewMetadata().withName("dns-udp").withNamespace("default").endMetadata().withNewSpec()
                .addNewPort().withName("dns").withProtocol("UDP").withPort(53).withTargetPort(new IntOrString(53)).endPort()
                .endSpec().build());
        engine().store().create(new io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder().withNewMetadata()
                .withName("dns-udp-1").withNamespace("default").addToLabels("kubernetes.io/service-name", "dns-udp").endMetadata()
                .withAddressType("IPv4").addNewPort().withName("dns").withProtocol("UDP").withPort(53).endPort()
                .addNewEndpoint().withAddresses(clusterDns).withNewConditions().withReady(true).endConditions().endEndpoint().build());
        String proxy = await().atMost(WAIT).until(() -> sh("nslookup dns-udp.default.svc.cluster.local | awk 'NR > 2 && /^Address/ {print $2}'")
                .strip(), a -> !a.isEmpty());
        String greeter = sh("nslookup greeter.default.svc.cluster.local | awk 'NR > 2 && /^Address/ {print $2}'").strip();

        await().atMost(WAIT).untilAsserted(() -> assertThat(sh("nslookup greeter.default.svc.cluster.local " + proxy))
                .contains(proxy).contains("Address: " + greeter));
    }

    /** @return the table the Service's proxy container serves */
    private static String proxyTable(String service) throws IOException {
        var docker = engine().docker().client();
        String id = docker.listContainersCmd().withLabelFilter(java.util.Map.of("io.pod4j.service", service)).exec().stream()
                .findFirst().orElseThrow().getId();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                docker.copyArchiveFromContainerCmd(id, "/table").exec())) {
            tar.getNextEntry();
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String httpGet(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            try (InputStream in = s.getInputStream()) {
                String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                int body = response.indexOf("\r\n\r\n");
                return body < 0 ? response : response.substring(body + 4).strip();
            }
        }
    }
}

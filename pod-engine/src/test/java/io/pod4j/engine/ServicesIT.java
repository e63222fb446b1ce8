package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
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
 * Services as on a cluster: three pods behind a Service, reached by name from a client pod and
 * from the host; readiness takes a pod out and back; a headless Service resolves to the pods.
 * The engine's check after the class: nothing left in Docker (proxies and DNS included).
 */
class ServicesIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> GREETERS = List.of("greeter-0", "greeter-1", "greeter-2");
    private static PodHandle client;

    private static PodEngine engine() {
        return ENGINE.engine();
    }

    /** A busybox httpd answering with its pod's name, ready while /www/ready exists. */
    private static Pod greeter(String name) {
        return Pods.named(name).label("app", "greeter")
                .container("web", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "mkdir -p /www && hostname > /www/index.html && touch /www/ready && httpd -f -p 8080 -h /www")
                        .port("http", 8080)
                        .readinessProbe(new ProbeBuilder(Probes.httpGet("/ready", 8080)).withPeriodSeconds(1).withFailureThreshold(1).build()))
                .build();
    }

    private static Service service(String name, String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withClusterIP(clusterIp).addToSelector("app", "greeter")
                .addNewPort().withName("web").withPort(80).withTargetPort(new IntOrString("http")).endPort().endSpec().build();
    }

    @BeforeAll
    static void greetersBehindAServiceAndAClient() {
        engine().put(service("greeter", null));
        List<PodHandle> greeters = GREETERS.stream().map(n -> engine().create(greeter(n))).toList();
        client = engine().create(Pods.named("client").container("app", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600")).build());
        greeters.forEach(g -> g.awaitReady(WAIT));
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
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://greeter/", 9)).containsExactlyElementsOf(GREETERS));
    }

    @Test
    void podsReachTheServiceByEveryFormOfItsName() {
        for (String name : List.of("greeter.default", "greeter.default.svc", "greeter.default.svc.cluster.local")) {
            await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://" + name + "/", 1)).isNotEmpty()
                    .isSubsetOf(GREETERS));
        }
    }

    @Test
    void podsCreatedAfterTheServiceGetItsVariables() {
        String env = sh("env | grep ^GREETER_ | sort");

        assertThat(env).contains("GREETER_SERVICE_PORT=80", "GREETER_SERVICE_PORT_WEB=80", "GREETER_PORT_80_TCP_PROTO=tcp");
        String host = env.lines().filter(l -> l.startsWith("GREETER_SERVICE_HOST=")).findFirst().orElseThrow().substring(21);
        assertThat(answers("http://" + host + ":80/", 1)).isSubsetOf(GREETERS).isNotEmpty();
    }

    @Test
    void aPodThatIsNotReadyGetsNoTrafficUntilItIsReadyAgain() {
        PodHandle greeter1 = engine().handle("default", "greeter-1");
        greeter1.exec("web", "rm", "/www/ready");
        try {
            await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://greeter/", 6)).containsExactly("greeter-0", "greeter-2"));
        } finally {
            greeter1.exec("web", "touch", "/www/ready");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(answers("http://greeter/", 9)).containsExactlyElementsOf(GREETERS));
    }

    @Test
    void aHeadlessServiceResolvesToThePodsAddresses() {
        engine().put(service("greeters", "None"));
        List<String> ips = GREETERS.stream().map(n -> engine().handle("default", n).podIP()).toList();

        await().atMost(WAIT).untilAsserted(() -> assertThat(sh("nslookup greeters.default.svc.cluster.local")).contains(ips));
    }

    @Test
    void theHostReachesTheServiceAtItsPublishedPortAndItsNodePort() throws IOException {
        Service nodePort = new ServiceBuilder(service("greeter-np", null)).editSpec().withType("NodePort").endSpec().build();
        engine().put(nodePort);
        int port = engine().service("default", "greeter-np").get().orElseThrow().getSpec().getPorts().get(0).getNodePort();

        InetSocketAddress published = engine().service("default", "greeter-np").endpoint(80);

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> assertThat(httpGet(published)).isIn(GREETERS));
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(httpGet(new InetSocketAddress("127.0.0.1", port))).isIn(GREETERS));
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

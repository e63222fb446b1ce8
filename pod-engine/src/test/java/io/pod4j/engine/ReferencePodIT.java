package io.pod4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReferencePodIT {

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    static Pod referencePod(String name) {
        return Pods.named(name)
                .label("app", "web")
                .container("web", c -> c.image(TestImages.BUSYBOX)
                        .command("sh", "-c", "mkdir -p /www && echo hello from $(POD_NAME) > /www/index.html"
                                + " && exec httpd -f -p 8080 -h /www")
                        .env("POD_NAME", name)
                        .port(8080)
                        .readinessProbe(Probes.tcpSocket(8080)))
                .container("sidecar", c -> c.image(TestImages.BUSYBOX).command("sleep", "3600"))
                .build();
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body().strip();
    }

    @Test
    void servesHttpOnAPortPublishedOnLoopback() throws Exception {
        try (PodHandle web = ENGINE.engine().create(referencePod("ref-serve"))) {
            web.awaitReady(Duration.ofSeconds(60));
            var address = web.endpoint("web", 8080);
            assertThat(address.getHostString()).isEqualTo("127.0.0.1");
            assertThat(get("http://127.0.0.1:" + address.getPort() + "/")).isEqualTo("hello from ref-serve");
        }
    }

    @Test
    void containersOfAPodTalkOverLocalhost() throws Exception {
        try (PodHandle web = ENGINE.engine().create(referencePod("ref-localhost"))) {
            web.awaitReady(Duration.ofSeconds(60));
            ExecResult r = web.exec("sidecar", "wget", "-qO-", "http://localhost:8080/");
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout().strip()).isEqualTo("hello from ref-localhost");
        }
    }

    @Test
    void podsReachEachOtherByPodIP() throws Exception {
        try (PodHandle a = ENGINE.engine().create(referencePod("ref-a"));
                PodHandle b = ENGINE.engine().create(referencePod("ref-b"))) {
            a.awaitReady(Duration.ofSeconds(60));
            b.awaitReady(Duration.ofSeconds(60));
            assertThat(a.podIP()).isNotBlank().isNotEqualTo(b.podIP());
            ExecResult r = b.exec("sidecar", "wget", "-qO-", "http://" + a.podIP() + ":8080/");
            assertThat(r.stdout().strip()).isEqualTo("hello from ref-a");
        }
    }

    @Test
    void hostnameIsThePodName() throws Exception {
        try (PodHandle web = ENGINE.engine().create(referencePod("ref-hostname"))) {
            web.awaitReady(Duration.ofSeconds(60));
            assertThat(web.exec("web", "cat", "/etc/hostname").stdout().strip()).isEqualTo("ref-hostname");
        }
    }
}

package io.pod4j.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.build.Pods;
import io.pod4j.api.build.Probes;
import io.pod4j.engine.PodHandle;
import io.pod4j.junit.PodTest;
import io.pod4j.junit.TestPod;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Section 8's test class, run on both backends: the cold-run benchmark's pod (busybox httpd with a
 * tcp readiness probe, a sleeping sidecar) and one HTTP request to its endpoint, which on the
 * Kubernetes backend is a port-forward through the API server (its first connection opens the
 * forward's stream: seconds on a loaded machine, so the request gets 10 s, not the cold run's 0.5 s).
 */
@PodTest
public class BackendCase {

    @TestPod(method = "pod")
    static PodHandle web;

    static Pod pod() {
        return Pods.named("backend-bench")
                .container("web", c -> c.image("pod4j-test/busybox:1").command("httpd", "-f", "-p", "8080").port(8080)
                        .readinessProbe(Probes.tcpSocket(8080)))
                .container("sidecar", c -> c.image("pod4j-test/busybox:1").command("sleep", "3600"))
                .build();
    }

    @Test
    void answersHttp() throws IOException {
        InetSocketAddress http = web.endpoint("web", 8080);
        try (Socket s = new Socket()) {
            s.connect(http, 10_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            Assertions.assertTrue(head.startsWith("HTTP/"), "the pod answers HTTP at " + http + ": " + head);
        }
    }
}

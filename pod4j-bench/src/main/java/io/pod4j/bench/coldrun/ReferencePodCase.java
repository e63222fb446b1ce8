package io.pod4j.bench.coldrun;

import io.pod4j.api.model.Pod;
import io.pod4j.api.model.Probe;
import io.pod4j.engine.PodHandle;
import io.pod4j.junit.PodTest;
import io.pod4j.junit.TestPod;
import io.pod4j.bench.StartupBenchmark;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The cold-JVM benchmark's test class written with pod4j: one three-container pod (infra, busybox
 * httpd with a tcp readiness probe, a sleeping sidecar) and one test that asks it over HTTP.
 */
@PodTest
public class ReferencePodCase {

    @TestPod(method = "pod")
    static PodHandle web;

    static Pod pod() {
        return Pod.named("cold-run")
                .container("web", c -> c.image("pod4j-test/busybox:1").command("httpd", "-f", "-p", "8080").port(8080)
                        .readinessProbe(Probe.tcpSocket(8080)))
                .container("sidecar", c -> c.image("pod4j-test/busybox:1").command("sleep", "3600"))
                .build();
    }

    @Test
    void answersHttp() {
        InetSocketAddress http = web.endpoint("web", 8080);
        Assertions.assertTrue(StartupBenchmark.answers(http), "the pod answers HTTP at " + http);
    }
}

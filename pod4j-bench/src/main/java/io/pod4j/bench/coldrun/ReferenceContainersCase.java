package io.pod4j.bench.coldrun;

import io.pod4j.bench.StartupBenchmark;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * The same test written with Testcontainers: the infra container publishes the port, httpd and the
 * sidecar join its network namespace, and the test waits until the port answers (Testcontainers'
 * own wait for the published port), as a Testcontainers user would write it.
 */
public class ReferenceContainersCase {

    static GenericContainer<?> infra;
    static GenericContainer<?> web;
    static GenericContainer<?> sidecar;

    @BeforeAll
    static void start() throws InterruptedException {
        // The port opens only once httpd joins the infra's namespace: no wait on the infra itself.
        infra = new GenericContainer<>(DockerImageName.parse(System.getProperty("pod4j.pause"))).withExposedPorts(8080)
                .withImagePullPolicy(imageName -> false) // nothing can be pulled: the images are local
                .waitingFor(new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {
                    }
                });
        infra.start();
        web = new GenericContainer<>(DockerImageName.parse("pod4j-test/busybox:1")).withCommand("httpd", "-f", "-p", "8080")
                .withNetworkMode("container:" + infra.getContainerId()).withImagePullPolicy(imageName -> false);
        sidecar = new GenericContainer<>(DockerImageName.parse("pod4j-test/busybox:1")).withCommand("sleep", "3600")
                .withNetworkMode("container:" + infra.getContainerId()).withImagePullPolicy(imageName -> false);
        Startables.deepStart(web, sidecar).join();
        InetSocketAddress http = new InetSocketAddress("127.0.0.1", infra.getMappedPort(8080));
        long limit = System.nanoTime() + 60_000_000_000L;
        while (!StartupBenchmark.answers(http) && System.nanoTime() < limit) {
            Thread.sleep(1);
        }
    }

    @AfterAll
    static void stop() {
        sidecar.stop();
        web.stop();
        infra.stop();
    }

    @Test
    void answersHttp() {
        InetSocketAddress http = new InetSocketAddress("127.0.0.1", infra.getMappedPort(8080));
        Assertions.assertTrue(StartupBenchmark.answers(http), "the containers answer HTTP at " + http);
    }
}

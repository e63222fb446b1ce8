package io.pod4j.apiserver.stream;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.TestImages;
import java.time.Duration;

/**
 * The pod the stream tests run commands in and forward ports to: busybox serving a page on 8080,
 * declared, and 8081, not (container main), and a container that answers one line of stdin (echo,
 * for attach).
 */
final class StreamPods {

    /** What the pod's web server answers on port 8080. */
    static final String PAGE = "hello from the pod";

    /**
     * Shell that waits until the tty has the size the client sent (it starts at 0x0, where
     * busybox's stty fails), so a command sees the client's size.
     */
    static final String AWAIT_TTY_SIZE = "until stty size 2>/dev/null | grep -qv '^0 0$'; do sleep 0.1; done; ";

    /** A port the pod serves the same pages on without declaring it (reached through the pod's IP). */
    static final int UNDECLARED_PORT = 8081;

    /** The size of /big on the pod's web server, in MiB: more than any SPDY or socket window. */
    static final int BIG_MIB = 4;

    private StreamPods() {
    }

    /**
     * One HTTP/1.0 exchange on a connection of its own, closed by the server after its answer.
     *
     * @param port a local port forwarding to the pod's 8080
     * @return the whole answer, status line to body
     * @throws java.io.IOException when the connection fails
     */
    static String httpGet(int port) throws java.io.IOException {
        return new String(httpGet(port, "/"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * @param port a local port forwarding to the pod's 8080
     * @param path the path to get
     * @return the whole answer's bytes, status line to body
     * @throws java.io.IOException when the connection fails
     */
    static byte[] httpGet(int port, String path) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\nHost: pod\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return socket.getInputStream().readAllBytes();
        }
    }

    /**
     * @param prefix what the name starts with
     * @return a pod name no other test on this Docker engine uses
     */
    static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /**
     * Creates the pod and waits until it is ready.
     *
     * @param engine the engine
     * @param name the pod's name
     * @return the pod, ready
     */
    static Pod webServer(PodEngine engine, String name) {
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("main").withImage(TestImages.BUSYBOX)
                .withCommand("sh", "-c", "mkdir -p /www && echo '" + PAGE + "' > /www/index.html"
                        + " && dd if=/dev/zero of=/www/big bs=1048576 count=" + BIG_MIB + " 2>/dev/null"
                        + " && httpd -p " + UNDECLARED_PORT + " -h /www && exec httpd -f -p 8080 -h /www")
                .addNewPort().withContainerPort(8080).endPort()
                .withNewReadinessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().withPeriodSeconds(1).endReadinessProbe()
                .endContainer()
                .addNewContainer().withName("echo").withImage(TestImages.BUSYBOX)
                .withCommand("sh", "-c", "read line; echo \"got $line\"")
                .withStdin(true).withStdinOnce(true).endContainer()
                .endSpec().build();
        return engine.create(pod).awaitReady(Duration.ofSeconds(60));
    }
}

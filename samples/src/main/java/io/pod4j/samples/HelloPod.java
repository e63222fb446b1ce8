package io.pod4j.samples;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.api.yaml.Manifests;
import io.pod4j.engine.PodEngine;
import io.pod4j.engine.PodHandle;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The smallest complete use of pod4j: load a manifest (a ConfigMap and a Pod), run it, wait for
 * Ready, call it over HTTP on its published port, show its status, delete it.
 *
 * <p>Run: {@code java -cp samples/target/classes:samples/target/lib/* io.pod4j.samples.HelloPod
 * [manifest]}.
 */
public final class HelloPod {

    private HelloPod() {
    }

    /**
     * @param args an optional manifest path (default samples/manifests/hello.yaml)
     * @throws Exception when the pod cannot be reached
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path manifest = Path.of(args.length > 0 ? args[0] : "samples/manifests/hello.yaml");
        List<HasMetadata> objects = Manifests.load(manifest);
        try (PodEngine engine = PodEngine.builder().build()) {
            PodHandle hello = engine.apply(objects).get(0);
            long t0 = System.nanoTime();
            Pod ready = hello.awaitReady(Duration.ofSeconds(60));
            out.printf("pod/%s is Ready after %d ms (IP %s)%n", hello.name(),
                    Duration.ofNanos(System.nanoTime() - t0).toMillis(), ready.getStatus().getPodIP());
            InetSocketAddress web = hello.endpoint("web", 8080);
            String url = "http://" + web.getHostString() + ":" + web.getPort() + "/";
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            out.printf("GET %s -> HTTP %d%n%s%n", url, response.statusCode(), response.body().strip());
            ready.getStatus().getContainerStatuses().forEach(c ->
                    out.printf("  container %-8s ready=%s restarts=%d%n", c.getName(), c.getReady(), c.getRestartCount()));
            // httpd runs as PID 1 and ignores SIGTERM, as it would on a node: a short grace period keeps the demo quick.
            engine.delete(hello.namespace(), hello.name(), Duration.ofSeconds(2));
            hello.awaitDeletion(Duration.ofSeconds(60));
            out.printf("pod \"%s\" deleted%n", hello.name());
        }
    }
}

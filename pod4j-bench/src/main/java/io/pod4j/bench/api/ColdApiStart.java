package io.pod4j.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.pod4j.apiserver.ApiServer;
import io.pod4j.apiserver.ApiServerOptions;
import io.pod4j.engine.PodEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;

/**
 * One cold JVM of section 6: a Kubernetes API started in {@code main()}, then asked over HTTPS. It
 * prints {@code answering <epoch ms>} when the first request (a pod list) is answered, and for pod4j
 * {@code ready <epoch ms>} when the reference pod it then creates through the API is Ready, seen
 * through a watch. {@code pod4j STATEDIR NAME}: an engine and its API server, started together
 * ({@code ApiServer.start(PodEngine.builder(), ...)}; the state directory keeps the CA, as a cluster
 * keeps its certificates); {@code mock}: fabric8's mock API server in
 * CRUD mode (no kubelet: nothing ever becomes Ready, so it stops at the answer).
 */
public final class ColdApiStart {

    private ColdApiStart() {
    }

    /** @param args {@code pod4j STATEDIR NAME} or {@code mock} */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("mock")) {
            KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                    new KubernetesCrudDispatcher(), true);
            server.init();
            ApiClient client = ApiClient.trustingAnything(server.url("").replaceAll("/$", ""));
            client.get("/api/v1/namespaces/default/pods");
            System.out.println("answering " + System.currentTimeMillis());
            server.destroy();
            return;
        }
        try (ApiServer api = ApiServer.start(PodEngine.builder(), ApiServerOptions.defaults().stateDir(Path.of(args[1])))) {
            PodEngine engine = api.engine();
            ApiClient client = ApiClient.trusting(api.url(), api.token(), api.kubeconfig().resolveSibling("ca.crt"));
            client.get("/api/v1/namespaces/default/pods");
            System.out.println("answering " + System.currentTimeMillis());
            String name = args[2];
            String rv = new ObjectMapper().readTree(client.post("/api/v1/namespaces/default/pods",
                    ReferencePod.json(name))).path("metadata").path("resourceVersion").asText();
            awaitReady(client, name, rv);
            System.out.println("ready " + System.currentTimeMillis());
            ReferencePod.remove(engine, name);
        }
    }

    private static void awaitReady(ApiClient client, String name, String fromVersion) throws Exception {
        HttpResponse<java.io.InputStream> watch = client.http().send(client.request("/api/v1/namespaces/default/pods?watch=true"
                + "&fieldSelector=metadata.name%3D" + name + "&resourceVersion=" + fromVersion + "&timeoutSeconds=120").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (ReferencePod.ready(json.readTree(line).path("object"))) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the watch of pod " + name + " ended before it was Ready");
    }

    /** @return whether the pod's Ready condition is True */
    static boolean ready(JsonNode pod) {
        return ReferencePod.ready(pod);
    }
}

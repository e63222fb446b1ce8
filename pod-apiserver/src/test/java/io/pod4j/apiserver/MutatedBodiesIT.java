package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.pod4j.store.ListOptions;
import io.pod4j.store.ResourceTypes;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mutated request bodies (fixed seeds) get an answer or a Status refusal, never a 500: broken
 * JSON, values of the wrong type, unknown fields, truncations, random bytes; on create, update and
 * patch of the served kinds.
 */
class MutatedBodiesIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 150;
    private static HttpClient http;

    /** Pods are bound to another node, so the few that a mutation leaves valid start no container. */
    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"fuzz","labels":{"a":"b"}},
             "spec":{"nodeName":"fuzz-node","terminationGracePeriodSeconds":1,"containers":[{"name":"app","image":"busybox",
             "command":["true"],"ports":[{"containerPort":80}],"env":[{"name":"X","value":"1"}],
             "resources":{"limits":{"cpu":"100m"}}}]}}""";
    private static final String CONFIG_MAP = """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fuzz","annotations":{"n":"1"}},
             "data":{"k":"v"},"immutable":false}""";
    private static final String SECRET = """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"fuzz"},"type":"Opaque","data":{"k":"dg=="},
             "stringData":{"s":"t"}}""";
    private static final String NAMESPACE = """
            {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"fuzz-ns","labels":{"x":"y"}},"spec":{"finalizers":["kubernetes"]}}""";

    @BeforeAll
    static void connect() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(API.server().kubeconfig().resolveSibling("ca.crt"))) {
            trust.setCertificateEntry("pod4j", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(ssl).build();
        for (var e : Map.of("/api/v1/namespaces/default/pods", POD, "/api/v1/namespaces/default/configmaps", CONFIG_MAP,
                "/api/v1/namespaces/default/secrets", SECRET, "/api/v1/namespaces", NAMESPACE).entrySet()) {
            assertThat(send("POST", e.getKey(), "application/json", e.getValue().getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(201);
        }
    }

    @AfterAll
    static void removePods() {
        DeleteOptions now = new DeleteOptions();
        now.setGracePeriodSeconds(0L);
        for (var p : API.engine().store().list(ResourceTypes.PODS, ListOptions.all()).items()) {
            API.engine().store().delete(ResourceTypes.PODS, p.getMetadata().getNamespace(), p.getMetadata().getName(), now);
        }
    }

    private static HttpResponse<String> send(String method, String path, String contentType, byte[] body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(API.server().url() + path))
                .header("Authorization", "Bearer " + API.server().token()).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void createsOfMutatedObjectsGetAnObjectOrAStatusNeverA500() throws Exception {
        check("POST", "/api/v1/namespaces/default/pods", POD, 1);
        check("POST", "/api/v1/namespaces/default/configmaps", CONFIG_MAP, 2);
        check("POST", "/api/v1/namespaces/default/secrets", SECRET, 3);
        check("POST", "/api/v1/namespaces", NAMESPACE, 4);
    }

    @Test
    void updatesOfMutatedObjectsGetAnObjectOrAStatusNeverA500() throws Exception {
        check("PUT", "/api/v1/namespaces/default/pods/fuzz", POD, 5);
        check("PUT", "/api/v1/namespaces/default/configmaps/fuzz", CONFIG_MAP, 6);
        check("PUT", "/api/v1/namespaces/default/secrets/fuzz", SECRET, 7);
    }

    @Test
    void mutatedPatchesOfEachTypeGetAnObjectOrAStatusNeverA500() throws Exception {
        check("PATCH", "/api/v1/namespaces/default/pods/fuzz", POD, 8, "application/merge-patch+json");
        check("PATCH", "/api/v1/namespaces/default/pods/fuzz", POD, 9, "application/strategic-merge-patch+json");
        check("PATCH", "/api/v1/namespaces/default/configmaps/fuzz", "[{\"op\":\"replace\",\"path\":\"/data/k\",\"value\":\"w\"},"
                + "{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"fuzz\"}]", 10, "application/json-patch+json");
    }

    private static void check(String method, String path, String base, long seed) throws Exception {
        check(method, path, base, seed, "application/json");
    }

    private static void check(String method, String path, String base, long seed, String contentType) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] body = mutate(base, random);
            HttpResponse<String> r = send(method, path, contentType, body);
            String what = method + " " + path + " with " + new String(body, StandardCharsets.UTF_8);
            assertThat(r.statusCode()).as(what + " -> " + r.body()).isLessThan(500);
            if (r.statusCode() >= 400) {
                JsonNode status = JSON.readTree(r.body());
                assertThat(status.path("kind").asText()).as(what).isEqualTo("Status");
                assertThat(status.path("code").asInt()).as(what).isEqualTo(r.statusCode());
                assertThat(status.path("message").asText()).as(what).isNotEmpty().doesNotContain("\tat ");
            }
        }
    }

    private static byte[] mutate(String base, Random random) throws Exception {
        int how = random.nextInt(6);
        if (how == 0) { // truncated
            return base.substring(0, random.nextInt(base.length())).getBytes(StandardCharsets.UTF_8);
        }
        if (how == 1) { // random bytes in place
            byte[] b = base.getBytes(StandardCharsets.UTF_8);
            for (int n = 0; n < 1 + random.nextInt(4); n++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            return b;
        }
        JsonNode tree = JSON.readTree(base);
        List<JsonNode> containers = new ArrayList<>();
        collect(tree, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = o.fieldNames();
            it.forEachRemaining(names::add);
            String field = names.get(random.nextInt(names.size()));
            switch (how) {
                case 2 -> o.set(field, oddValue(random));
                case 3 -> o.remove(field);
                case 4 -> o.set("unknown" + random.nextInt(10), oddValue(random));
                default -> o.set(field, o.get(field).isArray() ? JSON.createObjectNode() : JSON.createArrayNode());
            }
        } else if (target instanceof ArrayNode a) {
            a.add(oddValue(random));
        }
        return JSON.writeValueAsBytes(tree);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> JSON.getNodeFactory().nullNode();
            case 1 -> JSON.getNodeFactory().numberNode(random.nextInt() - 1_000_000L * random.nextInt(3));
            case 2 -> JSON.getNodeFactory().textNode("x".repeat(random.nextInt(300)));
            case 3 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 4 -> JSON.getNodeFactory().numberNode(random.nextDouble() * 1e20);
            case 5 -> JSON.createArrayNode().add("a").add(1);
            default -> JSON.createObjectNode().put("k", random.nextInt());
        };
    }
}

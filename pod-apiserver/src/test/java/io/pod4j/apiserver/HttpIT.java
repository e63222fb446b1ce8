package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's HTTP behaviour seen from a plain HTTPS client: authentication, bad input, watch parameters. */
class HttpIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpClient http;

    @BeforeAll
    static void trustTheServersCa() throws Exception {
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(API.server().kubeconfig().resolveSibling("ca.crt"))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("pod4j", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        http = HttpClient.newBuilder().sslContext(ssl).build();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(API.server().url() + path))
                .header("Authorization", "Bearer " + API.server().token());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode status(HttpResponse<String> response, int code, String reason) throws Exception {
        assertThat(response.statusCode()).isEqualTo(code);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode s = JSON.readTree(response.body());
        assertThat(s.path("kind").asText()).isEqualTo("Status");
        assertThat(s.path("status").asText()).isEqualTo("Failure");
        assertThat(s.path("reason").asText()).isEqualTo(reason);
        assertThat(s.path("code").asInt()).isEqualTo(code);
        return s;
    }

    @Test
    void aRequestWithoutTheTokenIsUnauthorized() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(API.server().url() + "/api/v1/pods")).build());
        assertThat(status(r, 401, "Unauthorized").path("message").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void aRequestWithAWrongTokenIsUnauthorized() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(API.server().url() + "/api/v1/pods"))
                .header("Authorization", "Bearer " + API.server().token() + "x").build());
        status(r, 401, "Unauthorized");
    }

    @Test
    void healthChecksNeedNoToken() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(API.server().url() + "/readyz")).build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        String big = "{\"metadata\":{\"name\":\"big\"},\"data\":{\"a\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
        var r = send(request("/api/v1/namespaces/default/configmaps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(big)).build());
        assertThat(status(r, 413, "RequestEntityTooLarge").path("message").asText())
                .isEqualTo("Request entity too large: limit is 3145728");
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        var r = send(request("/api/v1/namespaces/default/configmaps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\": {")).build());
        assertThat(status(r, 400, "BadRequest").path("message").asText())
                .startsWith("couldn't get version/kind; json parse error: ");
    }

    @Test
    void aBodyOfAnUnknownMediaTypeIsRefusedWith415() throws Exception {
        var r = send(request("/api/v1/namespaces/default/configmaps").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("name=x")).build());
        status(r, 415, "UnsupportedMediaType");
        var patch = send(request("/api/v1/namespaces/default/configmaps/none").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).build());
        status(patch, 415, "UnsupportedMediaType");
    }

    @Test
    void anUnknownPathIsNotFound() throws Exception {
        status(send(request("/apis/networking.k8s.io/v1/ingresses").build()), 404, "NotFound");
        status(send(request("/api/v1/namespaces/default/widgets").build()), 404, "NotFound");
    }

    @Test
    void aMissingObjectIsNotFoundWithItsDetails() throws Exception {
        JsonNode s = status(send(request("/api/v1/namespaces/default/configmaps/nothing").build()), 404, "NotFound");
        assertThat(s.path("message").asText()).isEqualTo("configmaps \"nothing\" not found");
        assertThat(s.path("details").path("name").asText()).isEqualTo("nothing");
    }

    @Test
    void warnFieldValidationAnswersWithAWarningHeader() throws Exception {
        var r = send(request("/api/v1/namespaces/default/configmaps?fieldValidation=Warn")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"warned\"},\"datta\":{}}")).build());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().allValues("Warning")).containsExactly("299 - \"unknown field \\\"datta\\\"\"");
    }

    @Test
    void aPatchOnAPodsLogIsNotAllowedAndChangesNothing() throws Exception {
        var r = send(request("/api/v1/namespaces/default/pods/nobody/log").header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"labels\":{\"a\":\"b\"}}}")).build());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(r.body()).path("reason").asText()).isEqualTo("MethodNotAllowed");
        assertThat(send(request("/api/v1/namespaces/default/pods/nobody").GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aPodFieldTheEngineIgnoresIsWarnedAbout() throws Exception {
        String pod = "{\"metadata\":{\"name\":\"prio\"},\"spec\":{\"securityContext\":{\"fsGroup\":2000},\"terminationGracePeriodSeconds\":1,"
                + "\"containers\":[{\"name\":\"app\",\"image\":\"" + Manifests.IMAGE + "\",\"command\":[\"true\"]}]}}";
        var r = send(request("/api/v1/namespaces/default/pods").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(pod)).build());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().allValues("Warning"))
                .anyMatch(w -> w.contains("spec.securityContext.fsGroup: is kept but not acted on by pod4j's local engine"));
    }

    @Test
    void aWatchFromAVersionSendsExactlyTheLaterChanges() throws Exception {
        var created = JSON.readTree(send(request("/api/v1/namespaces/default/configmaps")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"w1\",\"labels\":{\"w\":\"x\"}}}"))
                .build()).body());
        String rv = created.path("metadata").path("resourceVersion").asText();
        send(request("/api/v1/namespaces/default/configmaps/w1").header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"k\":\"v\"}}")).build());
        List<JsonNode> events = watch("/api/v1/namespaces/default/configmaps?watch=true&labelSelector=w%3Dx"
                + "&resourceVersion=" + rv + "&timeoutSeconds=1");
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("MODIFIED");
        assertThat(events.get(0).path("object").path("data").path("k").asText()).isEqualTo("v");
    }

    @Test
    void aWatchWithInitialEventsEndsThemWithAMarkedBookmark() throws Exception {
        send(request("/api/v1/namespaces/default/configmaps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"i1\",\"labels\":{\"i\":\"x\"}}}"))
                .build());
        List<JsonNode> events = watch("/api/v1/namespaces/default/configmaps?watch=true&labelSelector=i%3Dx"
                + "&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1");
        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("ADDED", "BOOKMARK");
        assertThat(events.get(1).path("object").path("metadata").path("annotations")
                .path("k8s.io/initial-events-end").asText()).isEqualTo("true");
    }

    @Test
    void initialEventsWithoutBookmarksAreRefusedSoClientsFallBackToListAndWatch() throws Exception {
        var r = send(request("/api/v1/namespaces/default/configmaps?watch=true&sendInitialEvents=true").build());
        status(r, 422, "Invalid");
    }

    @Test
    void aWatchFromAVersionOlderThanTheHistoryEndsWithAnExpiredError() throws Exception {
        String first = API.engine().store().resourceVersion();
        for (int i = 0; i < 1001; i++) { // past the store's window of 1000 changes
            API.engine().store().create(new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata()
                    .withName("churn-" + i).withNamespace("churn").endMetadata().build());
        }
        List<JsonNode> events = watch("/api/v1/namespaces/churn/configmaps?watch=true&resourceVersion=" + first
                + "&timeoutSeconds=5");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("type").asText()).isEqualTo("ERROR");
        JsonNode status = events.get(0).path("object");
        assertThat(status.path("code").asInt()).isEqualTo(410);
        assertThat(status.path("reason").asText()).isEqualTo("Expired");
        assertThat(status.path("message").asText()).startsWith("too old resource version: " + first);
    }

    @Test
    void aDeleteWhosePreconditionFailsIsAConflict() throws Exception {
        send(request("/api/v1/namespaces/default/configmaps").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"guarded\"}}")).build());
        var r = send(request("/api/v1/namespaces/default/configmaps/guarded").header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                        + "\"preconditions\":{\"uid\":\"00000000-0000-0000-0000-000000000000\"}}")).build());
        assertThat(status(r, 409, "Conflict").path("message").asText())
                .contains("the UID in the precondition (00000000-0000-0000-0000-000000000000) does not match");
        var gone = send(request("/api/v1/namespaces/default/configmaps/guarded").DELETE().build());
        assertThat(gone.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(gone.body()).path("status").asText()).isEqualTo("Success");
    }

    @Test
    void anUnknownPropagationPolicyIsInvalid() throws Exception {
        var r = send(request("/api/v1/namespaces/default/configmaps/any?propagationPolicy=Sideways").DELETE().build());
        assertThat(status(r, 422, "Invalid").path("message").asText()).contains("propagationPolicy: Unsupported value");
    }

    @Test
    void aTableIsServedWhenAsked() throws Exception {
        var r = send(request("/api/v1/namespaces").header("Accept",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").build());
        JsonNode table = JSON.readTree(r.body());
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("metadata").path("resourceVersion").asText()).isNotEmpty();
        assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void openWatchesHoldNoThreadYetEachGetsTheNextChange() throws Exception {
        List<HttpResponse<java.io.InputStream>> watches = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            watches.add(http.send(request("/api/v1/namespaces/default/configmaps?watch=true&labelSelector=many%3Dx"
                    + "&timeoutSeconds=30").build(), HttpResponse.BodyHandlers.ofInputStream()));
        }
        try {
            // (the engine's kubelet has one thread of its own on a watch: not the server's)
            assertThat(Thread.getAllStackTraces().values()).noneMatch(stack -> java.util.Arrays.stream(stack)
                    .anyMatch(f -> f.getClassName().startsWith("io.pod4j.store.Watch"))
                    && java.util.Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith("io.pod4j.apiserver")));

            send(request("/api/v1/namespaces/default/configmaps").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"many\",\"labels\":{\"many\":\"x\"}}}"))
                    .build());
            for (HttpResponse<java.io.InputStream> w : watches) {
                String line = new BufferedReader(new InputStreamReader(w.body(), StandardCharsets.UTF_8)).readLine();
                assertThat(JSON.readTree(line).path("object").path("metadata").path("name").asText()).isEqualTo("many");
            }
        } finally {
            for (HttpResponse<java.io.InputStream> w : watches) {
                w.body().close();
            }
        }
    }

    private static List<JsonNode> watch(String path) throws Exception {
        var r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }
}

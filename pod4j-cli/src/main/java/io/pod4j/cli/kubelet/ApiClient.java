package io.pod4j.cli.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pod4j.cli.CliError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The few requests the kubelet makes of the API server, with the kubeconfig's server, CA and
 * token: as a node's kubelet posts and deletes its mirror pods.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String server;
    private final String token;

    private ApiClient(HttpClient http, String server, String token) {
        this.http = http;
        this.server = server;
        this.token = token;
    }

    /**
     * @param kubeconfig a kubeconfig with one cluster (server, certificate-authority-data) and one user (token)
     * @return a client of that server
     */
    static ApiClient of(Path kubeconfig) {
        try {
            JsonNode config = new YAMLMapper().readTree(kubeconfig.toFile());
            JsonNode cluster = config.path("clusters").path(0).path("cluster");
            byte[] ca = Base64.getDecoder().decode(cluster.path("certificate-authority-data").asText());
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("pod4j-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(ca)));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
            return new ApiClient(http, cluster.path("server").asText(), config.path("users").path(0).path("user").path("token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CliError("cannot trust the CA of the kubeconfig " + kubeconfig + ": " + e.getMessage());
        }
    }

    /** @return the object at the path, or null when the server answers 404 */
    JsonNode get(String path) {
        HttpResponse<byte[]> r = send(request(path).GET(), path);
        return r.statusCode() == 404 ? null : body(r, path);
    }

    /** Creates the object (JSON) in the collection at the path; a refusal is a {@link CliError} with the server's message. */
    JsonNode post(String path, String json) {
        return body(send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), path), path);
    }

    /** Deletes the object at the path (its default grace period); one already gone is no error. */
    void delete(String path) {
        HttpResponse<byte[]> r = send(request(path).DELETE(), path);
        if (r.statusCode() != 404) {
            body(r, path);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("User-Agent", "pod4j-kubelet");
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String path) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("the API server " + server + " did not answer " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError("interrupted while asking the API server for " + path);
        }
    }

    private static JsonNode body(HttpResponse<byte[]> r, String path) {
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new CliError("the API server answered " + path + " with " + r.statusCode() + " and no JSON");
        }
        if (r.statusCode() >= 300) {
            throw new CliError(body.path("message").asText("the API server answered " + path + " with " + r.statusCode()));
        }
        return body;
    }
}

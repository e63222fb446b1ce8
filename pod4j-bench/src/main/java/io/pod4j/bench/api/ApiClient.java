package io.pod4j.bench.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The benchmarks' HTTPS client of a Kubernetes API: the JDK's HttpClient (HTTP/1.1), a bearer token,
 * trusting one CA (pod4j's) or, for fabric8's mock server and its self-signed certificate, anything.
 *
 * @param http the client
 * @param url e.g. {@code https://127.0.0.1:41234}
 * @param token the bearer token, or null
 */
record ApiClient(HttpClient http, String url, String token) {

    /** A client that trusts the CA in {@code caFile} (PEM). */
    static ApiClient trusting(String url, String token, Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return new ApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build(), url, token);
    }

    /** A client that trusts any certificate: only for fabric8's mock server, which makes its own. */
    static ApiClient trustingAnything(String url) throws GeneralSecurityException {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        return new ApiClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl).build(), url, null);
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    /** GET, failing unless 200. */
    String get(String path) throws IOException, InterruptedException {
        return expect(200, http.send(request(path).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** POST of a JSON body, failing unless 201. */
    String post(String path, String json) throws IOException, InterruptedException {
        return expect(201, http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static String expect(int code, HttpResponse<String> r) {
        if (r.statusCode() != code) {
            throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": "
                    + r.body());
        }
        return r.body();
    }
}

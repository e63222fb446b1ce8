package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.pod4j.api.build.Pods;
import io.pod4j.engine.PodEngine;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ApiServer.start(PodEngine.builder(), options)}: the server builds the engine it serves, and owns it. */
class ApiServerStartIT {

    @TempDir
    Path state;

    @Test
    void aServerGivenABuilderServesTheEngineItBuiltAndClosesItWhenItCloses() throws Exception {
        PodEngine engine;
        try (ApiServer api = ApiServer.start(PodEngine.builder().stateDir(state), ApiServerOptions.defaults().stateDir(state))) {
            engine = api.engine();
            engine.store().create(new ConfigMapBuilder().withNewMetadata().withName("served").withNamespace("default")
                    .endMetadata().addToData("k", "v").build());

            HttpResponse<String> answer = client(api).send(HttpRequest.newBuilder(
                    URI.create(api.url() + "/api/v1/namespaces/default/configmaps/served"))
                    .header("Authorization", "Bearer " + api.token()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("\"name\":\"served\"");
        }
        assertThatThrownBy(() -> engine.create(Pods.named("after").container("c", c -> c.image("pod4j-test/busybox:1")).build()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static HttpClient client(ApiServer api) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(api.kubeconfig().resolveSibling("ca.crt"))) {
            trust.setCertificateEntry("pod4j", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }
}

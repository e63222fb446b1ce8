package io.pod4j.apiserver;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The kubeconfig that lets kubectl, client-go and fabric8's client reach the server: one cluster
 * (the server's https URL and the CA that signed its certificate), one user (the bearer token)
 * and one context, {@code pod4j}, made current.
 */
final class Kubeconfig {

    /** The name of the cluster, user and context. */
    static final String NAME = "pod4j";

    private Kubeconfig() {
    }

    /**
     * @param server e.g. {@code https://127.0.0.1:41234}
     * @param caPem the CA certificate, PEM
     * @param token the bearer token
     * @return the kubeconfig, YAML
     */
    static String render(String server, String caPem, String token) {
        String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                    certificate-authority-data: %3$s
                users:
                - name: %1$s
                  user:
                    token: %4$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: default
                current-context: %1$s
                preferences: {}
                """.formatted(NAME, server, ca, token);
    }
}

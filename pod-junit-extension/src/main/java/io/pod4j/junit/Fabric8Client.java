package io.pod4j.junit;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * A fabric8 {@code KubernetesClient} configured from the engine's kubeconfig (or, on the Kubernetes
 * backend, the cluster's, in the engine's namespace), closed with the scope that asked for it. The only class of the extension that touches fabric8's client.
 */
final class Fabric8Client implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final KubernetesClient client;

    private Fabric8Client(KubernetesClient client) {
        this.client = client;
    }

    static Fabric8Client connect(Path kubeconfig) {
        Config config;
        try {
            config = Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the engine's kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
        return connect(config);
    }

    /**
     * A client of the cluster the Kubernetes backend runs on, in the engine's namespace.
     *
     * @param choice the backend's kubeconfig and context
     * @param namespace the engine's namespace on the cluster: the client's default
     */
    static Fabric8Client connect(BackendChoice choice, String namespace) {
        Config config = choice.kubeconfig() == null ? Config.autoConfigure(choice.context())
                : Config.fromKubeconfig(choice.context(), choice.kubeconfig().toFile());
        config.setNamespace(namespace);
        return connect(config);
    }

    private static Fabric8Client connect(Config config) {
        try {
            return new Fabric8Client(new KubernetesClientBuilder().withConfig(config).build());
        } catch (KubernetesClientException e) {
            if (!String.valueOf(e.getMessage()).contains("No httpclient")) {
                throw e;
            }
            // fabric8 finds its HTTP client through the service loader; with none on the class path it says only that.
            throw new ParameterResolutionException("cannot build a KubernetesClient: " + e.getMessage()
                    + "; add io.fabric8:kubernetes-client (it brings an HTTP client) or io.fabric8:kubernetes-httpclient-jdk"
                    + " to the test dependencies", e);
        }
    }

    Object client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}

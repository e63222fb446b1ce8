package io.pod4j.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pod4j.engine.Backend;
import io.pod4j.engine.BackendProvider;
import io.pod4j.engine.KubernetesTarget;
import java.time.Duration;

/** Opens the Kubernetes backend for {@code PodEngine.builder().kubernetes(...)} (found by the ServiceLoader). */
public final class KubernetesBackendProvider implements BackendProvider {

    /** How long closing waits for the engine's namespaces to be gone. */
    static final Duration NAMESPACE_DELETION = Duration.ofSeconds(60);

    @Override
    public Backend open(KubernetesTarget target, Runnable changed) {
        Config config = config(target);
        String context = config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
        String server = config.getMasterUrl() + (context == null ? "" : " (context " + context + ")");
        // The JDK's HTTP client, always: with Vert.x's on the class path too, fabric8 would pick one at random.
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory()).build();
        return new KubernetesBackend(client, server, target, changed, NAMESPACE_DELETION);
    }

    /** Retries of a request that failed to connect: fabric8's 10 take ~20 s before an unreachable server is reported. */
    static final int RETRIES = 3;

    private static Config config(KubernetesTarget target) {
        if (target.config().isPresent()) {
            return (Config) target.config().get(); // the user's, retries and all
        }
        Config config = discovered(target);
        config.setRequestRetryBackoffLimit(Math.min(config.getRequestRetryBackoffLimit(), RETRIES));
        return config;
    }

    private static Config discovered(KubernetesTarget target) {
        String context = target.context().orElse(null);
        if (target.kubeconfig().isPresent()) {
            java.io.File file = target.kubeconfig().get().toFile();
            if (!file.canRead()) {
                throw new IllegalArgumentException("cannot read the kubeconfig " + file + ": give the path of a readable kubeconfig file");
            }
            return Config.fromKubeconfig(context, file);
        }
        return Config.autoConfigure(context);
    }
}

package io.pod4j.junit;

import io.pod4j.engine.PodEngineBuilder;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Where the test run's engine runs its pods, so that the same test classes run locally or on a
 * Kubernetes cluster unchanged. Read from JUnit's configuration parameters (system properties,
 * {@code junit-platform.properties}, the launcher's) and else the environment:
 *
 * <ul>
 *   <li>{@code pod4j.backend} / {@code POD4J_BACKEND}: {@code local} (the default) or {@code kubernetes};
 *   <li>{@code pod4j.kubeconfig} / {@code POD4J_KUBECONFIG}: the kubeconfig file (default: fabric8's
 *       discovery, as kubectl's: {@code KUBECONFIG}, {@code ~/.kube/config}, in a pod its service account);
 *   <li>{@code pod4j.context} / {@code POD4J_CONTEXT}: the kubeconfig's context (default: its current one);
 *   <li>{@code pod4j.namespacePrefix} / {@code POD4J_NAMESPACE_PREFIX}: what the engine's namespaces' names
 *       start with (default {@code pod4j-}).
 * </ul>
 *
 * @param kubernetes true for the Kubernetes backend
 * @param kubeconfig the kubeconfig file, or null
 * @param context the kubeconfig context, or null
 * @param namespacePrefix the namespace prefix, or null for the engine's default
 */
record BackendChoice(boolean kubernetes, Path kubeconfig, String context, String namespacePrefix) {

    static final String BACKEND = "pod4j.backend";
    static final String KUBECONFIG = "pod4j.kubeconfig";
    static final String CONTEXT = "pod4j.context";
    static final String NAMESPACE_PREFIX = "pod4j.namespacePrefix";

    /**
     * @param parameters JUnit's configuration parameters
     * @param environment the environment's variables
     * @return the choice they make
     */
    static BackendChoice read(Function<String, Optional<String>> parameters, Function<String, String> environment) {
        Function<String, String> value = key -> parameters.apply(key).filter(v -> !v.isBlank())
                .orElseGet(() -> blankToNull(environment.apply(envName(key))));
        String backend = value.apply(BACKEND);
        boolean kubernetes;
        if (backend == null || backend.equalsIgnoreCase("local")) {
            kubernetes = false;
        } else if (backend.equalsIgnoreCase("kubernetes")) {
            kubernetes = true;
        } else {
            throw new ExtensionConfigurationException(BACKEND + " (or " + envName(BACKEND) + ") must be local or kubernetes, not \""
                    + backend + "\"");
        }
        String kubeconfig = value.apply(KUBECONFIG);
        return new BackendChoice(kubernetes, kubeconfig == null ? null : Path.of(kubeconfig), value.apply(CONTEXT),
                value.apply(NAMESPACE_PREFIX));
    }

    /** @return the builder, set for this backend */
    PodEngineBuilder applyTo(PodEngineBuilder builder) {
        if (kubernetes) {
            builder.kubernetes(kubeconfig, context);
            if (namespacePrefix != null) {
                builder.namespacePrefix(namespacePrefix);
            }
        }
        return builder;
    }

    /** pod4j.namespacePrefix → POD4J_NAMESPACE_PREFIX */
    static String envName(String key) {
        return key.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

package io.pod4j.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class BackendChoiceTest {

    private static BackendChoice read(Map<String, String> parameters, Map<String, String> environment) {
        return BackendChoice.read(k -> Optional.ofNullable(parameters.get(k)), environment::get);
    }

    @Test
    void theDefaultIsTheLocalBackend() {
        assertThat(read(Map.of(), Map.of())).isEqualTo(new BackendChoice(false, null, null, null));
    }

    @Test
    void configurationParametersChooseAClusterKubeconfigContextAndPrefix() {
        assertThat(read(Map.of("pod4j.backend", "kubernetes", "pod4j.kubeconfig", "/ci/kubeconfig", "pod4j.context", "ci",
                "pod4j.namespacePrefix", "it-"), Map.of()))
                .isEqualTo(new BackendChoice(true, Path.of("/ci/kubeconfig"), "ci", "it-"));
    }

    @Test
    void theEnvironmentIsReadWhenNoParameterIsSet() {
        assertThat(read(Map.of(), Map.of("POD4J_BACKEND", "Kubernetes", "POD4J_CONTEXT", "kind-kind",
                "POD4J_NAMESPACE_PREFIX", "t-")))
                .isEqualTo(new BackendChoice(true, null, "kind-kind", "t-"));
    }

    @Test
    void aParameterWinsOverTheEnvironment() {
        assertThat(read(Map.of("pod4j.backend", "local"), Map.of("POD4J_BACKEND", "kubernetes")).kubernetes()).isFalse();
    }

    @Test
    void anUnknownBackendIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> read(Map.of("pod4j.backend", "k8s"), Map.of()))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("pod4j.backend (or POD4J_BACKEND) must be local or kubernetes, not \"k8s\"");
    }
}

package io.pod4j.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.pod4j.store.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodiesTest {

    private static final String POD_WITH_TYPO = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
             "spec":{"containers":[{"name":"app","image":"busybox","imagePullPolicyy":"Never"}]}}""";

    private final List<String> warnings = new ArrayList<>();

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void refusedWith(Runnable r, int code, String message) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(code);
            assertThat(e.status().getMessage()).isEqualTo(message);
        });
    }

    @Test
    void strictRefusesAnUnknownFieldInTheApiServersWords() {
        refusedWith(() -> Bodies.decode(ResourceTypes.PODS, bytes(POD_WITH_TYPO), "application/json", "Strict", warnings::add),
                400, "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                        + "unknown field \"spec.containers[0].imagePullPolicyy\"");
    }

    @Test
    void warnKeepsTheObjectAndWarnsOfTheField() {
        Pod pod = Bodies.decode(ResourceTypes.PODS, bytes(POD_WITH_TYPO), "application/json", "Warn", warnings::add);
        assertThat(pod.getSpec().getContainers().get(0).getImage()).isEqualTo("busybox");
        assertThat(warnings).containsExactly("unknown field \"spec.containers[0].imagePullPolicyy\"");
    }

    @Test
    void warnIsTheDefault() {
        Bodies.decode(ResourceTypes.PODS, bytes(POD_WITH_TYPO), "application/json", null, warnings::add);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void ignoreDropsTheFieldSilently() {
        Pod pod = Bodies.decode(ResourceTypes.PODS, bytes(POD_WITH_TYPO), "application/json", "Ignore", warnings::add);
        assertThat(pod.getSpec().getContainers().get(0).getAdditionalProperties()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void kindAndApiVersionComeFromTheUrlWhenTheBodyLeavesThemOut() {
        ConfigMap cm = Bodies.decode(ResourceTypes.CONFIG_MAPS, bytes("{\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"b\"}}"),
                "application/json", "Strict", warnings::add);
        assertThat(cm.getData()).containsEntry("a", "b");
    }

    @Test
    void yamlBodiesAreRead() {
        ConfigMap cm = Bodies.decode(ResourceTypes.CONFIG_MAPS, bytes("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"),
                "application/yaml", "Strict", warnings::add);
        assertThat(cm.getMetadata().getName()).isEqualTo("c");
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertThatThrownBy(() -> Bodies.decode(ResourceTypes.CONFIG_MAPS, bytes("{\"metadata\":"), "application/json", null,
                warnings::add)).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().getCode()).isEqualTo(400);
                    assertThat(e.status().getReason()).isEqualTo("BadRequest");
                    assertThat(e.status().getMessage()).startsWith("couldn't get version/kind; json parse error: ");
                });
    }

    @Test
    void anotherMediaTypeIsUnsupported() {
        refusedWith(() -> Bodies.decode(ResourceTypes.CONFIG_MAPS, bytes("a=b"), "text/plain", null, warnings::add), 415,
                "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json, application/yaml, application/vnd.kubernetes.protobuf");
    }

    @Test
    void aBodyOfAnotherApiVersionIsRefused() {
        refusedWith(() -> Bodies.decode(ResourceTypes.CONFIG_MAPS, bytes("{\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\"}"),
                "application/json", null, warnings::add), 400,
                "the API version in the data (apps/v1) does not match the expected API version (v1)");
    }

    @Test
    void anUnknownFieldValidationValueIsRefused() {
        assertThatThrownBy(() -> Bodies.decode(ResourceTypes.CONFIG_MAPS, bytes("{}"), "application/json", "strict",
                warnings::add)).isInstanceOf(ApiException.class);
    }
}

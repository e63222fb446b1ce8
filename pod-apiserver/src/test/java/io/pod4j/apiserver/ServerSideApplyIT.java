package io.pod4j.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The installed kubectl's {@code apply --server-side} against pod4j, and the managedFields every
 * write leaves, as {@code kubectl get --show-managed-fields} shows them on a cluster.
 */
class ServerSideApplyIT {

    @RegisterExtension
    static final ApiServerExtension API = new ApiServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String configMap(String name, String data) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + data;
    }

    private static JsonNode get(String what) {
        try {
            return JSON.readTree(API.kubectl("get", what, "-o", "json", "--show-managed-fields").ok().out());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> managers(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.path("metadata").path("managedFields").forEach(e -> out.add(e.path("manager").asText() + "/"
                + e.path("operation").asText()));
        return out;
    }

    @Test
    void serverSideApplyCreatesAndRecordsKubectlAsTheApplier() {
        String out = API.kubectlWithInput(configMap("ssa-new", "  level: debug\n"), "apply", "--server-side",
                "--validate=false", "-f", "-").ok().out();

        assertThat(out.strip()).isEqualTo("configmap/ssa-new serverside-applied");
        JsonNode cm = get("cm/ssa-new");
        assertThat(managers(cm)).containsExactly("kubectl/Apply");
        assertThat(cm.path("metadata").path("managedFields").get(0).path("fieldsV1").toString())
                .isEqualTo("{\"f:data\":{\"f:level\":{}}}");
    }

    @Test
    void anApplyThatCreatesAnswers201AndOneThatChangesAnswers200() {
        String first = API.kubectlWithInput(configMap("ssa-codes", "  level: debug\n"), "apply", "--server-side",
                "--validate=false", "-v=6", "-f", "-").ok().err();
        String second = API.kubectlWithInput(configMap("ssa-codes", "  level: info\n"), "apply", "--server-side",
                "--validate=false", "-v=6", "-f", "-").ok().err();

        assertThat(first).containsPattern("PATCH https://\\S+/api/v1/namespaces/default/configmaps/ssa-codes\\S* 201 Created");
        assertThat(second).containsPattern("PATCH https://\\S+/api/v1/namespaces/default/configmaps/ssa-codes\\S* 200 OK");
    }

    @Test
    void reapplyingWithoutAKeyRemovesIt() {
        API.kubectlWithInput(configMap("ssa-prune", "  level: debug\n  mode: prod\n"), "apply", "--server-side",
                "--validate=false", "-f", "-").ok();

        API.kubectlWithInput(configMap("ssa-prune", "  mode: prod\n"), "apply", "--server-side", "--validate=false",
                "-f", "-").ok();

        assertThat(get("cm/ssa-prune").path("data").toString()).isEqualTo("{\"mode\":\"prod\"}");
    }

    @Test
    void anotherManagerChangingAnAppliedValueConflictsUntilItForces() {
        API.kubectlWithInput(configMap("ssa-conflict", "  level: debug\n"), "apply", "--server-side", "--validate=false",
                "-f", "-").ok();

        ApiServerExtension.Result refused = API.kubectlWithInput(configMap("ssa-conflict", "  level: info\n"), "apply",
                "--server-side", "--field-manager=tuner", "--validate=false", "-f", "-");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("Apply failed with 1 conflict: conflict with \"kubectl\": .data.level");

        API.kubectlWithInput(configMap("ssa-conflict", "  level: info\n"), "apply", "--server-side",
                "--field-manager=tuner", "--force-conflicts", "--validate=false", "-f", "-").ok();
        JsonNode cm = get("cm/ssa-conflict");
        assertThat(cm.path("data").path("level").asText()).isEqualTo("info");
        assertThat(managers(cm)).containsExactly("tuner/Apply");
    }

    @Test
    void aClientSideApplyOwnsWhatItSetAndKubectlsServerSideApplyTakesItOver() {
        API.kubectlWithInput(configMap("ssa-upgrade", "  level: debug\n"), "apply", "--validate=false", "-f", "-").ok();
        assertThat(managers(get("cm/ssa-upgrade"))).containsExactly("kubectl-client-side-apply/Update");

        ApiServerExtension.Result refused = API.kubectlWithInput(configMap("ssa-upgrade", "  level: info\n"), "apply",
                "--server-side", "--field-manager=deployer", "--validate=false", "-f", "-");
        assertThat(refused.err()).contains(
                "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .data.level");

        API.kubectlWithInput(configMap("ssa-upgrade", "  level: info\n"), "apply", "--server-side", "--validate=false",
                "-f", "-").ok();
        JsonNode cm = get("cm/ssa-upgrade");
        assertThat(cm.path("data").path("level").asText()).isEqualTo("info");
        assertThat(managers(cm)).contains("kubectl/Apply");
    }

    @Test
    void kubectlsCommandsAreTheManagersOfTheirWrites() {
        API.kubectlWithInput(configMap("ssa-label", "  level: debug\n"), "create", "--validate=false", "-f", "-").ok();

        API.kubectl("label", "cm", "ssa-label", "tier=web").ok();

        JsonNode cm = get("cm/ssa-label");
        assertThat(managers(cm)).containsExactly("kubectl-create/Update", "kubectl-label/Update");
    }

    @Test
    void aPodAppliedServerSideRuns() {
        API.kubectlWithInput(Manifests.pod("ssa-pod", "app: ssa-pod"), "apply", "--server-side", "--validate=false",
                "-f", "-").ok();

        API.kubectl("wait", "--for=condition=Ready", "pod/ssa-pod", "--timeout=60s").ok();
        assertThat(managers(get("pod/ssa-pod"))).contains("kubectl/Apply", "kubelet/Update");
    }

    @Test
    void fabric8sServerSideApplyOwnsFieldsAndConflicts() throws IOException {
        try (KubernetesClient client = API.fabric8Client()) {
            ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("ssa-fabric8").withNamespace("default")
                    .endMetadata().addToData("level", "debug").build();

            ConfigMap applied = client.resource(cm).fieldManager("operator").serverSideApply();

            assertThat(applied.getData()).containsEntry("level", "debug");
            assertThat(applied.getMetadata().getManagedFields()).singleElement().satisfies(e -> {
                assertThat(e.getManager()).isEqualTo("operator");
                assertThat(e.getOperation()).isEqualTo("Apply");
            });
            ConfigMap other = new ConfigMapBuilder(cm).withData(java.util.Map.of("level", "info")).build();
            assertThatThrownBy(() -> client.resource(other).fieldManager("tuner").serverSideApply())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(409);
                        assertThat(e.getStatus().getMessage())
                                .isEqualTo("Apply failed with 1 conflict: conflict with \"operator\": .data.level");
                    });
            assertThat(client.resource(other).fieldManager("tuner").forceConflicts().serverSideApply().getData())
                    .containsEntry("level", "info");
        }
    }
}

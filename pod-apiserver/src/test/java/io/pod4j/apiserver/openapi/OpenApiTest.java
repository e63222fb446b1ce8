package io.pod4j.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documents kubectl reads: what it looks for in them, as its own code reads them. */
class OpenApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POD = "io.k8s.api.core.v1.Pod";

    private final OpenApi openApi = new OpenApi();

    private JsonNode document(String path) throws IOException {
        return JSON.readTree(openApi.document(path).orElseThrow());
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        JsonNode s = schema.has("allOf") ? schema.get("allOf").get(0) : schema;
        String ref = s.path("$ref").asText();
        return ref.isEmpty() ? s : doc.get("components").get("schemas").get(ref.substring("#/components/schemas/".length()));
    }

    @Test
    void v3IndexListsCoreV1WithAHashedUrl() throws IOException {
        JsonNode index = document("v3");
        String url = index.get("paths").get("api/v1").get("serverRelativeURL").asText();
        assertThat(url).matches("/openapi/v3/api/v1\\?hash=[0-9A-F]{128}");
    }

    @Test
    void everyPatchOperationOfAKindTakesFieldValidationAsKubectlLooksForIt() throws IOException {
        JsonNode doc = document("v3/api/v1");
        List<String> kinds = new ArrayList<>();
        doc.get("paths").forEach(path -> {
            JsonNode patch = path.get("patch");
            if (patch != null) {
                kinds.add(patch.get("x-kubernetes-group-version-kind").get("kind").asText());
                assertThat(patch.get("parameters")).anySatisfy(p -> {
                    assertThat(p.get("name").asText()).isEqualTo("fieldValidation");
                    assertThat(p.get("in").asText()).isEqualTo("query");
                });
                assertThat(patch.get("requestBody").get("content").has("application/strategic-merge-patch+json")).isTrue();
            }
        });
        assertThat(kinds).contains("Pod", "ConfigMap", "Secret", "Namespace", "Node", "Event");
    }

    @Test
    void createAndReplaceTakeFieldValidationToo() throws IOException {
        JsonNode pods = document("v3/api/v1").get("paths");
        assertThat(pods.get("/api/v1/namespaces/{namespace}/pods").get("post").get("parameters").findValuesAsText("name"))
                .contains("fieldValidation", "fieldManager", "dryRun");
        assertThat(pods.get("/api/v1/namespaces/{namespace}/pods/{name}").get("put").get("parameters")
                .findValuesAsText("name")).contains("fieldValidation");
    }

    @Test
    void kindSchemaCarriesItsGroupVersionKindAsAList() throws IOException {
        JsonNode pod = document("v3/api/v1").get("components").get("schemas").get(POD);
        assertThat(pod.get("x-kubernetes-group-version-kind").get(0).toString())
                .isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");
        assertThat(pod.get("type").asText()).isEqualTo("object");
        assertThat(pod.get("properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "spec", "status");
    }

    @Test
    void containersCarryTheirStrategicMergeKeyAndTheirFieldsTypesAndRequiredOnes() throws IOException {
        JsonNode doc = document("v3/api/v1");
        JsonNode spec = resolve(doc, doc.get("components").get("schemas").get(POD).get("properties").get("spec"));
        JsonNode containers = spec.get("properties").get("containers");
        assertThat(containers.get("type").asText()).isEqualTo("array");
        assertThat(containers.get("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(containers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
        assertThat(spec.get("properties").get("volumes").get("x-kubernetes-patch-strategy").asText())
                .isEqualTo("merge,retainKeys");
        assertThat(spec.get("required").toString()).isEqualTo("[\"containers\"]");
        JsonNode container = resolve(doc, containers.get("items"));
        assertThat(container.get("required").toString()).isEqualTo("[\"name\"]");
        JsonNode ports = container.get("properties").get("ports");
        assertThat(ports.get("x-kubernetes-patch-merge-key").asText()).isEqualTo("containerPort");
        JsonNode port = resolve(doc, ports.get("items"));
        assertThat(port.get("properties").get("containerPort").get("type").asText()).isEqualTo("integer");
        assertThat(port.get("properties").get("protocol").get("type").asText()).isEqualTo("string");
        assertThat(port.get("required").toString()).isEqualTo("[\"containerPort\"]");
    }

    @Test
    void quantitiesAndIntOrStringsAreStringsOrNumbersAsInKubernetes() throws IOException {
        JsonNode schemas = document("v3/api/v1").get("components").get("schemas");
        assertThat(schemas.get("io.k8s.apimachinery.pkg.api.resource.Quantity").toString())
                .isEqualTo("{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}");
        assertThat(schemas.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString").toString())
                .isEqualTo("{\"format\":\"int-or-string\",\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"string\"}]}");
        assertThat(schemas.get("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta").get("properties").has("labels"))
                .isTrue();
    }

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode doc = document("v3/api/v1");
        JsonNode schemas = doc.get("components").get("schemas");
        assertThat(doc.findValuesAsText("$ref")).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/schemas/");
            assertThat(schemas.has(ref.substring("#/components/schemas/".length()))).as(ref).isTrue();
        });
    }

    @Test
    void explainFindsThePodKindThroughItsListPath() throws IOException {
        JsonNode get = document("v3/api/v1").get("paths").get("/api/v1/namespaces/{namespace}/pods").get("get");
        assertThat(get.get("x-kubernetes-group-version-kind").get("kind").asText()).isEqualTo("Pod");
        assertThat(get.get("x-kubernetes-action").asText()).isEqualTo("list");
    }

    @Test
    void v2DocumentIsSwaggerWithDefinitionsAndFieldValidation() throws IOException {
        JsonNode doc = document("v2");
        assertThat(doc.get("swagger").asText()).isEqualTo("2.0");
        assertThat(doc.get("definitions").has(POD)).isTrue();
        assertThat(doc.findValuesAsText("$ref")).allSatisfy(ref ->
                assertThat(doc.get("definitions").has(ref.substring("#/definitions/".length()))).as(ref).isTrue());
        JsonNode patch = doc.get("paths").get("/api/v1/namespaces/{namespace}/pods/{name}").get("patch");
        assertThat(patch.get("parameters").findValuesAsText("name")).contains("body", "fieldValidation");
        assertThat(patch.get("consumes").toString()).contains("application/strategic-merge-patch+json");
    }

    @Test
    void theWorkloadGroupsHaveTheirDocuments() {
        assertThat(new String(openApi.document("v3/apis/apps/v1").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("io.k8s.api.apps.v1.Deployment", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}");
        assertThat(new String(openApi.document("v3/apis/batch/v1").orElseThrow(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("io.k8s.api.batch.v1.Job");
    }

    @Test
    void unknownGroupVersionIsNotFound() {
        assertThat(openApi.document("v3/apis/networking.k8s.io/v1")).isEmpty();
        assertThat(openApi.document("v4")).isEmpty();
    }

    @Test
    void documentsAreBuiltOnceAndKept() {
        assertThat(openApi.document("v3/api/v1").orElseThrow()).isSameAs(openApi.document("v3/api/v1").orElseThrow());
    }
}
